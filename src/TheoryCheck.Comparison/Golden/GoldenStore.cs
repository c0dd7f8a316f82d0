using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Comparison.Golden;

/// <summary>
/// Golden snapshots of claim measurements in one folder (design.md, "Golden snapshots"):
/// <c>CLAIM.PROFILE.verified.json</c> (PROFILE = test|quick|full) holds the accepted <see cref="GoldenSnapshot"/>;
/// on mismatch <c>CLAIM.PROFILE.received.json</c> is written beside it and the outcome carries a table of the
/// failing fields; update mode rewrites the verified file and deletes the received one; a missing verified file
/// is created (reported as new) unless <see cref="GoldenOptions.FailOnMissing"/> (CI) makes it a failure.
/// </summary>
public sealed class GoldenStore
{
    /// <param name="directory">Folder of the snapshots (created on first write), e.g. <see cref="RepositoryRoot.GoldenDirectory"/>.</param>
    /// <param name="options">Behaviour; null reads <see cref="GoldenOptions.FromEnvironment"/> (THEORYCHECK_GOLDEN_UPDATE, CI).</param>
    public GoldenStore(string directory, GoldenOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("golden directory must not be empty", nameof(directory));
        Directory = Path.GetFullPath(directory);
        Options = options ?? GoldenOptions.FromEnvironment();
    }

    /// <summary>The snapshot folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>Update and CI behaviour.</summary>
    public GoldenOptions Options { get; }

    /// <summary><c>DIR/CLAIM.profile.verified.json</c>.</summary>
    public string VerifiedPath(string claimId, Profile profile) => Path.Combine(Directory, $"{Stem(claimId, profile)}.verified.json");

    /// <summary><c>DIR/CLAIM.profile.received.json</c>.</summary>
    public string ReceivedPath(string claimId, Profile profile) => Path.Combine(Directory, $"{Stem(claimId, profile)}.received.json");

    /// <summary>Verifies a claim result's <see cref="ClaimResult.Measurements"/> with its <see cref="ClaimResult.GoldenTolerances"/> (update mode: updates).</summary>
    public GoldenOutcome Verify(ClaimResult result) =>
        Verify(result.Info.Id, result.Profile, result.Measurements, result.GoldenTolerances);

    /// <summary>Verifies <paramref name="measurements"/> against the verified snapshot of (claim, profile) (update mode: updates).</summary>
    public GoldenOutcome Verify(string claimId, Profile profile, JsonNode measurements, IReadOnlyList<GoldenTolerance>? tolerances = null)
    {
        if (Options.UpdateMode) return Update(claimId, profile, measurements);
        var received = GoldenSnapshot.Flatten(measurements);
        string verified = VerifiedPath(claimId, profile), receivedPath = ReceivedPath(claimId, profile);
        if (!File.Exists(verified))
        {
            if (Options.FailOnMissing)
            {
                Write(receivedPath, received);
                return Outcome(claimId, profile, GoldenStatus.Missing, received) with { ReceivedPath = receivedPath };
            }
            Write(verified, received);
            File.Delete(receivedPath);
            return Outcome(claimId, profile, GoldenStatus.Created, received);
        }
        GoldenSnapshot expected;
        try
        {
            expected = GoldenSnapshot.Parse(File.ReadAllText(verified));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException
                                      or KeyNotFoundException or NullReferenceException or IOException or UnauthorizedAccessException)
        {
            // Reported as this claim's failure (the other claims are still verified); the file itself is left alone.
            string problem = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            string? written = TryWrite(receivedPath, received) ? receivedPath : null;
            return Outcome(claimId, profile, GoldenStatus.Corrupt, received) with { ReceivedPath = written, Problem = problem };
        }
        var mismatches = received.Compare(expected, tolerances ?? []);
        if (mismatches.Count == 0)
        {
            File.Delete(receivedPath);
            return Outcome(claimId, profile, GoldenStatus.Matched, received);
        }
        Write(receivedPath, received);
        return Outcome(claimId, profile, GoldenStatus.Mismatched, received) with { ReceivedPath = receivedPath, Mismatches = mismatches };
    }

    /// <summary>Writes a claim result's measurements as the verified snapshot and deletes any received file.</summary>
    public GoldenOutcome Update(ClaimResult result) => Update(result.Info.Id, result.Profile, result.Measurements);

    /// <summary>Writes <paramref name="measurements"/> as the verified snapshot of (claim, profile) and deletes any received file.</summary>
    public GoldenOutcome Update(string claimId, Profile profile, JsonNode measurements)
    {
        var received = GoldenSnapshot.Flatten(measurements);
        Write(VerifiedPath(claimId, profile), received);
        File.Delete(ReceivedPath(claimId, profile));
        return Outcome(claimId, profile, GoldenStatus.Updated, received);
    }

    private GoldenOutcome Outcome(string claimId, Profile profile, GoldenStatus status, GoldenSnapshot received) => new()
    {
        ClaimId = claimId,
        Profile = profile,
        Status = status,
        VerifiedPath = VerifiedPath(claimId, profile),
        FieldCount = received.Fields.Count,
    };

    private void Write(string path, GoldenSnapshot snapshot)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // Write to a temporary file and move, so an interrupted run never leaves a truncated snapshot; a failed write
        // leaves no temporary behind.
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temporary, snapshot.ToText());
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private bool TryWrite(string path, GoldenSnapshot snapshot)
    {
        try
        {
            Write(path, snapshot);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Removes temporaries (<c>*.tmp</c>) that an interrupted write left in the folder.</summary>
    public void RemoveStaleTemporaries()
    {
        if (!System.IO.Directory.Exists(Directory)) return;
        foreach (string file in System.IO.Directory.EnumerateFiles(Directory, "*.json.*.tmp").Concat(System.IO.Directory.EnumerateFiles(Directory, "*.json.tmp")))
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static string Stem(string claimId, Profile profile)
    {
        if (string.IsNullOrWhiteSpace(claimId) || claimId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || claimId.Contains(".."))
            throw new ArgumentException($"claim id '{claimId}' cannot name a golden file", nameof(claimId));
        return $"{claimId}.{profile.ToString().ToLowerInvariant()}";
    }
}

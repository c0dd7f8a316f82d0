using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Comparison.Store;

/// <summary>
/// The results store of a report directory (<c>DIR/.store</c>): content-keyed cells (one simulation run each, keyed by
/// <see cref="StoreKey"/>), the claim results (result.json documents keyed by everything that determines them) and an
/// index of the latest result per claim, from which the report is built. Every file is written to a temporary sibling
/// and renamed into place, so a killed run leaves finished cells intact and no half-written file; temporaries left by
/// a killed run are removed when the store is opened. Not synchronised: the caller holds the directory's
/// <see cref="RunLock"/>.
/// </summary>
public sealed class ResultStore
{
    /// <summary>Name of the store folder inside a report directory.</summary>
    public const string FolderName = ".store";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private readonly object _indexGate = new();

    private ResultStore(string root) => Root = root;

    /// <summary>The store folder.</summary>
    public string Root { get; }

    /// <summary>
    /// Opens (creating) the store of report directory <paramref name="directory"/> and removes temporaries left by a
    /// killed run.
    /// </summary>
    public static ResultStore Open(string directory)
    {
        string root = Path.Combine(Path.GetFullPath(directory), FolderName);
        Directory.CreateDirectory(Path.Combine(root, "cells"));
        Directory.CreateDirectory(Path.Combine(root, "claims"));
        foreach (string stale in Directory.EnumerateFiles(root, "*.tmp-*", SearchOption.AllDirectories)) File.Delete(stale);
        return new ResultStore(root);
    }

    /// <summary>True when <paramref name="directory"/> holds a store.</summary>
    public static bool Exists(string directory) => Directory.Exists(Path.Combine(Path.GetFullPath(directory), FolderName, "cells"));

    /// <summary>The stored cell <paramref name="key"/>, or null.</summary>
    public JsonObject? ReadCell(string key)
    {
        string path = CellPath(key);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : null;
    }

    /// <summary>Stores cell <paramref name="key"/> atomically.</summary>
    public void WriteCell(string key, JsonObject cell) => WriteAtomically(CellPath(key), cell.ToJsonString(Compact));

    /// <summary>The number of stored cells.</summary>
    public int CellCount => Directory.EnumerateFiles(Path.Combine(Root, "cells"), "*.json", SearchOption.AllDirectories).Count();

    /// <summary>The stored result of claim <paramref name="id"/> under <paramref name="key"/>, or null.</summary>
    public ClaimResult? ReadClaim(string id, string key)
    {
        string path = ClaimPath(id, key);
        return File.Exists(path) ? ClaimResultReader.Read(JsonNode.Parse(File.ReadAllText(path))!.AsObject()) : null;
    }

    /// <summary>Stores the result of a claim under <paramref name="key"/> and makes it the claim's latest in the index.</summary>
    public void WriteClaim(string key, ClaimResult result)
    {
        WriteAtomically(ClaimPath(result.Info.Id, key), ClaimResultJson.ToText(result));
        SetLatest(result.Info.Id, key);
    }

    /// <summary>Makes the stored result <paramref name="key"/> the latest of claim <paramref name="id"/> (the one the report shows).</summary>
    public void SetLatest(string id, string key)
    {
        lock (_indexGate)
        {
            var index = ReadIndex();
            index[id] = key;
            WriteAtomically(IndexPath, index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
    }

    /// <summary>The latest stored result of every claim in the index (claim id → result).</summary>
    public IReadOnlyDictionary<string, ClaimResult> LatestClaims()
    {
        var results = new Dictionary<string, ClaimResult>(StringComparer.Ordinal);
        foreach (var (id, key) in ReadIndex())
            if (ReadClaim(id, key!.GetValue<string>()) is { } result) results[id] = result;
        return results;
    }

    /// <summary>Copies every cell and claim result of <paramref name="other"/> that this store lacks (merging shard stores).</summary>
    public (int Cells, int Claims) Absorb(ResultStore other)
    {
        int cells = 0, claims = 0;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(other.Root, "cells"), "*.json", SearchOption.AllDirectories))
        {
            string target = Path.Combine(Root, Path.GetRelativePath(other.Root, file));
            if (File.Exists(target)) continue;
            WriteAtomically(target, File.ReadAllText(file));
            cells++;
        }
        foreach (string file in Directory.EnumerateFiles(Path.Combine(other.Root, "claims"), "*.json", SearchOption.AllDirectories))
        {
            string target = Path.Combine(Root, Path.GetRelativePath(other.Root, file));
            if (File.Exists(target)) continue;
            WriteAtomically(target, File.ReadAllText(file));
            claims++;
        }
        return (cells, claims);
    }

    /// <summary>The run request stored by a shard run (what <c>merge</c> re-runs), or null.</summary>
    public JsonObject? ReadManifest() => File.Exists(ManifestPath) ? JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject() : null;

    /// <summary>Stores the run request of this store's run.</summary>
    public void WriteManifest(JsonObject manifest) => WriteAtomically(ManifestPath, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    private string IndexPath => Path.Combine(Root, "index.json");

    private string ManifestPath => Path.Combine(Root, "manifest.json");

    private JsonObject ReadIndex() => File.Exists(IndexPath) ? JsonNode.Parse(File.ReadAllText(IndexPath))!.AsObject() : new JsonObject();

    private string CellPath(string key) => Path.Combine(Root, "cells", key[..2], key + ".json");

    private string ClaimPath(string id, string key) => Path.Combine(Root, "claims", id, key + ".json");

    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}

using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>theorycheck golden verify|update [CLAIM...|--all]</c>: runs claims at the test profile and compares their
/// measurements with golden/CLAIM.test.verified.json (tolerance-aware), or rewrites those files. A golden that cannot
/// be read (corrupt, unreadable) is that claim's failure and the rest are still verified; under CI=true verify never
/// rewrites a golden. The golden directory is checked (exists, writable) before any claim runs.
/// </summary>
public static class GoldenCommand
{
    public static Command Create(CliIO io)
    {
        var root = new Command("golden", "Verify or update the golden snapshots (test profile) of the claims.");
        root.Subcommands.Add(Create(io, "verify", "Run claims at the test profile and compare with golden/*.verified.json; mismatches write .received.json.", update: false));
        root.Subcommands.Add(Create(io, "update", "Run claims at the test profile and rewrite golden/*.verified.json.", update: true));
        return root;
    }

    private static Command Create(CliIO io, string name, string description, bool update)
    {
        var claims = new Argument<string[]>("CLAIM") { Description = "Claim ids or globs (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every claim (the default when no claim is named; accepted for symmetry with 'run')." };
        var directory = new Option<string?>("--golden-dir") { Description = "Golden directory (default: golden/ of the repository).", HelpName = "DIR" };
        var threads = new Option<int>("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "N" };
        var spec = new Option<string?>("--spec") { Description = "A claim spec file: its claims' goldens (default directory: golden/ beside the spec).", HelpName = "FILE" };
        var command = new Command(name, description);
        command.Arguments.Add(claims);
        command.Options.Add(all);
        command.Options.Add(directory);
        command.Options.Add(threads);
        command.Options.Add(spec);
        command.SetAction(result =>
        {
            string[] patterns = result.GetValue(claims) ?? [];
            if (result.GetValue(all) && patterns.Length > 0) throw new InputException("give claim ids or --all, not both");
            string? specPath = result.GetValue(spec) is string specText ? Path.GetFullPath(specText) : null;
            var specClaims = specPath is null ? [] : Comparison.Specs.ClaimSpecReader.Read(specPath);
            var selected = specPath is not null && patterns.Length == 0 ? specClaims : ClaimSelector.Select([.. ModelCatalog.Claims, .. specClaims], patterns);
            int threadCount = result.GetValue(threads);
            if (threadCount < 1) throw new InputException($"--threads must be ≥ 1 (got {threadCount})");
            string folder = result.GetValue(directory)
                ?? (specPath is not null ? Path.Combine(Path.GetDirectoryName(specPath)!, "golden") : null)
                ?? Path.Combine(RepositoryRoot.TryFind(Environment.CurrentDirectory)
                                ?? throw new InputException("not inside the TheoryCheck repository: pass --golden-dir"), "golden");
            if (specPath is not null && update && result.GetValue(directory) is null) Directory.CreateDirectory(folder);
            if (File.Exists(folder)) throw new InputException($"--golden-dir: '{folder}' is a file, not a directory");
            if (!Directory.Exists(folder)) throw new InputException($"golden directory '{folder}' does not exist");
            if (OutputDirectory.Problem(folder) is string unwritable) throw new InputException($"--golden-dir: {unwritable}");
            // Under CI a verification never rewrites a golden, whatever THEORYCHECK_GOLDEN_UPDATE says (GoldenOptions).
            var defaults = GoldenOptions.FromVariables(io.Variable);
            var store = new GoldenStore(folder, defaults with { UpdateMode = update || defaults.UpdateMode });
            store.RemoveStaleTemporaries();
            bool allPassed = true;
            using var progress = new StderrProgress(io, $"golden {name}");
            var runner = new ClaimRunner(Profile.Test, threadCount) { Progress = progress };
            foreach (var claim in selected)
            {
                var claimResult = runner.RunOne(claim);
                GoldenOutcome outcome;
                try
                {
                    outcome = update ? store.Update(claimResult) : store.Verify(claimResult);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // This claim's golden cannot be written: its failure, and the other claims go on.
                    allPassed = false;
                    io.Out.WriteLine($"{claim.Info.Id}: golden not {(update ? "written" : "verified")} ({CliApp.OneLine(e.Message)}), verdict {ClaimResultJson.VerdictName(claimResult.Verdict)}");
                    continue;
                }
                bool ok = outcome.Passed && claimResult.Verdict == Verdict.Holds;
                allPassed &= ok;
                io.Out.WriteLine($"{claim.Info.Id}: golden {outcome.Status.ToString().ToLowerInvariant()}, verdict {ClaimResultJson.VerdictName(claimResult.Verdict)}");
                if (!outcome.Passed) io.Out.WriteLine(outcome.Report);
            }
            return allPassed ? 0 : 1;
        });
        return command;
    }
}

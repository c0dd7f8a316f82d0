using System.CommandLine;
using System.Diagnostics;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Models;
using TheoryCheck.Reports.Pages;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>theorycheck run [CLAIM...|--all] [--profile quick|full|test] [--out DIR] [--threads N] [--engine E]
/// [--set name=value] [--negative-control]</c>: runs claims and writes DIR/index.md, DIR/index.html, DIR/report.pdf and
/// DIR/CLAIM/{result.json, figures}. Exit 0 when every claim holds (under <c>--negative-control</c>: when no claim
/// holds, i.e. every planted mistake is detected), 1 otherwise (fails, inconclusive, diverged), 2 on bad input.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliIO io)
    {
        var claims = new Argument<string[]>("CLAIM") { Description = "Claim ids or globs (e.g. kgmm.*); see 'theorycheck claims'.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Run every claim." };
        var profile = ProfileOption.Create("quick");
        var output = new Option<string?>("--out") { Description = "Report directory (default reports/PROFILE).", HelpName = "DIR" };
        var threads = new Option<int>("--threads") { Description = "Worker threads for the d × seed sweeps (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "N" };
        var set = new Option<string[]>("--set") { Description = "Change a model parameter or claim setting, name=value (repeatable); results are marked 'parameters changed'.", HelpName = "name=value" };
        var engine = new Option<string?>("--engine") { Description = "Simulation engine for every selected claim (each must accept it; see 'theorycheck claims').", HelpName = "NAME" };
        var control = new Option<bool>("--negative-control") { Description = "Apply every claim's negative control (a planted mistake in its theory): a claim must then not hold." };
        var strength = new Option<string?>("--control-strength") { Description = "With --negative-control: the size of each perturbation relative to the documented one (default 1), to measure a claim's resolution.", HelpName = "S" };
        var command = new Command("run", "Run claims at a profile and write the report (index.md, index.html, report.pdf, per-claim results and figures).");
        command.Arguments.Add(claims);
        foreach (var option in new Option[] { all, profile, output, threads, engine, set, control, strength }) command.Options.Add(option);
        command.SetAction(result =>
        {
            string[] patterns = result.GetValue(claims) ?? [];
            bool runAll = result.GetValue(all);
            if (runAll && patterns.Length > 0) throw new InputException("give claim ids or --all, not both");
            if (!runAll && patterns.Length == 0) throw new InputException("name the claims to run (see 'theorycheck claims') or pass --all");
            int threadCount = result.GetValue(threads);
            if (threadCount < 1) throw new InputException($"--threads must be ≥ 1 (got {threadCount})");
            string profileName = result.GetValue(profile)!;
            string directory = result.GetValue(output) ?? Path.Combine("reports", profileName);
            if (ReportWriter.TargetProblem(directory) is string problem) throw new InputException($"--out: {problem}");
            var selected = ClaimSelector.Select(ModelCatalog.Claims, patterns);
            bool negativeControl = result.GetValue(control);
            double controlStrength = 1;
            if (result.GetValue(strength) is string strengthText)
            {
                if (!negativeControl) throw new InputException("--control-strength needs --negative-control");
                controlStrength = CliNumbers.ParseReal("--control-strength", strengthText);
                if (controlStrength <= 0) throw new InputException($"--control-strength must be > 0 (got {strengthText})");
            }

            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            RunSummary summary;
            using (var progress = new StderrProgress(io, "run"))
            {
                var runner = new ClaimRunner(ProfileOption.Parse(profileName), threadCount)
                {
                    Overrides = ClaimOverrides.Parse(result.GetValue(set) ?? []),
                    Engine = result.GetValue(engine),
                    NegativeControl = negativeControl,
                    ControlStrength = controlStrength,
                    Progress = progress,
                };
                runner.Validate(selected);
                summary = runner.Run(selected);
            }
            var info = new RunInfo(summary.Profile, summary.GitCommit, started, clock.Elapsed.TotalSeconds,
                "theorycheck " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), RunInfo.DescribeMachine());
            ReportWriter.Write(summary.Results, info, directory);

            io.Out.Write(TextTable.Format(["claim", "verdict", "seconds"],
                summary.Results.Select(r => (IReadOnlyList<string>)[r.Info.Id, VerdictText(r), r.Timings.TryGetValue("total", out double s) ? s.ToString("F1") : "—"]), indent: ""));
            io.Out.WriteLine(negativeControl
                ? $"\nnegative controls: {summary.Results.Count(r => r.Verdict != Verdict.Holds)} of {summary.Results.Count} detected (the claim does not hold under its control); report in {Path.GetFullPath(directory)}"
                : $"\n{summary.Count(Verdict.Holds)} of {summary.Results.Count} claims hold; report in {Path.GetFullPath(directory)}");
            return summary.AllAsExpected ? 0 : 1;
        });
        return command;
    }

    private static string VerdictText(ClaimResult r) => (r.Verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Fails => "FAILS",
        Verdict.Inconclusive => "INCONCLUSIVE",
        Verdict.Diverged => "DIVERGED",
        _ => r.Verdict.ToString(),
    }) + (r.ParametersChanged ? " (parameters changed)" : "") + (r.Control is not null ? (r.Verdict == Verdict.Holds ? " — control NOT detected" : " — control detected") : "");
}

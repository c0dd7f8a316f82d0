using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Comparison.Store;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>theorycheck run [CLAIM...|--all] [--profile quick|full|test] [--out DIR] [--threads N] [--engine E]
/// [--set name=value] [--negative-control [--control-strength S]] [--shard i/n] [--progress auto|plain|none]</c>: runs
/// claims into DIR's results store and writes DIR/index.md, DIR/index.html, DIR/report.pdf and DIR/CLAIM/{result.json,
/// figures}. The same command into the same DIR resumes; a shard computes its cells only (then <c>merge</c>). Exit 0
/// when every claim holds (under <c>--negative-control</c>: when no claim holds), 1 otherwise (fails, inconclusive,
/// diverged), 2 on bad input, 130/143 when stopped by SIGINT/SIGTERM.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliIO io)
    {
        var claims = new Argument<string[]>("CLAIM") { Description = "Claim ids or globs (e.g. kgmm.*); see 'theorycheck claims'.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Run every claim." };
        var profile = ProfileOption.Create("quick");
        var output = new Option<string?>("--out") { Description = "Report directory (default reports/PROFILE); its results store makes a repeated run resume.", HelpName = "DIR" };
        var threads = new Option<int>("--threads") { Description = "Worker threads for the d × seed sweeps (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "N" };
        var set = new Option<string[]>("--set") { Description = "Change a model parameter or claim setting, name=value (repeatable); results are marked 'parameters changed'.", HelpName = "name=value" };
        var engine = new Option<string?>("--engine") { Description = "Simulation engine for every selected claim (each must accept it; see 'theorycheck claims').", HelpName = "NAME" };
        var control = new Option<bool>("--negative-control") { Description = "Apply every claim's negative control (a planted mistake in its theory): a claim must then not hold." };
        var strength = new Option<string?>("--control-strength") { Description = "With --negative-control: the size of each perturbation relative to the documented one (default 1), to measure a claim's resolution.", HelpName = "S" };
        var shard = new Option<string?>("--shard") { Description = "Compute only shard i of n (0 ≤ i < n) into DIR's store; combine the shard directories with 'theorycheck merge'.", HelpName = "i/n" };
        var progress = ProgressOption.Create();
        var spec = new Option<string?>("--spec") { Description = "A claim spec file (JSON; docs/specs.md): run its claims (or those named among them and the catalogue).", HelpName = "FILE" };
        var budget = ResourceLimits.CreateOption();
        var style = new Option<string?>("--style")
        {
            Description = "Figure style (JSON): sizes (single_width_in, …), font sizes (title_size, label_size, tick_size, legend_size), font_family, palette [\"#RRGGBB\", …], titles true|false, line_width, marker_size, band_opacity, png_dpi.",
            HelpName = "FILE",
        };
        var command = new Command("run", "Run claims at a profile and write the report (index.md, index.html, report.pdf, per-claim results and figures).");
        command.Arguments.Add(claims);
        foreach (var option in new Option[] { all, spec, profile, output, threads, engine, set, control, strength, shard, progress, budget, style }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var figureStyle = result.GetValue(style) is string stylePath ? Reports.Theme.FigureStyleFile.Read(stylePath) : null;
            string[] patterns = result.GetValue(claims) ?? [];
            bool runAll = result.GetValue(all);
            if (runAll && patterns.Length > 0) throw new InputException("give claim ids or --all, not both");
            string? specPath = result.GetValue(spec) is string specText ? Path.GetFullPath(specText) : null;
            if (!runAll && patterns.Length == 0 && specPath is null) throw new InputException("name the claims to run (see 'theorycheck claims'), pass --all, or give --spec FILE");
            int threadCount = result.GetValue(threads);
            if (threadCount < 1) throw new InputException($"--threads must be ≥ 1 (got {threadCount})");
            string profileName = result.GetValue(profile)!;
            string directory = result.GetValue(output) ?? Path.Combine("reports", profileName);
            if (string.IsNullOrWhiteSpace(directory)) throw new InputException("--out must not be empty");
            var specClaims = specPath is null ? [] : Comparison.Specs.ClaimSpecReader.Read(specPath);
            var selected = specPath is not null && !runAll && patterns.Length == 0
                ? specClaims
                : ClaimSelector.Select([.. ModelCatalog.Claims, .. specClaims], patterns);
            bool negativeControl = result.GetValue(control);
            double controlStrength = 1;
            if (result.GetValue(strength) is string strengthText)
            {
                if (!negativeControl) throw new InputException("--control-strength needs --negative-control");
                controlStrength = CliNumbers.ParseReal("--control-strength", strengthText);
                if (controlStrength <= 0) throw new InputException($"--control-strength must be > 0 (got {strengthText})");
            }
            var shardSpec = result.GetValue(shard) is string shardText ? ShardSpec.Parse(shardText) : null;
            var request = new RunRequest(selected.Select(c => c.Info.Id).ToList(), profileName, result.GetValue(engine),
                result.GetValue(set) ?? [], negativeControl, controlStrength) { Spec = specPath };
            return ClaimRunExecution.Execute(io, request, directory, threadCount, shardSpec, ProgressOption.Parse(result.GetValue(progress)!), [],
                ResourceLimits.Resolve(result, budget, io), figureStyle);
        });
        return command;
    }
}

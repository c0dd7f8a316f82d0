using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>theorycheck spectrum MODEL --d D --seed N --t T --matrix hessian|g</c>: top eigenpairs of the empirical test
/// Hessian or G matrix (β excluded) after SGD to time T, with the theory's predicted outliers and bulk edge.
/// </summary>
public static class SpectrumCommand
{
    public static Command Create(CliIO io)
    {
        var model = new ModelOptions();
        var output = new OutputOptions("json");
        var dimension = new Option<int>("--d") { Description = "Data dimension d.", Required = true, HelpName = "D" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", Required = true, HelpName = "N" };
        var time = new Option<double>("--t") { Description = "Model time T at which the SGD iterate is taken.", Required = true, HelpName = "T" };
        var matrix = new Option<string>("--matrix") { Description = "hessian | g (gradient second moment).", Required = true };
        matrix.AcceptOnlyFromAmong("hessian", "g");
        var block = new Option<string?>("--block") { Description = "Block name (e.g. 1 for the class-1 block of kgmm); default: the full matrix.", HelpName = "NAME" };
        var ratio = new Option<double>("--samples-ratio") { Description = "φ: number of fresh test samples M = ⌈φ·d⌉.", DefaultValueFactory = _ => 3.0, HelpName = "φ" };
        var top = new Option<int>("--top") { Description = "Number of top eigenpairs.", DefaultValueFactory = _ => 10, HelpName = "n" };
        var command = new Command("spectrum", "Top eigenpairs of the empirical test Hessian / G matrix after SGD, with predicted outliers.");
        model.AddTo(command);
        foreach (var option in new Option[] { dimension, seed, time, matrix, block, ratio, top }) command.Options.Add(option);
        output.AddTo(command);
        command.SetAction(result =>
        {
            var (binding, parameters) = model.Resolve(result);
            var request = new SpectrumRequest(result.GetValue(dimension), result.GetValue(seed), result.GetValue(time),
                result.GetRequiredValue(matrix), result.GetValue(block), result.GetValue(ratio), result.GetValue(top));
            if (request.Dimension < 1) throw new InputException($"--d must be ≥ 1 (got {request.Dimension})");
            if (!double.IsFinite(request.Time) || request.Time < 0) throw new InputException($"--t must be a finite number ≥ 0 (got {request.Time})");
            if (!double.IsFinite(request.SamplesRatio) || request.SamplesRatio <= 0) throw new InputException($"--samples-ratio must be > 0 (got {request.SamplesRatio})");
            if (request.Top < 1) throw new InputException($"--top must be ≥ 1 (got {request.Top})");
            var document = binding.Spectrum(parameters, request);
            output.Emit(result, io, document.ToJsonString(CliJson.Indented) + "\n");
            return 0;
        });
        return command;
    }
}

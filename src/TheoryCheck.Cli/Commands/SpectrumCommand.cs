using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>theorycheck spectrum MODEL --d D --seed N --t T --matrix hessian|g [--data test|train]</c>: top eigenpairs of the
/// empirical Hessian or G matrix (β excluded) after SGD to time T, on fresh test samples or on the last M samples SGD
/// used (kgmm.md §14, xor.md §15), with the theory's predicted outliers and bulk edge.
/// </summary>
public static class SpectrumCommand
{
    public static Command Create(CliIO io)
    {
        var model = new ModelOptions(dimension: true, seed: true);
        var output = new OutputOptions("json", "text");
        var time = new Option<string>("--t") { Description = "Model time T at which the SGD iterate is taken.", Required = true, HelpName = "T" };
        var matrix = new Option<string>("--matrix") { Description = "hessian | g (gradient second moment).", Required = true };
        matrix.AcceptOnlyFromAmong("hessian", "g");
        var block = new Option<string?>("--block") { Description = "Block name (e.g. 1 for the class-1 block of kgmm); default: the full matrix.", HelpName = "NAME" };
        var ratio = new Option<string>("--samples-ratio") { Description = "φ: number of fresh test samples M = ⌈φ·d⌉.", DefaultValueFactory = _ => "3", HelpName = "φ" };
        var data = new Option<string>("--data")
        {
            Description = "test: M = ⌈φ·d⌉ fresh test samples; train: the last M samples SGD used before T (needs T ≥ M·δ).",
            DefaultValueFactory = _ => SpectrumRequest.DataTest,
            HelpName = "test|train",
        };
        data.AcceptOnlyFromAmong(SpectrumRequest.DataTest, SpectrumRequest.DataTrain);
        var top = new Option<int>("--top") { Description = "Number of top eigenpairs.", DefaultValueFactory = _ => 10, HelpName = "n" };
        var budget = ResourceLimits.CreateOption();
        var command = new Command("spectrum", "Top eigenpairs of the empirical test Hessian / G matrix after SGD, with predicted outliers.");
        model.AddTo(command);
        foreach (var option in new Option[] { time, matrix, block, ratio, top, data }) command.Options.Add(option);
        output.AddTo(command);
        command.Options.Add(budget);
        command.SetAction(result =>
        {
            var (binding, parameters) = model.Resolve(result);
            long d = SimulationPoint.Dimension(parameters);
            if (d > int.MaxValue) throw new InputException($"--d must be ≤ {int.MaxValue} (got {d})");
            double t = CliNumbers.ParseReal("--t", result.GetRequiredValue(time));
            double phi = CliNumbers.ParseReal("--samples-ratio", result.GetRequiredValue(ratio));
            var request = new SpectrumRequest((int)d, SimulationPoint.Seed(parameters), t,
                result.GetRequiredValue(matrix), result.GetValue(block), phi, result.GetValue(top))
            {
                Data = result.GetValue(data) ?? SpectrumRequest.DataTest,
            };
            if (request.Time < 0) throw new InputException($"--t must be ≥ 0 (got {request.Time})");
            if (request.SamplesRatio <= 0) throw new InputException($"--samples-ratio must be > 0 (got {request.SamplesRatio})");
            if (request.Top < 1) throw new InputException($"--top must be ≥ 1 (got {request.Top})");
            var limits = ResourceLimits.Resolve(result, budget, io);
            request = request with { WorkBudget = double.IsFinite(limits.Work) ? limits.Work : null };
            limits.Check(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"spectrum {binding.Descriptor.Id} at d = {d} with M = φ·d = {Math.Ceiling(phi * d):G} samples"), binding.EstimateSpectrum(parameters, request));
            output.Check(result);
            var document = binding.Spectrum(parameters, request);
            output.Emit(result, io, result.GetValue(output.Format) == "text"
                ? SpectrumText.Format(document, request)
                : Models.Observables.Trajectory.Finite(document)!.ToJsonString(CliJson.Indented) + "\n");
            var faults = document["faults"] as System.Text.Json.Nodes.JsonArray ?? [];
            foreach (var fault in faults)
                io.Error.WriteLine($"theorycheck: fault: {fault!["kind"]}: {fault["message"]}");
            return faults.Count == 0 ? 0 : 1;
        });
        return command;
    }
}

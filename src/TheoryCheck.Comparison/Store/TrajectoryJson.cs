using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Comparison.Store;

/// <summary>
/// A lossless JSON form of a <see cref="Trajectory"/> for the results store: every field, numbers in their shortest
/// round-trip form and non-finite values as named strings, so a stored run reads back bit for bit.
/// </summary>
public static class TrajectoryJson
{
    /// <summary>The document of <paramref name="trajectory"/>.</summary>
    public static JsonObject Write(Trajectory trajectory)
    {
        var observables = new JsonArray();
        foreach (var (name, values) in trajectory.Observables)
            observables.Add((JsonNode?)(new JsonObject { ["name"] = name, ["values"] = ClaimResultJson.Numbers(values) }));
        return new JsonObject
        {
            ["model"] = trajectory.Model,
            ["engine"] = trajectory.Engine,
            ["sgd_engine"] = trajectory.SimulationEngine,
            ["params"] = trajectory.Parameters.DeepClone(),
            ["d"] = trajectory.Dimension,
            ["seed"] = trajectory.Seed,
            ["t"] = ClaimResultJson.Numbers(trajectory.Times),
            ["observables"] = observables,
            ["status"] = new JsonObject
            {
                ["diverged"] = trajectory.Status.Diverged,
                ["step"] = trajectory.Status.Step,
                ["time"] = ClaimResultJson.Number(trajectory.Status.Time),
                ["message"] = trajectory.Status.Message,
                ["step_budget"] = trajectory.Status.StepBudgetExhausted,
            },
            ["faults"] = new JsonArray(trajectory.Faults.Select(f => (JsonNode?)f.ToJson()).ToArray()),
            ["diagnostics"] = ClaimResultJson.Sanitize(trajectory.Diagnostics),
        };
    }

    /// <summary>The trajectory of a document written by <see cref="Write"/>.</summary>
    public static Trajectory Read(JsonObject document)
    {
        var status = document["status"]!.AsObject();
        return new Trajectory(
            document["model"]!.GetValue<string>(),
            document["engine"]!.GetValue<string>(),
            document["params"]!.DeepClone().AsObject(),
            document["d"]?.GetValue<int>(),
            document["seed"]?.GetValue<long>(),
            Reals(document["t"]),
            document["observables"]!.AsArray().Select(o => new KeyValuePair<string, double[]>(o!["name"]!.GetValue<string>(), Reals(o["values"]))).ToList(),
            new RunStatus(status["diverged"]!.GetValue<bool>(), status["step"]?.GetValue<long>(), Real(status["time"]), status["message"]?.GetValue<string>())
            {
                StepBudgetExhausted = status["step_budget"]?.GetValue<bool>() ?? false,
            },
            document["diagnostics"]!.DeepClone().AsObject())
        {
            SimulationEngine = document["sgd_engine"]?.GetValue<string>(),
            Faults = (document["faults"] as JsonArray ?? []).Select(f => NumericalFault.FromJson(f!)).ToList(),
        };
    }

    private static double[] Reals(JsonNode? node) => node!.AsArray().Select(n => Real(n) ?? double.NaN).ToArray();

    private static double? Real(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? text) => text switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => throw new FormatException($"not a number: '{text}'"),
        },
        _ => node.GetValue<double>(),
    };
}

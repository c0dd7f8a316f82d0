using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Tests.Comparison;

internal static class TrajectoryFactory
{
    public static Trajectory Make(string engine, double[] times, int? d, long? seed, params (string Name, double[] Values)[] observables) =>
        new("toy", engine, new JsonObject(), d, seed, times,
            observables.Select(o => new KeyValuePair<string, double[]>(o.Name, o.Values)).ToList(), RunStatus.Completed);
}

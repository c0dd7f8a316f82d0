using System.Collections.Concurrent;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Kgmm;

namespace TheoryCheck.Tests.Comparison.Kgmm;

/// <summary>Each kgmm claim run once per test process at the Test profile (2 threads), shared by the tests that read it.</summary>
internal static class KgmmTestResults
{
    private static readonly ConcurrentDictionary<string, Lazy<ClaimResult>> s_results = new();

    public static ClaimResult Of(string id) =>
        s_results.GetOrAdd(id, key => new Lazy<ClaimResult>(() =>
            new KgmmBinding().Claims.Single(c => c.Info.Id == key).Run(new ClaimContext(key, Profile.Test, threads: 2)))).Value;

    /// <summary>A number from the result's measurements by a path of keys and indices.</summary>
    public static double Number(ClaimResult result, params object[] path)
    {
        System.Text.Json.Nodes.JsonNode? node = result.Measurements;
        foreach (object step in path)
            node = step is int i ? node![i] : node![(string)step];
        return node!.GetValue<double>();
    }
}

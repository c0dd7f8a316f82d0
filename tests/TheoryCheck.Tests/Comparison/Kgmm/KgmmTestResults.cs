using System.Collections.Concurrent;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Kgmm;

namespace TheoryCheck.Tests.Comparison.Kgmm;

/// <summary>Each kgmm claim run once per test process at the Test profile (2 threads), shared by the tests that read it.</summary>
internal static class KgmmTestResults
{
    /// <summary>The shared Test-profile result of the catalogue contract test.</summary>
    public static ClaimResult Of(string id) => Catalog.CatalogueResults.Of(id);

    /// <summary>A number from the result's measurements by a path of keys and indices.</summary>
    public static double Number(ClaimResult result, params object[] path)
    {
        System.Text.Json.Nodes.JsonNode? node = result.Measurements;
        foreach (object step in path)
            node = step is int i ? node![i] : node![(string)step];
        return node!.GetValue<double>();
    }
}

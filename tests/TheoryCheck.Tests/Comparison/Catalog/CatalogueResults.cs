using System.Collections.Concurrent;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Running;

namespace TheoryCheck.Tests.Comparison.Catalog;

/// <summary>
/// Every catalogued claim run once per test process at the Test profile (2 threads, through the runner so the result
/// carries its provenance), normally and under its negative control; shared by the tests that read the results.
/// </summary>
internal static class CatalogueResults
{
    private static readonly ConcurrentDictionary<(string, bool), Lazy<ClaimResult>> s_results = new();

    /// <summary>The claim with id <paramref name="id"/>.</summary>
    public static IClaim Claim(string id) => ModelCatalog.Claims.Single(c => c.Info.Id == id);

    /// <summary>The Test-profile result of <paramref name="id"/> (under its negative control when <paramref name="controlled"/>).</summary>
    public static ClaimResult Of(string id, bool controlled = false) =>
        s_results.GetOrAdd((id, controlled), key => new Lazy<ClaimResult>(() =>
            new ClaimRunner(Profile.Test, threads: 2) { GitCommit = "test", NegativeControl = key.Item2 }.RunOne(Claim(key.Item1)))).Value;
}

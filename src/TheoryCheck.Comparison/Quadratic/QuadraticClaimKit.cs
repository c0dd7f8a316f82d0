using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models.Quadratic;
using TheoryCheck.Simulation.Quadratic;

namespace TheoryCheck.Comparison.Quadratic;

/// <summary>Helpers shared by the quadratic claims: overrides, JSON arrays, step grids, settings, ensembles.</summary>
internal static class QuadraticClaimKit
{
    /// <summary>Applies the user's <c>--set</c> overrides (model parameters only) to a profile parameter set (validated).</summary>
    public static QuadraticParameters Apply(ClaimContext context, QuadraticParameters profile) => context.Apply(profile.Validate());

    /// <summary>
    /// The parameters the theory side uses: <paramref name="p"/>, or under the negative control
    /// (<see cref="ClaimContext.NegativeControl"/>) the claim's deliberate change of them (validated).
    /// </summary>
    public static QuadraticParameters TheoryParameters(ClaimContext context, QuadraticParameters p, Func<QuadraticParameters, QuadraticParameters> control) =>
        context.NegativeControl ? control(p).Validate() : p;

    /// <summary>The noise variance σ² multiplied by <paramref name="factor"/> (a negative control).</summary>
    public static Func<QuadraticParameters, QuadraticParameters> NoiseScaled(double factor) => q => q with { NoiseVariance = factor * q.NoiseVariance };

    /// <summary>A JSON array of numbers in the one result.json format (non-finite values as "NaN"/"Infinity" strings).</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => ClaimResultJson.Numbers(values);

    /// <summary>The problem in paper notation for captions: "d = …, k = …, λ_D = …, λ_B = …, σ² = …, R = …".</summary>
    public static string Describe(QuadraticParameters p) =>
        $"d = {p.Dimension}, k = {p.DominantCount}, λ_D = {F(p.LambdaDominant)}, λ_B = {F(p.LambdaBulk)}, σ² = {F(p.NoiseVariance)}, R = {F(p.InitScale)}";

    /// <summary>A JSON array of integers.</summary>
    public static JsonArray Integers(IEnumerable<long> values)
    {
        var a = new JsonArray();
        foreach (long v in values) a.Add((JsonNode?)(v));
        return a;
    }

    /// <summary>Formats a number for check names.</summary>
    public static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Logarithmically spaced distinct steps in [1, T] (about <paramref name="count"/> of them) plus the extra ones.</summary>
    public static long[] LogSteps(long end, int count, IEnumerable<long>? extra = null)
    {
        var set = new SortedSet<long>();
        for (int i = 0; i < count; i++) set.Add(Math.Clamp((long)Math.Round(Math.Exp(Math.Log(end) * i / (count - 1))), 1, end));
        if (extra is not null) foreach (long t in extra) if (t >= 1 && t <= end) set.Add(t);
        return set.ToArray();
    }

    /// <summary>The standard settings object of a quadratic claim.</summary>
    public static JsonObject Settings(string simulation) => new()
    {
        ["theory"] = "exact expected second-moment recursion (quadratic.md §2), two-level spectrum, O(1) per step",
        ["per_run_law"] = "exact Gaussian s-integrals (quadratic.md §3), trapezoid in x = log s, 4000 points",
        ["simulation"] = simulation,
        ["random"] = "Philox4x32-10 counter streams; e_0 from (seed, quadratic/init), noise from (seed, quadratic/noise)",
    };

    /// <summary>
    /// Runs one SGD run per seed recording <paramref name="steps"/> on the context's threads and throws
    /// <see cref="DivergenceException"/> for the first diverged run (<paramref name="what"/> names the claim).
    /// </summary>
    public static QuadraticEnsemble RunEnsemble(ClaimContext context, QuadraticParameters p, IReadOnlyList<ulong> seeds, IReadOnlyList<long> steps, string what)
    {
        var ensemble = QuadraticSimulator.RunEnsemble(p, seeds, steps, context.Threads);
        foreach (var run in ensemble.Diverged)
            throw new DivergenceException($"{what}: sgd run d = {run.Parameters.Dimension}, seed = {run.Seed} {run.Status}", run.Status);
        return ensemble;
    }
}

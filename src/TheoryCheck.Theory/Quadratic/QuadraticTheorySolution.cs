using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// The expected second moments v_D(t), v_B(t), t = 0 … T, of the recursion (quadratic.md §2) with its status, and
/// the theory observables at any recorded step: χ²_RE, E[L], η*_t, η_dom, η_bulk (§3–§5) and, for the Gaussian
/// noise models, the exact per-run mean and spread of χ² (§3).
/// </summary>
public sealed class QuadraticTheorySolution
{
    private readonly double[] _dominant;
    private readonly double[] _bulk;

    internal QuadraticTheorySolution(QuadraticParameters parameters, double[] dominant, double[] bulk, RunStatus status)
    {
        Parameters = parameters;
        _dominant = dominant;
        _bulk = bulk;
        Status = status;
    }

    /// <summary>The parameters solved.</summary>
    public QuadraticParameters Parameters { get; }

    /// <summary>Completed, or diverged (the moments overflowed) at a step.</summary>
    public RunStatus Status { get; }

    /// <summary>Last recorded step T (the moments are known for t = 0 … T).</summary>
    public long LastStep => _dominant.Length - 1;

    /// <summary>v_D(t) for t = 0 … T.</summary>
    public ReadOnlySpan<double> DominantMoments => _dominant;

    /// <summary>v_B(t) for t = 0 … T.</summary>
    public ReadOnlySpan<double> BulkMoments => _bulk;

    /// <summary>(v_D(t), v_B(t)).</summary>
    public TwoLevelMoments Moments(long t) => new(_dominant[Index(t)], _bulk[Index(t)]);

    /// <summary>One-step analysis (η*_t, η_dom, η_bulk, predicted changes) of the state at step t.</summary>
    public OneStepAnalysis Analysis(long t)
    {
        var (d, b) = SecondMomentRecursion.Blocks(Parameters, Moments(t));
        return new OneStepAnalysis(d, b);
    }

    /// <summary>χ²_RE(t) = G_D/(G_D + G_B) from v(t) (observable <c>alignment</c>, §3).</summary>
    public double Alignment(long t)
    {
        var v = Moments(t);
        double gd = Parameters.DominantCount * Parameters.LambdaDominant * Parameters.LambdaDominant * v.Dominant;
        double gb = (double)Parameters.BulkCount * Parameters.LambdaBulk * Parameters.LambdaBulk * v.Bulk;
        return gd / (gd + gb);
    }

    /// <summary>E[L(t)] = ½Σ_i λ_i v_i(t) (observable <c>loss</c>, exact, §2).</summary>
    public double Loss(long t)
    {
        var v = Moments(t);
        return 0.5 * (Parameters.DominantCount * Parameters.LambdaDominant * v.Dominant + (double)Parameters.BulkCount * Parameters.LambdaBulk * v.Bulk);
    }

    /// <summary>η*_t (+∞ in the high-alignment regime, §4).</summary>
    public double EtaStar(long t) => Analysis(t).EtaStar;

    /// <summary>η_dom at step t (§5).</summary>
    public double EtaDom(long t) => Analysis(t).EtaDom;

    /// <summary>η_bulk at step t (§5).</summary>
    public double EtaBulk(long t) => Analysis(t).EtaBulk;

    /// <summary>The first t ≤ <paramref name="until"/> with η*_t &lt; η (the predicted turning step, §6.1), or null.</summary>
    public long? FirstStepBelowEtaStar(double eta, long until)
    {
        for (long t = 0; t <= Math.Min(until, LastStep); t++)
            if (EtaStar(t) < eta) return t;
        return null;
    }

    /// <summary>The argmin of χ²_RE over t ∈ [0, <paramref name="until"/>] (first one on ties).</summary>
    public long ArgMinAlignment(long until)
    {
        long best = 0;
        double min = double.PositiveInfinity;
        for (long t = 0; t <= Math.Min(until, LastStep); t++)
        {
            double a = Alignment(t);
            if (a < min) { min = a; best = t; }
        }
        return best;
    }

    /// <summary>The weight groups (λ_D²v_D, k, D) and (λ_B²v_B, d − k, B) of step t.</summary>
    public WeightGroup[] WeightGroups(long t)
    {
        var v = Moments(t);
        return
        [
            new(Parameters.LambdaDominant * Parameters.LambdaDominant * v.Dominant, Parameters.DominantCount, true),
            new(Parameters.LambdaBulk * Parameters.LambdaBulk * v.Bulk, Parameters.BulkCount, false),
        ];
    }

    /// <summary>
    /// Exact per-run E[χ²_t], E[(χ²_t)²] and sd (§3). Only for the Gaussian noise models (additive, hessian), where
    /// e_t is exactly Gaussian with independent coordinates; streaming noise throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public AlignmentMoments PerRunAlignment(long t, int points = GaussianAlignment.DefaultPoints)
    {
        if (Parameters.Noise == QuadraticNoise.Streaming)
            throw new InvalidOperationException("the exact per-run alignment law needs Gaussian coordinates (additive or hessian noise)");
        return GaussianAlignment.Exact(WeightGroups(t), points);
    }

    /// <summary>Delta-method approximation of E[χ²_t] and sd(χ²_t) for Gaussian coordinates (§3).</summary>
    public AlignmentMoments DeltaMethodAlignment(long t) => GaussianAlignment.DeltaMethod(WeightGroups(t));

    /// <summary>
    /// The theory trajectory on <paramref name="grid"/> (times rounded to the nearest step, each ≤ T): observables
    /// <c>alignment</c> (χ²_RE), <c>loss</c> (E[L]), <c>eta_star</c>, <c>eta_dom</c>, <c>eta_bulk</c>. Points past a
    /// divergence are dropped.
    /// </summary>
    public Trajectory ToTrajectory(TimeGrid grid)
    {
        var times = new List<double>();
        var columns = new List<double>[5];
        for (int c = 0; c < 5; c++) columns[c] = [];
        foreach (double time in grid.Times)
        {
            long t = (long)Math.Round(time);
            if (t > LastStep) break;
            var a = Analysis(t);
            times.Add(time);
            columns[0].Add(Alignment(t));
            columns[1].Add(Loss(t));
            columns[2].Add(a.EtaStar);
            columns[3].Add(a.EtaDom);
            columns[4].Add(a.EtaBulk);
        }
        string[] names = [QuadraticModel.Alignment, QuadraticModel.Loss, QuadraticModel.EtaStar, QuadraticModel.EtaDom, QuadraticModel.EtaBulk];
        var observables = names.Select((n, c) => new KeyValuePair<string, double[]>(n, columns[c].ToArray())).ToList();
        var diagnostics = new JsonObject
        {
            ["solver"] = "exact expected second-moment recursion (quadratic.md §2), two-level spectrum",
            ["steps"] = LastStep,
            ["alignment"] = "ratio of expectations χ²_RE = E[G_D]/(E[G_D] + E[G_B])",
        };
        return new Trajectory(QuadraticModel.Id, "ode", Parameters.ToJson(), Parameters.Dimension, null, times, observables, Status, diagnostics);
    }

    private int Index(long t)
    {
        if (t < 0 || t > LastStep) throw new ArgumentOutOfRangeException(nameof(t), $"step {t} outside [0, {LastStep}]");
        return (int)t;
    }
}

using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Gaussian;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// The cost model of kgmm in SGD element-updates (<see cref="WorkEstimate"/>; docs/design-notes.md §8), measured on
/// the development machine:
/// <list type="bullet">
/// <item>one SGD step (engine <c>full</c>): (k + 2)·d — k rows updated, the sample's d normals counted as two rows;</item>
/// <item>one ODE right-hand side: N·k³ + 50k³ with N the nodes of the (k − 1)-dimensional rule (tensor Gauss–Hermite
/// n^(k−1) with the §6.2 order at R = I, or the level-6 Smolyak grid for k − 1 ≥ 5), and about
/// 40 + 60√T + 4βT right-hand sides for a solve to T (Dormand–Prince 5(4) at rtol 1e-8: six per step; measured 38–62
/// at T = 1, 218 at T = 10, 4928 at T = 10⁴; a stiff
/// problem needs about 0.6·βT steps, the stability limit of the −2βR term);</item>
/// <item>the observables of one recorded time: 4N·k² (loss: k² exponentials per node) plus 5·10⁵·k(k − 1) for the
/// accuracy's QMC lattice (k ≥ 4); building a sparse grid: 1000 per node;</item>
/// <item>the population matrices: 5k⁴ per node of the k-dimensional rule; the spectral prediction: 5000 + 500k² per
/// node; one Lanczos step: the product (2·M·w·d + M·w² for M samples and block width w ∈ {1, k}) plus the full
/// re-orthogonalisation (2·m·n for a Krylov basis of m vectors of length n).</item>
/// </list>
/// Memory counts the arrays that scale: the weights and means (and the temporary frame) 6·k·d doubles, the quadrature
/// nodes with their per-node scratch, the recorded statistics and the printed document
/// (<see cref="WorkEstimate.BytesPerDocumentNumber"/> per number), the test samples M·d doubles and the Lanczos basis.
/// </summary>
public static class KgmmWork
{
    /// <summary>Right-hand sides per Dormand–Prince 5(4) step.</summary>
    private const double StagesPerStep = 6;

    /// <summary>
    /// An upper bound on the nodes of the level-<paramref name="level"/> Smolyak grid over nested Genz–Keister rules in
    /// <paramref name="dimension"/> dimensions (the distinct nodes before exact cancellations drop a few): the sum over
    /// multi-indices i (Σ iⱼ ≤ L + n − 1) of Π Δ(iⱼ), Δ the new nodes of 1-d level i (1, 2, 0, 6, 0…0, 10, …).
    /// </summary>
    public static double SparseNodes(int dimension, int level)
    {
        static int NewNodes(int l) => l switch { 1 => 1, 2 => 2, 4 => 6, 9 => 10, 16 => 16, _ => 0 };
        int q = level + dimension - 1;
        // count[b] = number of weighted tuples over the dimensions so far with level sum b.
        var count = new double[q + 1];
        count[0] = 1;
        for (int j = 0; j < dimension; j++)
        {
            var next = new double[q + 1];
            for (int b = 0; b <= q; b++)
            {
                if (count[b] == 0) continue;
                for (int l = 1; b + l <= q; l++)
                    if (NewNodes(l) is int n and > 0) next[b + l] += count[b] * n;
            }
            count = next;
        }
        return count.Sum();
    }

    /// <summary>The §6.2 Gauss–Hermite order at the initial state R = I: max(10, ⌈8/√λ⌉ + 4), at most 40.</summary>
    public static int InitialOrder(KgmmParameters p) => KgmmQuadrature.Order(1 / Math.Sqrt(p.Lambda));

    /// <summary>
    /// The §6.2 order the state may need by time <paramref name="end"/>: R grows from I by O(1) per unit time until the
    /// penalty balances it (about 1/β), so σ_max ≈ √((2 + min(T, 2/β))/λ) — an upper estimate (the solve re-runs once at
    /// the order its largest σ_max needs).
    /// </summary>
    public static int EstimatedOrder(KgmmParameters p, double end) =>
        Math.Max(InitialOrder(p), KgmmQuadrature.Order(Math.Sqrt((2 + Math.Min(Math.Max(end, 0), p.Beta > 0 ? 2 / p.Beta : double.PositiveInfinity)) / p.Lambda)));

    /// <summary>Nodes of the (k − 1)-dimensional rule of the ODE's right-hand side and of the population loss at order <paramref name="order"/> (sparse: the level-6 grid).</summary>
    public static double RuleNodesAt(KgmmParameters p, int order) =>
        p.K - 1 >= KgmmQuadrature.SparseFromDimension ? SparseNodes(p.K - 1, KgmmQuadrature.DefaultSparseLevel) : Math.Pow(order, p.K - 1);

    /// <summary>Nodes of the rule at the initial state.</summary>
    public static double RuleNodes(KgmmParameters p) => RuleNodesAt(p, InitialOrder(p));

    /// <summary>Nodes of the rule the state may need by <paramref name="end"/> (<see cref="EstimatedOrder"/>).</summary>
    public static double RuleNodes(KgmmParameters p, double end) => RuleNodesAt(p, EstimatedOrder(p, end));

    /// <summary>Nodes of the refined rule of the quadrature error estimate (n + 4, or the next sparse level when it exists).</summary>
    public static double RefinedNodes(KgmmParameters p, double end)
    {
        if (p.K - 1 < KgmmQuadrature.SparseFromDimension) return Math.Pow(EstimatedOrder(p, end) + 4, p.K - 1);
        double nodes = SparseNodes(p.K - 1, KgmmQuadrature.DefaultSparseLevel + 1);
        return nodes <= StandardNormalRule.MaxNodeCount ? nodes : 0;
    }

    /// <summary>Units of one right-hand side with <paramref name="nodes"/> nodes.</summary>
    public static double RhsUnits(int k, double nodes) => (nodes + 50) * k * (double)k * k;

    /// <summary>Units of the observables at one recorded time (loss on <paramref name="nodes"/> nodes: k² exponentials each; accuracy).</summary>
    public static double ObservableUnits(int k, double nodes) => 4 * nodes * k * k + (k >= 4 ? 5e5 * k * (k - 1) : 200);

    /// <summary>Units of building a sparse grid of <paramref name="nodes"/> nodes (merging the tensor products: about 1000 per node); tensor rules are free.</summary>
    public static double BuildUnits(KgmmParameters p, double nodes) => p.K - 1 >= KgmmQuadrature.SparseFromDimension ? 1000 * nodes : 0;

    /// <summary>Right-hand sides of a solve to <paramref name="end"/>: 40 + 60√T + 4βT.</summary>
    public static double RhsEvaluations(KgmmParameters p, double end) => 40 + 60 * Math.Sqrt(Math.Max(end, 0)) + 4 * p.Beta * Math.Max(end, 0);

    /// <summary>Observables per recorded time: k² + k(k + 1) + 2.</summary>
    private static double ObservableCount(int k) => KgmmModel.ObservableCount(k);

    /// <summary>
    /// One theory solve to <paramref name="end"/> recording <paramref name="gridPoints"/> times (with its quadrature error
    /// estimate): at the initial order and, when the state may need a higher one, once more at that order.
    /// </summary>
    public static WorkEstimate Ode(KgmmParameters p, int gridPoints, double end)
    {
        int k = p.K;
        double initial = RuleNodes(p), nodes = RuleNodes(p, end), refined = RefinedNodes(p, end);
        double work = BuildUnits(p, nodes + refined) + RhsEvaluations(p, end) * (RhsUnits(k, initial) + (nodes > initial ? RhsUnits(k, nodes) : 0))
                      + gridPoints * ObservableUnits(k, nodes)
                      + 2 * RhsUnits(k, refined) + 4 * refined * k * k;
        double perNode = (k - 1 + 2 * k + 4) * 8.0;
        double memory = (nodes + refined) * perNode * 2 // the rule's nodes and weights plus the evaluator's axis-major copy and scratch
                        + gridPoints * (3.0 * k * k + ObservableCount(k)) * 8
                        + gridPoints * (ObservableCount(k) + 1) * WorkEstimate.BytesPerDocumentNumber;
        return new WorkEstimate(work, memory);
    }

    /// <summary>One SGD run of engine <c>full</c> at <paramref name="d"/> to <paramref name="end"/>, recording <paramref name="gridPoints"/> times and keeping <paramref name="snapshots"/> full states.</summary>
    public static WorkEstimate Sgd(KgmmParameters p, int d, double end, int gridPoints, int snapshots = 0)
    {
        int k = p.K;
        double steps = Math.Max(end, 0) * d / p.CDelta;
        double nodes = RuleNodes(p, end);
        double work = steps * (k + 2) * (double)d + 4.0 * k * d * k + BuildUnits(p, nodes) // the steps, the frame's Gram–Schmidt, the loss rule
                      + gridPoints * (ObservableUnits(k, nodes) + 2.0 * k * k * d); // m and R at every record
        double memory = (6.0 + 2 * snapshots) * k * d * 8
                        + nodes * (k - 1 + 2 * k + 4) * 8.0 * 2
                        + gridPoints * (3.0 * k * k + ObservableCount(k)) * 8
                        + gridPoints * (ObservableCount(k) + 1) * WorkEstimate.BytesPerDocumentNumber;
        return new WorkEstimate(work, memory);
    }

    /// <summary>
    /// One run of engine <c>subspace</c> (docs/theory/subspace.md): a fixed number of small dense operations per step in
    /// the 2k-dimensional frame, about 1.5·(2k)² units (0.2 µs at k = 3), whatever d is; memory O(k²) per record.
    /// </summary>
    public static WorkEstimate Subspace(KgmmParameters p, int d, double end, int gridPoints)
    {
        int k = p.K;
        double steps = Math.Max(end, 0) * d / p.CDelta;
        double nodes = RuleNodes(p, end);
        double work = steps * 1.5 * (2.0 * k) * (2.0 * k) + BuildUnits(p, nodes) + gridPoints * ObservableUnits(k, nodes);
        double memory = nodes * (k - 1 + 2 * k + 4) * 8.0 * 2 + 64.0 * k * k * 8
                        + gridPoints * (3.0 * k * k + ObservableCount(k)) * 8
                        + gridPoints * (ObservableCount(k) + 1) * WorkEstimate.BytesPerDocumentNumber;
        return new WorkEstimate(work, memory);
    }

    /// <summary>
    /// The empirical spectra on one state: <paramref name="matrices"/> top-<paramref name="top"/> computations of a
    /// block (<paramref name="full"/> false: n = d) or of the full kd × kd matrix, on M = ⌈φd⌉ samples drawn once.
    /// </summary>
    public static WorkEstimate Spectra(KgmmParameters p, int d, double phi, bool full, int top, int matrices = 1, double? lanczosSteps = null)
    {
        int k = p.K;
        double samples = Math.Ceiling(phi * d);
        int width = full ? k : 1;
        double n = (double)width * d;
        double m = Math.Min(Math.Max(2.0 * top + 20, 40), n);
        double product = 2 * samples * width * d + samples * width * width;
        double steps = lanczosSteps ?? LanczosSteps(m, top);
        double work = 2 * samples * d // the samples' draw
                      + matrices * (samples * width * width * k + steps * (product + 2 * m * n)) // weights, Lanczos
                      + (full ? k * k * n * top : k * n * top); // alignment against the mean span
        double memory = samples * d * 8 + samples * width * width * 8 // samples, per-sample weights
                        + (m + 1 + 32 + top) * n * 8 // basis, chunk partials, Ritz vectors
                        + (full ? k * k * n * 8 : k * n * 8); // the mean span in the operator's space
        return new WorkEstimate(work, memory);
    }

    /// <summary>Typical Lanczos steps for a Krylov basis of <paramref name="m"/> vectors and <paramref name="top"/> pairs: 5m + top.</summary>
    public static double LanczosSteps(double m, int top) => 5 * m + top;

    /// <summary>The population matrices at a state: 5k⁴ per node of the k-dimensional rule (sparse for k ≥ 6).</summary>
    public static WorkEstimate Population(KgmmParameters p)
    {
        int k = p.K;
        double nodes = k >= 6 ? SparseNodes(k, KgmmQuadrature.DefaultSparseLevel) : Math.Min(Math.Pow(InitialOrder(p), k), 1 << 17);
        return new WorkEstimate(nodes * 5.0 * Math.Pow(k, 4), nodes * (k + 2.0 * k * k) * 8 * 2);
    }

    /// <summary>The effective spectral prediction of one block (kgmm.md §11) with its refined-rule comparison.</summary>
    public static WorkEstimate Prediction(KgmmParameters p)
    {
        int k = p.K, n = InitialOrder(p);
        while (n > 2 && Math.Pow(n, k) > (1 << 17)) n--;
        double nodes = Math.Pow(n, k) + Math.Min(Math.Pow(n + 4, k), 1 << 17);
        return new WorkEstimate(nodes * (5000 + 500.0 * k * k), nodes * (k + 2.0 * k * k) * 8 * 2);
    }

    /// <summary>The <c>spectrum</c> command: the SGD run to T, the spectrum, the ODE to T, the population matrices and (a block) the prediction.</summary>
    public static WorkEstimate SpectrumCommand(KgmmParameters p, SpectrumRequest request)
    {
        int d = request.Dimension;
        bool full = request.Block is null;
        var run = Sgd(p, d, request.Time, 2);
        var held = new WorkEstimate(0, 2.0 * p.K * d * 8); // the final state during the spectrum
        var spectrum = Spectra(p, d, request.SamplesRatio, full, request.Top).With(held);
        var theory = Ode(p, 2, request.Time).Then(Population(p));
        if (!full) theory = theory.Then(Prediction(p));
        return run.Then(spectrum).Then(theory);
    }

    /// <summary>
    /// Theory options for a solve to <paramref name="end"/> whose step budget fits <paramref name="workBudget"/>: at most
    /// budget / (6 × one right-hand side at the initial and at the estimated order) step attempts per attempt (and never
    /// more than the default 10⁶). A solve that needs more ends with a step-budget status.
    /// </summary>
    public static KgmmTheoryOptions OdeOptions(KgmmParameters p, double end, double workBudget, KgmmTheoryOptions? options = null)
    {
        options ??= KgmmTheoryOptions.Default;
        double initial = RuleNodes(p), nodes = RuleNodes(p, end);
        double steps = workBudget / (StagesPerStep * (RhsUnits(p.K, initial) + (nodes > initial ? RhsUnits(p.K, nodes) : 0)));
        return options with { MaxSteps = (int)Math.Clamp(double.IsNaN(steps) ? 1 : steps, 1, options.MaxSteps) };
    }

    /// <summary>Lanczos options whose restarts fit <paramref name="workBudget"/> (at least one; never more than the default 1000).</summary>
    public static LanczosOptions LanczosOptionsFor(KgmmParameters p, int d, double phi, bool full, int top, double workBudget)
    {
        int width = full ? p.K : 1;
        double n = (double)width * d, samples = Math.Ceiling(phi * d);
        double m = Math.Min(Math.Max(2.0 * top + 20, 40), n);
        double cycle = m * (2 * samples * width * d + samples * width * width + 2 * m * n);
        double restarts = workBudget / cycle;
        return LanczosOptions.Default with { MaxRestarts = (int)Math.Clamp(double.IsNaN(restarts) ? 1 : restarts, 1, LanczosOptions.Default.MaxRestarts) };
    }
}

using MathNet.Numerics;

namespace TheoryCheck.Models.Cws;

/// <summary>
/// The population observables of <c>cws</c> from the closure statistics (cws.md §4; docs/theory/cws.md §4), in the
/// order of <see cref="CwsModel.ObservableNames"/>: risk = Σ_c p_c E ℓ(r, y_c) with r ~ N(M_c, S_c); overlap = ⟨X, μ⟩;
/// norm2 = ‖X‖²; cosine = ⟨X, μ⟩/(‖X‖‖μ‖) (0 if X = 0 or μ = 0); clean_share = Σ_{i∈𝒞} X_i μ_i / ⟨X, μ⟩ (0 if
/// ⟨X, μ⟩ = 0); error = Σ_c p_c e_c with e_c = Φ(−M_c/√S_c) for a class on the positive side (y_c &gt; θ),
/// Φ(M_c/√S_c) on the negative side (y_c &lt; θ) and ½ at y_c = θ, θ = ½ (logistic) or 0 (squares): the predicted
/// side is positive iff r &gt; 0. For S_c = 0, Φ(−M/0) := 1{M &lt; 0} + ½·1{M = 0}. For C &gt; 2 then risk[c],
/// overlap[c] = M_c and error[c]. The same evaluator serves the theory and the simulation.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CwsObservables
{
    private readonly double[] _p;
    private readonly double[] _labels;
    private readonly double[] _sides;
    private readonly double _signalNorm;

    /// <param name="mixture">The data model.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="quadrature">The Gaussian-expectation evaluator (default: <see cref="CwsGaussianLoss"/> with its defaults).</param>
    public CwsObservables(CwsMixture mixture, CwsLoss loss, CwsGaussianLoss? quadrature = null)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        if (quadrature is not null && quadrature.Loss != loss) throw new ArgumentException("the quadrature is for another loss", nameof(quadrature));
        Mixture = mixture;
        Loss = loss;
        Quadrature = quadrature ?? new CwsGaussianLoss(loss);
        Names = CwsModel.ObservableNames(mixture.Classes);
        _p = mixture.Probabilities.ToArray();
        _labels = mixture.Labels.ToArray();
        DecisionThreshold = loss == CwsLoss.Logistic ? 0.5 : 0.0;
        _sides = _labels.Select(y => (double)Math.Sign(y - DecisionThreshold)).ToArray();
        _signalNorm = Math.Sqrt(mixture.SignalNorm2);
    }

    /// <summary>The data model.</summary>
    public CwsMixture Mixture { get; }

    /// <summary>The loss.</summary>
    public CwsLoss Loss { get; }

    /// <summary>The Gaussian-expectation evaluator of the risk.</summary>
    public CwsGaussianLoss Quadrature { get; }

    /// <summary>θ: a class is on the positive side when y_c &gt; θ (½ logistic, 0 squares).</summary>
    public double DecisionThreshold { get; }

    /// <summary>Observable names in output order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of observables.</summary>
    public int Count => Names.Count;

    /// <summary>The observable vector of <paramref name="statistics"/>.</summary>
    public double[] Evaluate(CwsStatistics statistics)
    {
        var values = new double[Count];
        Evaluate(statistics, values);
        return values;
    }

    /// <summary>Writes the observable vector of <paramref name="statistics"/> into <paramref name="values"/> (length <see cref="Count"/>).</summary>
    public void Evaluate(CwsStatistics statistics, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        int classes = _p.Length;
        if (statistics.Classes != classes) throw new ArgumentException($"the statistics have {statistics.Classes} classes, the model {classes}");
        if (values.Length != Count) throw new ArgumentException($"values must have {Count} entries");
        var m = statistics.ClassMeans;
        var s = statistics.ClassVariances;
        double risk = 0, error = 0;
        bool perClass = classes > 2;
        for (int c = 0; c < classes; c++)
        {
            double rc = Quadrature.Risk(_labels[c], m[c], Math.Max(s[c], 0));
            double ec = ClassError(_sides[c], m[c], s[c]);
            risk += _p[c] * rc;
            error += _p[c] * ec;
            if (perClass)
            {
                values[6 + c] = rc;
                values[6 + classes + c] = m[c];
                values[6 + 2 * classes + c] = ec;
            }
        }
        double norm2 = statistics.Norm2;
        double overlap = statistics.Overlap;
        values[0] = risk;
        values[1] = overlap;
        values[2] = norm2;
        values[3] = norm2 > 0 && _signalNorm > 0 ? overlap / (Math.Sqrt(norm2) * _signalNorm) : 0;
        values[4] = overlap != 0 ? statistics.CleanOverlap / overlap : 0;
        values[5] = error;
    }

    /// <summary>
    /// Misclassification probability of one class: side +1 → P(r ≤ 0) = Φ(−M/√S), side −1 → Φ(M/√S), side 0 → ½;
    /// S = 0 uses Φ(−M/0) := 1{M &lt; 0} + ½·1{M = 0}.
    /// </summary>
    public static double ClassError(double side, double mean, double variance)
    {
        if (side == 0) return 0.5;
        double x = -side * mean;
        if (!(variance > 0)) return x > 0 ? 1 : x == 0 ? 0.5 : 0;
        return 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2 * variance));
    }
}

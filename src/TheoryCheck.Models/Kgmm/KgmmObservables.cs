namespace TheoryCheck.Models.Kgmm;

/// <summary>
/// The kgmm observable vector of a state given its summary statistics (m, R), identical for both engines
/// (parameters.md; kgmm.md §3, §4, §7): m[c,a] (k², row by row), R[c,e] and Rperp[c,e] = (R − m mᵀ)[c,e] for c ≤ e,
/// the population loss (cross-entropy by deterministic quadrature + (β/2) tr R) and the population accuracy
/// (orthant probabilities, §6.4), in the order of <see cref="KgmmModel.ObservableNames"/>. Exact given (m, R)
/// at any d (closure, §4), so the simulation evaluates it on its own iterate's statistics. Not thread-safe
/// (scratch buffers): one instance per thread.
/// </summary>
public sealed class KgmmObservables
{
    private readonly KgmmParameters _parameters;
    private readonly KgmmGaussianMoments _moments;

    /// <summary>Observables of <paramref name="parameters"/> with the loss computed by <paramref name="moments"/>.</summary>
    public KgmmObservables(KgmmParameters parameters, KgmmGaussianMoments moments)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(moments);
        if (moments.K != parameters.K) throw new ArgumentException("the moment evaluator is for a different k", nameof(moments));
        _parameters = parameters;
        _moments = moments;
        Names = KgmmModel.ObservableNames(parameters.K);
    }

    /// <summary>
    /// Tolerance on the QMC standard error of the population accuracy (k ≥ 4: Genz's randomised lattice, kgmm.md §6.4):
    /// 10⁻³, a tenth of a percentage point. Above it the accuracy is reported with a
    /// <see cref="Observables.NumericalFault.QmcTolerance"/> fault (<see cref="AccuracyFault"/>).
    /// </summary>
    public const double AccuracyTolerance = 1e-3;

    /// <summary>The QMC fault of an accuracy standard error above <see cref="AccuracyTolerance"/> (<paramref name="what"/> names the run), or null.</summary>
    public static Observables.NumericalFault? AccuracyFault(double standardError, string what) =>
        standardError > AccuracyTolerance || double.IsNaN(standardError)
            ? new Observables.NumericalFault(Observables.NumericalFault.QmcTolerance, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{what}: the accuracy's QMC standard error {standardError:G3} exceeds its tolerance {AccuracyTolerance:G3}"))
            : null;

    /// <summary>Observable names, in the order written by <see cref="Evaluate(KgmmStatistics)"/>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of observables, k² + k(k+1) + 2.</summary>
    public int Count => Names.Count;

    /// <summary>Index of <c>loss</c> in the vector.</summary>
    public int LossIndex => Count - 2;

    /// <summary>Index of <c>accuracy</c> in the vector.</summary>
    public int AccuracyIndex => Count - 1;

    /// <summary>The quadrature rule used for the loss.</summary>
    public string LossRule => _moments.RuleName;

    /// <summary>Largest standard error of the accuracy lattice rule seen so far (0 for k ≤ 3).</summary>
    public double AccuracyStandardError { get; private set; }

    /// <summary>Writes the observable vector of (m, R) into <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    /// <param name="m">m, k×k row-major.</param>
    /// <param name="r">R, k×k row-major (symmetric).</param>
    /// <param name="destination">Output, in the order of <see cref="Names"/>.</param>
    public void Evaluate(ReadOnlySpan<double> m, ReadOnlySpan<double> r, Span<double> destination)
    {
        int k = _parameters.K;
        if (destination.Length != Count) throw new ArgumentException($"destination must have {Count} entries", nameof(destination));
        WriteStatistics(k, m, r, destination[..LossIndex]);
        destination[LossIndex] = _moments.Loss(m, r, _parameters.Beta);
        var accuracy = KgmmAccuracy.Evaluate(_parameters, m, r);
        AccuracyStandardError = Math.Max(AccuracyStandardError, accuracy.StandardError);
        destination[AccuracyIndex] = accuracy.Value;
    }

    /// <summary>The observable vector of <paramref name="statistics"/> (a new array).</summary>
    public double[] Evaluate(KgmmStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var values = new double[Count];
        Evaluate(statistics.M, statistics.R, values);
        return values;
    }

    /// <summary>
    /// Writes the statistics part of the vector: m (k²), R upper triangle, R⊥ = R − m mᵀ upper triangle
    /// (k² + k(k+1) numbers). R is symmetrised as (R + Rᵀ)/2.
    /// </summary>
    public static void WriteStatistics(int k, ReadOnlySpan<double> m, ReadOnlySpan<double> r, Span<double> destination)
    {
        if (m.Length != k * k || r.Length != k * k) throw new ArgumentException("m and R must be k×k");
        if (destination.Length != k * k + k * (k + 1)) throw new ArgumentException("destination must have k² + k(k+1) entries", nameof(destination));
        m.CopyTo(destination);
        int upper = k * (k + 1) / 2;
        int i = k * k;
        for (int c = 0; c < k; c++)
            for (int e = c; e < k; e++, i++)
            {
                double rce = 0.5 * (r[c * k + e] + r[e * k + c]);
                double perp = rce;
                for (int a = 0; a < k; a++) perp -= m[c * k + a] * m[e * k + a];
                destination[i] = rce;
                destination[i + upper] = perp;
            }
    }
}

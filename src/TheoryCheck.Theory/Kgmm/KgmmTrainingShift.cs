using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Models.Kgmm;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// The own-sample logit shift of a training sample (kgmm.md §14.2) at an ODE state (m, R): a sample (b, Y) used by SGD
/// at time s = t − a moved every x^c by −δ(π_c − δ_{bc})Y, which changes its own logits by −δ‖Y‖²(π − e_b) →
/// −(c_δ/λ)(π − e_b); the linearised dynamics carry this change to time t along a generic noise direction, where the
/// drift of a perturbation is −(βI + H̄/λ) acting on the class index (kgmm.md §5.2, (3.3)). So at age a
///
///     ζ_train(t) = ζ_fresh(t) + s(a),   s(a) = −(c_δ/λ) e^{−A a} (π(ζ) − e_b),   A = βI + H̄/λ,
///
/// with E[s(a) | b] = −(c_δ/λ) e^{−A a} D_{·b}. A training window of M = φd samples has ages uniform on [0, φc_δ).
/// A, D and H̄ are taken at the state at t (kgmm.md §14.2 discusses this: the window is φc_δ time units long).
/// </summary>
public sealed class KgmmTrainingShift
{
    private readonly int _k;
    private readonly double[] _eigenvalues;  // of A
    private readonly double[] _eigenvectors; // k × k, column i at [·, i]
    private readonly double[] _d;            // D, k × k: D[c·k + b]

    /// <summary>The shift law at the state <paramref name="statistics"/> (kgmm.md §14.2).</summary>
    /// <param name="parameters">k, λ, β, c_δ, p.</param>
    /// <param name="statistics">The ODE state (m, R) at t.</param>
    /// <param name="samplesRatio">φ = M/d: the window covers ages [0, φc_δ).</param>
    /// <param name="shiftScale">Multiplies the shift: 1 is the derivation; 0 drops it (then every training quantity is
    /// the test one), the negative control of kgmm.train-data.</param>
    public KgmmTrainingShift(KgmmParameters parameters, KgmmStatistics statistics, double samplesRatio, double shiftScale = 1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(statistics);
        if (!(samplesRatio > 0) || !double.IsFinite(samplesRatio)) throw new ArgumentException("φ must be a finite number > 0", nameof(samplesRatio));
        if (!double.IsFinite(shiftScale)) throw new ArgumentException("the shift scale must be finite", nameof(shiftScale));
        Parameters = parameters;
        SamplesRatio = samplesRatio;
        ShiftScale = shiftScale;
        int k = _k = parameters.K;
        var moments = KgmmQuadrature.Moments(parameters, statistics.R);
        _d = new double[k * k];
        var hbar = new double[k * k];
        var gbar = new double[k * k];
        moments.Evaluate(statistics.M, statistics.R, _d, hbar, gbar);
        HBar = hbar;
        var a = Matrix<double>.Build.Dense(k, k, (i, j) => hbar[i * k + j] / parameters.Lambda + (i == j ? parameters.Beta : 0));
        var evd = a.Evd(Symmetricity.Symmetric);
        _eigenvalues = evd.EigenValues.Select(z => z.Real).ToArray();
        _eigenvectors = new double[k * k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) _eigenvectors[i * k + j] = evd.EigenVectors[i, j];
    }

    /// <summary>Model parameters.</summary>
    public KgmmParameters Parameters { get; }

    /// <summary>φ = M/d.</summary>
    public double SamplesRatio { get; }

    /// <summary>Factor on the shift (1: the derivation; 0: no shift).</summary>
    public double ShiftScale { get; }

    /// <summary>Length of the window in model time, φ·c_δ (M steps of δ = c_δ/d).</summary>
    public double WindowLength => SamplesRatio * Parameters.CDelta;

    /// <summary>H̄ (k×k row-major) at the state.</summary>
    public IReadOnlyList<double> HBar { get; }

    /// <summary>Eigenvalues of A = βI + H̄/λ: the decay rates of the shift with the sample's age (one is β, along 𝟏).</summary>
    public IReadOnlyList<double> DecayRates => _eigenvalues;

    /// <summary>D_{cb} = E[π^b_c] − δ_{cb} at the state (kgmm.md §5.1).</summary>
    public double DAt(int c, int b) => _d[c * _k + b];

    /// <summary>
    /// Writes s = −scale·(c_δ/λ) e^{−A a}(π − e_b) for a sample of label <paramref name="label"/> with softmax
    /// <paramref name="pi"/> at age <paramref name="age"/> into <paramref name="shift"/> (k entries).
    /// </summary>
    public void Shift(ReadOnlySpan<double> pi, int label, double age, Span<double> shift)
    {
        int k = _k;
        Span<double> residual = stackalloc double[k];
        for (int c = 0; c < k; c++) residual[c] = pi[c] - (c == label ? 1.0 : 0.0);
        Propagate(residual, age, shift);
        double factor = -ShiftScale * Parameters.CDelta / Parameters.Lambda;
        for (int c = 0; c < k; c++) shift[c] *= factor;
    }

    /// <summary>
    /// The mean shift of the logits of class-<paramref name="label"/> training samples of age <paramref name="age"/>:
    /// E[ζ_train − ζ_fresh | b, a] = −scale·(c_δ/λ) e^{−A a} D_{·b} (kgmm.md §14.2). Since E[ζ_fresh | b] = m_{·b} exactly,
    /// this is the predicted mean of x^c·Z over such samples.
    /// </summary>
    public double[] MeanShift(int label, double age)
    {
        int k = _k;
        var column = new double[k];
        for (int c = 0; c < k; c++) column[c] = _d[c * k + label];
        var result = new double[k];
        Propagate(column, age, result);
        double factor = -ShiftScale * Parameters.CDelta / Parameters.Lambda;
        for (int c = 0; c < k; c++) result[c] *= factor;
        return result;
    }

    /// <summary>
    /// The block weight of a training sample (kgmm.md §14.3): the weight h of the block at the shifted softmax
    /// π' = softmax(ζ + s(a)) = π∘e^{s}/Σ_e π_e e^{s_e}, averaged over the window's ages a ~ U[0, φc_δ) with a
    /// <paramref name="ageNodes"/>-point midpoint rule. For the §11 machinery the sample's own π at time s is replaced
    /// by its fresh π at t (the difference is O(1/λ) and multiplies an O(c_δ/λ) shift).
    /// </summary>
    public KgmmBlockWeight TrainingWeight(KgmmMatrixKind kind, int block, int ageNodes = 16)
    {
        int k = _k;
        if ((uint)block >= (uint)k) throw new ArgumentOutOfRangeException(nameof(block));
        if (ageNodes < 1) throw new ArgumentOutOfRangeException(nameof(ageNodes));
        double length = WindowLength;
        var ages = Enumerable.Range(0, ageNodes).Select(i => (i + 0.5) * length / ageNodes).ToArray();
        return (pi, b) =>
        {
            Span<double> shift = stackalloc double[k];
            Span<double> shifted = stackalloc double[k];
            double total = 0;
            foreach (double age in ages)
            {
                Shift(pi, b, age, shift);
                double sum = 0;
                for (int c = 0; c < k; c++) sum += shifted[c] = pi[c] * Math.Exp(shift[c]);
                double p = shifted[block] / sum;
                total += kind == KgmmMatrixKind.Hessian ? p * (1 - p) : (p - (b == block ? 1.0 : 0.0)) * (p - (b == block ? 1.0 : 0.0));
            }
            return total / ages.Length;
        };
    }

    /// <summary>out = e^{−A a}·v with A = UΛUᵀ.</summary>
    private void Propagate(ReadOnlySpan<double> v, double age, Span<double> result)
    {
        int k = _k;
        Span<double> coefficients = stackalloc double[k];
        for (int i = 0; i < k; i++)
        {
            double s = 0;
            for (int c = 0; c < k; c++) s += _eigenvectors[c * k + i] * v[c];
            coefficients[i] = s * Math.Exp(-_eigenvalues[i] * age);
        }
        for (int c = 0; c < k; c++)
        {
            double s = 0;
            for (int i = 0; i < k; i++) s += _eigenvectors[c * k + i] * coefficients[i];
            result[c] = s;
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Models.Kgmm;

/// <summary>
/// Parameters of the <c>kgmm</c> model (shared/theory/parameters.md, kgmm section; kgmm.md §1–§2): k classes with
/// probabilities p, orthonormal means, noise N(0, I_d/λ), ℓ2 penalty (β/2)Σ‖x^c‖², step δ = c_δ/d. The data
/// dimension d and the seed belong to the simulation only and are not part of this record
/// (see <see cref="ValidateDimension"/>). Every constructor path validates: bad values throw
/// <see cref="InputException"/> with one line naming the parameter.
/// </summary>
public sealed record KgmmParameters : IModelParameters<KgmmParameters>
{
    private readonly double[] _p;

    /// <summary>
    /// Validated parameters. <paramref name="p"/> null means uniform p_c = 1/k. A given p must have length k,
    /// positive entries and sum to 1 within 1e-9; it is stored renormalised to sum exactly to 1.
    /// </summary>
    /// <param name="k"><c>k</c>: number of classes, integer ≥ 2.</param>
    /// <param name="lambda"><c>lambda</c>: SNR λ &gt; 0 (noise covariance I_d/λ).</param>
    /// <param name="beta"><c>beta</c>: ℓ2 penalty β ≥ 0.</param>
    /// <param name="cdelta"><c>cdelta</c>: step-size constant c_δ &gt; 0 (δ = c_δ/d).</param>
    /// <param name="p"><c>p</c>: class probabilities (length k), or null for uniform.</param>
    public KgmmParameters(int k, double lambda, double beta, double cdelta, IReadOnlyList<double>? p = null)
    {
        if (k < 2 || k > MaxClasses) throw Bad("k", $"must be an integer ≥ 2 and ≤ {MaxClasses}: the theory's Gaussian quadratures exist up to 20 dimensions (got {k})");
        if (!double.IsFinite(lambda) || lambda <= 0) throw Bad("lambda", $"must be a finite number > 0 (got {F(lambda)})");
        if (!double.IsFinite(beta) || beta < 0) throw Bad("beta", $"must be a finite number ≥ 0 (got {F(beta)})");
        if (!double.IsFinite(cdelta) || cdelta <= 0) throw Bad("cdelta", $"must be a finite number > 0 (got {F(cdelta)})");
        _p = new double[k];
        if (p is null)
        {
            Array.Fill(_p, 1.0 / k);
        }
        else
        {
            if (p.Count != k) throw Bad("p", $"must have length k = {k} (got {p.Count})");
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                if (!double.IsFinite(p[c]) || p[c] <= 0) throw Bad("p", $"must have positive finite entries (entry {c + 1} is {F(p[c])})");
                sum += p[c];
            }
            if (Math.Abs(sum - 1) > 1e-9) throw Bad("p", $"must sum to 1 (sum is {F(sum)})");
            for (int c = 0; c < k; c++) _p[c] = p[c] / sum;
        }
        K = k;
        Lambda = lambda;
        Beta = beta;
        CDelta = cdelta;
        IsUniform = p is null || _p.All(x => Math.Abs(x - 1.0 / k) <= 1e-15);
    }

    /// <summary>
    /// Largest accepted k: 20. The theory and the observables integrate Gaussians in k − 1 dimensions (the ODE's
    /// right-hand side and the population loss) and k dimensions (the population Hessian/G of the spectral prediction),
    /// by tensor Gauss–Hermite up to 4 dimensions and by Smolyak sparse grids over Genz–Keister rules above
    /// (<see cref="KgmmQuadrature"/>), which exist up to 20 dimensions. Within the limit the cost still grows fast
    /// (level-6 grid: 34,893 nodes at k = 12, 157,397 at k = 16, about 10⁸ operations per right-hand side at k = 16),
    /// so large k is admitted or refused by the work estimate of each command, not by this bound.
    /// </summary>
    public const int MaxClasses = 20;

    /// <summary>Largest d for <paramref name="k"/> classes: the k·d weights must fit one array, ⌊(2³¹ − 1)/k⌋.</summary>
    public static int MaxDimension(int k) => int.MaxValue / k;

    /// <summary>The defaults of parameters.md: k = 3, λ = 10, β = 0.1, c_δ = 1, p uniform.</summary>
    public static KgmmParameters Default { get; } = new(3, 10, 0.1, 1);

    /// <summary><c>k</c>: number of classes.</summary>
    public int K { get; }

    /// <summary><c>lambda</c>: SNR λ; the noise is Z ~ N(0, I_d/λ).</summary>
    public double Lambda { get; }

    /// <summary><c>beta</c>: ℓ2 penalty coefficient β.</summary>
    public double Beta { get; }

    /// <summary><c>cdelta</c>: step-size constant c_δ, δ = c_δ/d.</summary>
    public double CDelta { get; }

    /// <summary><c>p</c>: class probabilities p_1..p_k (positive, summing to 1).</summary>
    public IReadOnlyList<double> P => _p;

    /// <summary>The class probabilities as a span (no copy).</summary>
    public ReadOnlySpan<double> Probabilities => _p;

    /// <summary>True when p is uniform (p_c = 1/k).</summary>
    public bool IsUniform { get; }

    /// <summary>Reads and validates <c>k</c>, <c>lambda</c>, <c>beta</c>, <c>cdelta</c>, <c>p</c> from validated values.</summary>
    /// <exception cref="InputException">A value is out of range or p does not fit k.</exception>
    public static KgmmParameters FromValues(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        long k = values.Integer("k");
        if (k < 2 || k > MaxClasses) throw Bad("k", $"must be an integer ≥ 2 and ≤ {MaxClasses}: the theory's Gaussian quadratures exist up to 20 dimensions (got {k})");
        return new KgmmParameters((int)k, values.Real("lambda"), values.Real("beta"), values.Real("cdelta"), values.RealList("p"));
    }

    /// <summary>The record as values of <see cref="KgmmModel.Descriptor"/> (p written only when not uniform); round-trips through <see cref="FromValues"/>.</summary>
    public ParameterValues ToValues()
    {
        var values = KgmmModel.Descriptor.Defaults
            .With("k", (long)K).With("lambda", Lambda).With("beta", Beta).With("cdelta", CDelta);
        return IsUniform ? values : values.With("p", _p);
    }

    /// <summary>
    /// Checks the simulation dimension: <c>d</c> must be an integer ≥ 2k (parameters.md). Returns d as an int.
    /// </summary>
    /// <exception cref="InputException">d &lt; 2k or d does not fit an int.</exception>
    public int ValidateDimension(long d)
    {
        if (d < 2L * K || d > MaxDimension(K)) throw Bad("d", $"must be an integer ≥ 2k = {2 * K} and ≤ ⌊(2³¹ − 1)/k⌋ = {MaxDimension(K)} at k = {K} (got {d})");
        return (int)d;
    }

    /// <summary>The parameters as the JSON object of the command-line documents (p always written out).</summary>
    public JsonObject ToJson()
    {
        var p = new JsonArray();
        foreach (double x in _p) p.Add((JsonNode?)(x));
        return new JsonObject { ["k"] = K, ["lambda"] = Lambda, ["beta"] = Beta, ["cdelta"] = CDelta, ["p"] = p };
    }

    /// <summary>Value equality including the entries of p.</summary>
    public bool Equals(KgmmParameters? other) =>
        other is not null && K == other.K && Lambda.Equals(other.Lambda) && Beta.Equals(other.Beta) &&
        CDelta.Equals(other.CDelta) && _p.AsSpan().SequenceEqual(other._p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(K);
        h.Add(Lambda);
        h.Add(Beta);
        h.Add(CDelta);
        foreach (double x in _p) h.Add(x);
        return h.ToHashCode();
    }

    /// <summary>One line, e.g. <c>k=3 lambda=10 beta=0.1 cdelta=1 p=uniform</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"k={K} lambda={Lambda:G} beta={Beta:G} cdelta={CDelta:G} p={(IsUniform ? "uniform" : "[" + string.Join(",", _p.Select(F)) + "]")}");

    private static string F(double x) => x.ToString("G", CultureInfo.InvariantCulture);

    private static InputException Bad(string name, string what) => new($"parameter '{name}' {what}");
}

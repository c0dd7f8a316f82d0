using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Models.Xor;

/// <summary>
/// Parameters of the <c>xor</c> model (shared/theory/parameters.md, xor section; xor.md §1–§3): hidden width K, SNR λ
/// (noise I_d/λ), ℓ2 penalty β on W and v, step δ = c_δ/d, the warm start (v0, mmu0, mnu0, rperp0) and the
/// initialisation kind. The data dimension d and the seed belong to the simulation only (see
/// <see cref="ValidateDimension"/>). Every constructor path validates: bad values throw <see cref="InputException"/>
/// with one line naming the parameter.
/// </summary>
/// <remarks>
/// <b>Default warm start for any width</b> [convention]: when v0, mmu0 or mnu0 is not given, neuron i (1-based)
/// takes entry ((i − 1) mod 4) + 1 of the K = 4 defaults v0 = (0.8, 0.7, −0.8, −0.7), mmu0 = (0.3, −0.3, 0.05, −0.05),
/// mnu0 = (0.05, −0.05, 0.3, −0.3): for K = 4 exactly the defaults of parameters.md (neurons 1–4 start towards
/// +μ, −μ, +ν, −ν); for K &gt; 4 the pattern repeats (neuron 5 towards +μ, …); for K &lt; 4 only the first K clusters
/// get a neuron (the others start uncovered). Claims that need another start give the lists explicitly
/// (claims.md §2.4 for K = 6).
/// </remarks>
public sealed record XorParameters : IModelParameters<XorParameters>
{
    private static readonly double[] DefaultV = [0.8, 0.7, -0.8, -0.7];
    private static readonly double[] DefaultMmu = [0.3, -0.3, 0.05, -0.05];
    private static readonly double[] DefaultMnu = [0.05, -0.05, 0.3, -0.3];

    private readonly double[] _v0;
    private readonly double[] _mmu0;
    private readonly double[] _mnu0;

    /// <summary>Validated parameters; a null list takes the cyclic default of the remarks.</summary>
    /// <param name="width"><c>width</c>: hidden width K, integer in [1, <see cref="MaxWidth"/>].</param>
    /// <param name="lambda"><c>lambda</c>: SNR λ &gt; 0 (noise covariance I_d/λ).</param>
    /// <param name="beta"><c>beta</c>: ℓ2 penalty β ≥ 0 on W and v.</param>
    /// <param name="cdelta"><c>cdelta</c>: step-size constant c_δ &gt; 0 (δ = c_δ/d).</param>
    /// <param name="v0"><c>v0</c>: initial second layer v(0) (length K), or null.</param>
    /// <param name="mmu0"><c>mmu0</c>: initial W_i·μ (length K), or null.</param>
    /// <param name="mnu0"><c>mnu0</c>: initial W_i·ν (length K), or null.</param>
    /// <param name="rperp0"><c>rperp0</c>: initial ‖W_i⊥‖² ≥ 0 (R⊥(0) = rperp0·I_K).</param>
    /// <param name="init"><c>init</c>: warm or random.</param>
    public XorParameters(int width = 4, double lambda = 20, double beta = 0.05, double cdelta = 1,
        IReadOnlyList<double>? v0 = null, IReadOnlyList<double>? mmu0 = null, IReadOnlyList<double>? mnu0 = null,
        double rperp0 = 1, XorInitialisation init = XorInitialisation.Warm)
    {
        if (width < 1 || width > MaxWidth) throw Bad("width", $"must be an integer ≥ 1 (and ≤ {MaxWidth}) (got {width})");
        if (!double.IsFinite(lambda) || lambda <= 0) throw Bad("lambda", $"must be a finite number > 0 (got {F(lambda)})");
        if (!double.IsFinite(beta) || beta < 0) throw Bad("beta", $"must be a finite number ≥ 0 (got {F(beta)})");
        if (!double.IsFinite(cdelta) || cdelta <= 0) throw Bad("cdelta", $"must be a finite number > 0 (got {F(cdelta)})");
        if (!double.IsFinite(rperp0) || rperp0 < 0) throw Bad("rperp0", $"must be a finite number ≥ 0 (got {F(rperp0)})");
        if (!Enum.IsDefined(init)) throw Bad("init", "must be one of warm, random");
        Width = width;
        Lambda = lambda;
        Beta = beta;
        CDelta = cdelta;
        Rperp0 = rperp0;
        Init = init;
        _v0 = List("v0", v0, DefaultV, width);
        _mmu0 = List("mmu0", mmu0, DefaultMmu, width);
        _mnu0 = List("mnu0", mnu0, DefaultMnu, width);
    }

    /// <summary>Largest accepted width (the theory's Gaussian expectations are K-dimensional).</summary>
    public const int MaxWidth = 64;

    /// <summary>The defaults of parameters.md: K = 4, λ = 20, β = 0.05, c_δ = 1, the default warm start.</summary>
    public static XorParameters Default { get; } = new();

    /// <summary><c>width</c>: hidden width K.</summary>
    public int Width { get; }

    /// <summary><c>lambda</c>: SNR λ; the noise is Z ~ N(0, I_d/λ).</summary>
    public double Lambda { get; }

    /// <summary><c>beta</c>: ℓ2 penalty β (2206.04030 calls it α).</summary>
    public double Beta { get; }

    /// <summary><c>cdelta</c>: step-size constant c_δ, δ = c_δ/d.</summary>
    public double CDelta { get; }

    /// <summary><c>v0</c>: v(0), length K.</summary>
    public IReadOnlyList<double> V0 => _v0;

    /// <summary><c>mmu0</c>: W_i(0)·μ, length K.</summary>
    public IReadOnlyList<double> Mmu0 => _mmu0;

    /// <summary><c>mnu0</c>: W_i(0)·ν, length K.</summary>
    public IReadOnlyList<double> Mnu0 => _mnu0;

    /// <summary><c>rperp0</c>: ‖W_i⊥(0)‖² (the W_i⊥(0) are orthogonal: R⊥(0) = rperp0·I_K).</summary>
    public double Rperp0 { get; }

    /// <summary><c>init</c>: warm or random start.</summary>
    public XorInitialisation Init { get; }

    /// <summary>The JSON name of <see cref="Init"/>: <c>warm</c> or <c>random</c>.</summary>
    public string InitName => InitialisationName(Init);

    /// <summary>The JSON name of an initialisation kind.</summary>
    public static string InitialisationName(XorInitialisation init) => init switch
    {
        XorInitialisation.Warm => "warm",
        XorInitialisation.Random => "random",
        _ => throw new ArgumentOutOfRangeException(nameof(init)),
    };

    /// <summary>Reads <c>warm</c> or <c>random</c>.</summary>
    /// <exception cref="InputException">Another name.</exception>
    public static XorInitialisation ParseInitialisation(string name) => name switch
    {
        "warm" => XorInitialisation.Warm,
        "random" => XorInitialisation.Random,
        _ => throw Bad("init", $"must be one of warm, random (got '{name}')"),
    };

    /// <summary>
    /// Reads and validates <c>width</c>, <c>lambda</c>, <c>beta</c>, <c>cdelta</c>, <c>v0</c>, <c>mmu0</c>, <c>mnu0</c>,
    /// <c>rperp0</c>, <c>init</c> from checked values of <see cref="XorModel.Descriptor"/> (d and seed are ignored).
    /// </summary>
    /// <exception cref="InputException">A value is out of range or a list does not have length K.</exception>
    public static XorParameters FromValues(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        long width = values.Integer("width");
        if (width < 1 || width > MaxWidth) throw Bad("width", $"must be an integer ≥ 1 (and ≤ {MaxWidth}) (got {width})");
        return new XorParameters((int)width, values.Real("lambda"), values.Real("beta"), values.Real("cdelta"),
            values.RealList("v0"), values.RealList("mmu0"), values.RealList("mnu0"), values.Real("rperp0"),
            ParseInitialisation(values.Choice("init")));
    }

    /// <summary>
    /// These parameters as checked values of <see cref="XorModel.Descriptor"/>, every model parameter explicit (the
    /// lists written out), so that <c>FromValues(p.ToValues()) == p</c>. d and seed are left unset.
    /// </summary>
    public ParameterValues ToValues()
    {
        var values = XorModel.Descriptor.Defaults;
        foreach (var (name, node) in ToJson()) values = values.With(name, node?.DeepClone());
        return values;
    }

    /// <summary>
    /// Checks the simulation dimension: <c>d</c> must be an integer ≥ K + 2 (parameters.md; the warm start needs K + 2
    /// orthonormal directions) and K·d must fit an int. Returns d as an int.
    /// </summary>
    /// <exception cref="InputException">d out of range.</exception>
    public int ValidateDimension(long d)
    {
        long max = int.MaxValue / (Width + 2);
        if (d < Width + 2 || d > max) throw Bad("d", $"must be an integer ≥ K + 2 = {Width + 2} and ≤ {max} (got {d})");
        return (int)d;
    }

    /// <summary>The parameters as the JSON object of the command-line documents (lists always written out).</summary>
    public JsonObject ToJson() => new()
    {
        ["width"] = (long)Width,
        ["lambda"] = Lambda,
        ["beta"] = Beta,
        ["cdelta"] = CDelta,
        ["v0"] = Array(_v0),
        ["mmu0"] = Array(_mmu0),
        ["mnu0"] = Array(_mnu0),
        ["rperp0"] = Rperp0,
        ["init"] = InitName,
    };

    /// <summary>Value equality including the entries of the lists.</summary>
    public bool Equals(XorParameters? other) =>
        other is not null && Width == other.Width && Lambda.Equals(other.Lambda) && Beta.Equals(other.Beta) &&
        CDelta.Equals(other.CDelta) && Rperp0.Equals(other.Rperp0) && Init == other.Init &&
        _v0.AsSpan().SequenceEqual(other._v0) && _mmu0.AsSpan().SequenceEqual(other._mmu0) && _mnu0.AsSpan().SequenceEqual(other._mnu0);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Width);
        h.Add(Lambda);
        h.Add(Beta);
        h.Add(CDelta);
        h.Add(Rperp0);
        h.Add(Init);
        foreach (double x in _v0) h.Add(x);
        foreach (double x in _mmu0) h.Add(x);
        foreach (double x in _mnu0) h.Add(x);
        return h.ToHashCode();
    }

    /// <summary>One line, e.g. <c>width=4 lambda=20 beta=0.05 cdelta=1 init=warm v0=[…] mmu0=[…] mnu0=[…] rperp0=1</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"width={Width} lambda={Lambda:G} beta={Beta:G} cdelta={CDelta:G} init={InitName} v0={L(_v0)} mmu0={L(_mmu0)} mnu0={L(_mnu0)} rperp0={Rperp0:G}");

    private static double[] List(string name, IReadOnlyList<double>? given, double[] defaults, int width)
    {
        var list = new double[width];
        if (given is null)
        {
            for (int i = 0; i < width; i++) list[i] = defaults[i % defaults.Length];
            return list;
        }
        if (given.Count != width) throw Bad(name, $"must have length width = {width} (got {given.Count})");
        for (int i = 0; i < width; i++)
        {
            if (!double.IsFinite(given[i])) throw Bad(name, $"must have finite entries (entry {i + 1} is {F(given[i])})");
            list[i] = given[i];
        }
        return list;
    }

    private static JsonArray Array(double[] values)
    {
        var a = new JsonArray();
        foreach (double x in values) a.Add((JsonNode?)(x));
        return a;
    }

    private static string L(double[] values) => "[" + string.Join(",", values.Select(F)) + "]";

    private static string F(double x) => x.ToString("G", CultureInfo.InvariantCulture);

    private static InputException Bad(string name, string what) => new($"parameter '{name}' {what}");
}

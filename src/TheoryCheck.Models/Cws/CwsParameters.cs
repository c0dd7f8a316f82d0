using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Models.Cws;

/// <summary>
/// Parameters of the <c>cws</c> model (parameters.md, cws section; docs/theory/cws.md §1, §1.1 for C classes, §3.2 for
/// schedules): loss, covariance family and its shape parameters, step γ, dimension d (the theory is per mode, so it
/// needs d too), simulation seed, and the extensions: C classes with probabilities p_c, labels y_c, means (±μ for
/// C = 2, random signs on the profile from <c>problem_seed</c> for C ≥ 3, or given), per-class power-law exponents
/// and the learning-rate schedule. Every constructor path validates: bad values throw <see cref="InputException"/>
/// with one line naming the parameter. <see cref="CreateMixture"/> builds the data model both sides use.
/// </summary>
public sealed record CwsParameters : IModelParameters<CwsParameters>
{
    private readonly double[] _p;
    private readonly double[] _labels;
    private readonly double[] _alphas;
    private readonly double[]? _means;

    /// <summary>Validated parameters; every argument has the default of parameters.md.</summary>
    /// <param name="loss"><c>loss</c>.</param>
    /// <param name="covariance"><c>cov</c>.</param>
    /// <param name="gamma"><c>gamma</c>: γ (γ₀ of the schedule) &gt; 0.</param>
    /// <param name="zeroFraction"><c>zero_fraction</c>: f ∈ [0, 1) (zero-one).</param>
    /// <param name="alpha1"><c>alpha1</c> &gt; 0 (power law, class 1).</param>
    /// <param name="alpha2"><c>alpha2</c> &gt; 0 (power law, class 2, or class C for C &gt; 2).</param>
    /// <param name="meanExponent"><c>mean_exponent</c>: β_μ &gt; −½ (power law).</param>
    /// <param name="meanOn"><c>mean_on</c> (zero-one); <c>clean</c> needs ⌊f·d⌋ ≥ 1.</param>
    /// <param name="meanNorm"><c>mean_norm</c>: ‖μ‖ &gt; 0 (isotropic, zero-one).</param>
    /// <param name="dimension"><c>d</c> ≥ 2.</param>
    /// <param name="seed"><c>seed</c>: the simulation seed, or null when not given (the theory ignores it).</param>
    /// <param name="classes"><c>classes</c>: C, 2 ≤ C ≤ max(2, ⌊d/4⌋), C·d ≤ <see cref="MaxEntries"/>.</param>
    /// <param name="problemSeed"><c>problem_seed</c>: key of the random mean signs for C ≥ 3.</param>
    /// <param name="probabilities"><c>p</c>: length C, positive, sum 1 within 1e-9 (stored renormalised); null = uniform.</param>
    /// <param name="labels"><c>labels</c>: length C, finite, not all equal; logistic labels in [0, 1]; null = 1,0,1,…
    /// (logistic) or +1,−1,+1,… (squares).</param>
    /// <param name="means"><c>means</c>: C·d finite numbers, class by class; null = the profile's means.</param>
    /// <param name="alphas"><c>alphas</c>: power law only, length C, each &gt; 0; null = alpha1 … alpha2 linearly in c.</param>
    /// <param name="schedule"><c>schedule</c>.</param>
    /// <param name="t0"><c>t0</c> &gt; 0 (power schedule only when ≠ 1).</param>
    /// <param name="decay"><c>decay</c> ≥ 0 (power schedule only when ≠ 1).</param>
    /// <param name="steps"><c>steps</c>: piecewise milestones.</param>
    /// <param name="stepGammas"><c>step_gammas</c>: piecewise rates.</param>
    public CwsParameters(
        CwsLoss loss = CwsLoss.Logistic,
        CwsCovariance covariance = CwsCovariance.Isotropic,
        double gamma = 1,
        double zeroFraction = 0.5,
        double alpha1 = 1.1,
        double alpha2 = 1.5,
        double meanExponent = -0.25,
        CwsMeanSupport meanOn = CwsMeanSupport.Clean,
        double meanNorm = 1,
        int dimension = 1000,
        long? seed = null,
        int classes = 2,
        long problemSeed = CwsModel.DefaultProblemSeed,
        IReadOnlyList<double>? probabilities = null,
        IReadOnlyList<double>? labels = null,
        IReadOnlyList<double>? means = null,
        IReadOnlyList<double>? alphas = null,
        CwsScheduleKind schedule = CwsScheduleKind.Constant,
        double t0 = CwsSchedule.DefaultT0,
        double decay = CwsSchedule.DefaultDecay,
        IReadOnlyList<double>? steps = null,
        IReadOnlyList<double>? stepGammas = null)
    {
        if (dimension < 2 || dimension > MaxDimension) throw Bad("d", $"must be an integer in [2, {MaxDimension}] (got {dimension})");
        int maxClasses = MaxClasses(dimension);
        if (classes < 2 || classes > maxClasses) throw Bad("classes", $"must be an integer in [2, max(2, d/4)] = [2, {maxClasses}] (got {classes})");
        if ((long)classes * dimension > MaxEntries) throw Bad("classes", $"times d must be ≤ {MaxEntries} (got {(long)classes * dimension})");
        if (!double.IsFinite(zeroFraction) || zeroFraction < 0 || zeroFraction >= 1) throw Bad("zero_fraction", $"must lie in [0, 1) (got {F(zeroFraction)})");
        if (!double.IsFinite(alpha1) || alpha1 <= 0) throw Bad("alpha1", $"must be a finite number > 0 (got {F(alpha1)})");
        if (!double.IsFinite(alpha2) || alpha2 <= 0) throw Bad("alpha2", $"must be a finite number > 0 (got {F(alpha2)})");
        if (!double.IsFinite(meanExponent) || meanExponent <= -0.5) throw Bad("mean_exponent", $"must be a finite number > -0.5 (got {F(meanExponent)})");
        if (!double.IsFinite(meanNorm) || meanNorm <= 0) throw Bad("mean_norm", $"must be a finite number > 0 (got {F(meanNorm)})");
        if (covariance == CwsCovariance.ZeroOne && meanOn == CwsMeanSupport.Clean && means is null && (int)Math.Floor(zeroFraction * dimension) < 1)
            throw Bad("zero_fraction", $"times d must be ≥ 1 when mean_on = clean (there must be a clean mode; got f·d = {F(zeroFraction * dimension)})");

        _p = new double[classes];
        if (probabilities is null) Array.Fill(_p, 1.0 / classes);
        else
        {
            if (probabilities.Count != classes) throw Bad("p", $"must have length classes = {classes} (got {probabilities.Count})");
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                if (!double.IsFinite(probabilities[c]) || probabilities[c] <= 0) throw Bad("p", $"must have positive finite entries (entry {c + 1} is {F(probabilities[c])})");
                sum += probabilities[c];
            }
            if (Math.Abs(sum - 1) > 1e-9) throw Bad("p", $"must sum to 1 (sum is {F(sum)})");
            for (int c = 0; c < classes; c++) _p[c] = probabilities[c] / sum;
        }

        _labels = new double[classes];
        if (labels is null)
            for (int c = 0; c < classes; c++) _labels[c] = c % 2 == 0 ? 1 : loss == CwsLoss.Squares ? -1 : 0;
        else
        {
            if (labels.Count != classes) throw Bad("labels", $"must have length classes = {classes} (got {labels.Count})");
            for (int c = 0; c < classes; c++)
            {
                double y = labels[c];
                if (!double.IsFinite(y)) throw Bad("labels", $"must be finite (entry {c + 1} is {F(y)})");
                if (loss == CwsLoss.Logistic && (y < 0 || y > 1)) throw Bad("labels", $"must lie in [0, 1] for loss = logistic (entry {c + 1} is {F(y)})");
                _labels[c] = y;
            }
            if (_labels.All(y => y == _labels[0])) throw Bad("labels", "must not all be equal (the classes would carry no signal)");
        }

        if (alphas is not null && covariance != CwsCovariance.PowerLaw) throw Bad("alphas", "is only used with cov = power-law");
        _alphas = new double[classes];
        if (alphas is null)
            for (int c = 0; c < classes; c++) _alphas[c] = alpha1 + (alpha2 - alpha1) * c / (classes - 1);
        else
        {
            if (alphas.Count != classes) throw Bad("alphas", $"must have length classes = {classes} (got {alphas.Count})");
            for (int c = 0; c < classes; c++)
            {
                if (!double.IsFinite(alphas[c]) || alphas[c] <= 0) throw Bad("alphas", $"must hold finite numbers > 0 (entry {c + 1} is {F(alphas[c])})");
                _alphas[c] = alphas[c];
            }
        }

        if (means is not null)
        {
            long expected = (long)classes * dimension;
            if (means.Count != expected) throw Bad("means", $"must hold classes·d = {expected} numbers (got {means.Count})");
            _means = new double[expected];
            for (int j = 0; j < _means.Length; j++)
            {
                if (!double.IsFinite(means[j])) throw Bad("means", $"must be finite (entry {j + 1} is {F(means[j])})");
                _means[j] = means[j];
            }
        }

        if (schedule != CwsScheduleKind.Power && (t0 != CwsSchedule.DefaultT0 || decay != CwsSchedule.DefaultDecay))
            throw Bad(t0 != CwsSchedule.DefaultT0 ? "t0" : "decay", "is only used with schedule = power");
        if (schedule != CwsScheduleKind.Piecewise && (steps is not null || stepGammas is not null))
            throw Bad(steps is not null ? "steps" : "step_gammas", "is only used with schedule = piecewise");
        Schedule = schedule switch
        {
            CwsScheduleKind.Power => CwsSchedule.Power(gamma, t0, decay),
            CwsScheduleKind.Piecewise => CwsSchedule.Piecewise(gamma, steps ?? [], stepGammas ?? []),
            _ => CwsSchedule.Constant(gamma),
        };

        Loss = loss;
        Covariance = covariance;
        ZeroFraction = zeroFraction;
        Alpha1 = alpha1;
        Alpha2 = alpha2;
        MeanExponent = meanExponent;
        MeanOn = meanOn;
        MeanNorm = meanNorm;
        Dimension = dimension;
        Seed = seed;
        Classes = classes;
        ProblemSeed = problemSeed;
        HasExplicitProbabilities = probabilities is not null;
        HasExplicitLabels = labels is not null;
        HasExplicitAlphas = alphas is not null;
    }

    /// <summary>Largest accepted d.</summary>
    public const int MaxDimension = 100_000_000;

    /// <summary>Largest accepted C·d (the means are stored as C·d numbers).</summary>
    public const long MaxEntries = 100_000_000;

    /// <summary>Largest C at dimension d: max(2, ⌊d/4⌋).</summary>
    public static int MaxClasses(int dimension) => Math.Max(2, dimension / 4);

    /// <summary>All defaults (logistic, isotropic, γ = 1, ‖μ‖ = 1, d = 1000, two classes ±μ).</summary>
    public static CwsParameters Default { get; } = new();

    /// <summary><c>loss</c>.</summary>
    public CwsLoss Loss { get; }

    /// <summary><c>cov</c>.</summary>
    public CwsCovariance Covariance { get; }

    /// <summary><c>gamma</c>: γ₀ of the schedule (the constant γ by default).</summary>
    public double Gamma => Schedule.Gamma0;

    /// <summary><c>zero_fraction</c>: f.</summary>
    public double ZeroFraction { get; }

    /// <summary><c>alpha1</c>.</summary>
    public double Alpha1 { get; }

    /// <summary><c>alpha2</c>.</summary>
    public double Alpha2 { get; }

    /// <summary><c>mean_exponent</c>: β_μ.</summary>
    public double MeanExponent { get; }

    /// <summary><c>mean_on</c>.</summary>
    public CwsMeanSupport MeanOn { get; }

    /// <summary><c>mean_norm</c>: ‖μ‖ (isotropic, zero-one).</summary>
    public double MeanNorm { get; }

    /// <summary><c>d</c>.</summary>
    public int Dimension { get; }

    /// <summary><c>seed</c>, or null when not given.</summary>
    public long? Seed { get; }

    /// <summary><c>classes</c>: C.</summary>
    public int Classes { get; }

    /// <summary><c>problem_seed</c>.</summary>
    public long ProblemSeed { get; }

    /// <summary>The schedule γ(t) (<c>gamma</c>, <c>schedule</c>, <c>t0</c>, <c>decay</c>, <c>steps</c>, <c>step_gammas</c>).</summary>
    public CwsSchedule Schedule { get; }

    /// <summary>p_c (positive, summing to 1).</summary>
    public ReadOnlySpan<double> Probabilities => _p;

    /// <summary>y_c (given or the defaults of the loss).</summary>
    public ReadOnlySpan<double> Labels => _labels;

    /// <summary>α_c of the power law (given or interpolated; unused by the other families).</summary>
    public ReadOnlySpan<double> ClassAlphas => _alphas;

    /// <summary>The given means (C·d, class by class), or empty when the profile's means are used.</summary>
    public ReadOnlySpan<double> ExplicitMeans => _means;

    /// <summary>True when <c>means</c> was given.</summary>
    public bool HasExplicitMeans => _means is not null;

    /// <summary>True when <c>p</c> was given.</summary>
    public bool HasExplicitProbabilities { get; }

    /// <summary>True when <c>labels</c> was given.</summary>
    public bool HasExplicitLabels { get; }

    /// <summary>True when <c>alphas</c> was given.</summary>
    public bool HasExplicitAlphas { get; }

    /// <summary>Number of clean (zero-variance) modes n_c = ⌊f·d⌋ of the zero-one family (0 for the others).</summary>
    public int CleanModeCount => Covariance == CwsCovariance.ZeroOne ? (int)Math.Floor(ZeroFraction * Dimension) : 0;

    /// <summary>The data model: probabilities, labels, per-class variances and means (cws.md §1).</summary>
    public CwsMixture CreateMixture() => CwsMixture.FromParameters(this);

    /// <summary>The same parameters at another dimension d (means given explicitly cannot be re-dimensioned).</summary>
    /// <exception cref="InputException">The new d is out of range or the means were given.</exception>
    public CwsParameters WithDimension(int dimension)
    {
        if (_means is not null) throw Bad("means", "were given for d = " + Dimension + " and cannot be used at another d");
        return Rebuild(dimension, Seed);
    }

    /// <summary>The same parameters with another simulation seed.</summary>
    public CwsParameters WithSeed(long? seed) => Rebuild(Dimension, seed);

    private CwsParameters Rebuild(int dimension, long? seed) =>
        new(Loss, Covariance, Gamma, ZeroFraction, Alpha1, Alpha2, MeanExponent, MeanOn, MeanNorm, dimension, seed, Classes, ProblemSeed,
            HasExplicitProbabilities ? _p : null, HasExplicitLabels ? _labels : null, _means, HasExplicitAlphas ? _alphas : null,
            Schedule.Kind, Schedule.T0, Schedule.Decay,
            Schedule.Kind == CwsScheduleKind.Piecewise ? Schedule.Milestones : null,
            Schedule.Kind == CwsScheduleKind.Piecewise ? Schedule.StepGammas : null);

    /// <summary>Reads and validates every parameter from validated values (<see cref="CwsModel.Descriptor"/>).</summary>
    /// <exception cref="InputException">A value is out of range or inconsistent with another.</exception>
    public static CwsParameters FromValues(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        long d = values.Integer("d");
        if (d < 2 || d > MaxDimension) throw Bad("d", $"must be an integer in [2, {MaxDimension}] (got {d})");
        long classes = values.Integer("classes");
        int maxClasses = MaxClasses((int)d);
        if (classes < 2 || classes > maxClasses) throw Bad("classes", $"must be an integer in [2, max(2, d/4)] = [2, {maxClasses}] (got {classes})");
        long? seed = values.Get("seed") is null ? null : values.Integer("seed");
        return new CwsParameters(
            loss: ParseLoss(values.Choice("loss")),
            covariance: ParseCovariance(values.Choice("cov")),
            gamma: values.Real("gamma"),
            zeroFraction: values.Real("zero_fraction"),
            alpha1: values.Real("alpha1"),
            alpha2: values.Real("alpha2"),
            meanExponent: values.Real("mean_exponent"),
            meanOn: ParseSupport(values.Choice("mean_on")),
            meanNorm: values.Real("mean_norm"),
            dimension: (int)d,
            seed: seed,
            classes: (int)classes,
            problemSeed: values.Integer("problem_seed"),
            probabilities: values.RealList("p"),
            labels: values.RealList("labels"),
            means: values.RealList("means"),
            alphas: values.RealList("alphas"),
            schedule: ParseSchedule(values.Choice("schedule")),
            t0: values.Real("t0"),
            decay: values.Real("decay"),
            steps: values.RealList("steps"),
            stepGammas: values.RealList("step_gammas"));
    }

    /// <summary>
    /// The parameters as validated values of <see cref="CwsModel.Descriptor"/>: every scalar explicitly, the lists
    /// (p, labels, means, alphas, steps, step_gammas) and the seed only when given, so
    /// <c>FromValues(ToValues())</c> equals this record.
    /// </summary>
    public ParameterValues ToValues()
    {
        var v = CwsModel.Descriptor.Defaults
            .With("loss", CwsModel.Name(Loss))
            .With("cov", CwsModel.Name(Covariance))
            .With("gamma", Gamma)
            .With("zero_fraction", ZeroFraction)
            .With("alpha1", Alpha1)
            .With("alpha2", Alpha2)
            .With("mean_exponent", MeanExponent)
            .With("mean_on", CwsModel.Name(MeanOn))
            .With("mean_norm", MeanNorm)
            .With("d", JsonValue.Create((long)Dimension))
            .With("classes", JsonValue.Create((long)Classes))
            .With("problem_seed", JsonValue.Create(ProblemSeed))
            .With("schedule", CwsModel.Name(Schedule.Kind));
        if (Seed is long s) v = v.With("seed", JsonValue.Create(s));
        if (HasExplicitProbabilities) v = v.With("p", List(_p));
        if (HasExplicitLabels) v = v.With("labels", List(_labels));
        if (_means is not null) v = v.With("means", List(_means));
        if (HasExplicitAlphas) v = v.With("alphas", List(_alphas));
        if (Schedule.Kind == CwsScheduleKind.Power) v = v.With("t0", Schedule.T0).With("decay", Schedule.Decay);
        if (Schedule.Kind == CwsScheduleKind.Piecewise)
            v = v.With("steps", List(Schedule.Milestones)).With("step_gammas", List(Schedule.StepGammas));
        return v;
    }

    /// <summary>The parameters as the JSON object of the command-line documents (every parameter with a value).</summary>
    public JsonObject ToJson() => ToValues().ToJson(includeSimulationOnly: true);

    /// <summary>Value equality including every list.</summary>
    public bool Equals(CwsParameters? other) =>
        other is not null && Loss == other.Loss && Covariance == other.Covariance && ZeroFraction.Equals(other.ZeroFraction) &&
        Alpha1.Equals(other.Alpha1) && Alpha2.Equals(other.Alpha2) && MeanExponent.Equals(other.MeanExponent) && MeanOn == other.MeanOn &&
        MeanNorm.Equals(other.MeanNorm) && Dimension == other.Dimension && Seed == other.Seed && Classes == other.Classes &&
        ProblemSeed == other.ProblemSeed && Schedule.Equals(other.Schedule) &&
        HasExplicitProbabilities == other.HasExplicitProbabilities && HasExplicitLabels == other.HasExplicitLabels &&
        HasExplicitAlphas == other.HasExplicitAlphas &&
        _p.AsSpan().SequenceEqual(other._p) && _labels.AsSpan().SequenceEqual(other._labels) && _alphas.AsSpan().SequenceEqual(other._alphas) &&
        (_means is null ? other._means is null : other._means is not null && _means.AsSpan().SequenceEqual(other._means));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Loss, Covariance, Schedule, Dimension, Seed, Classes, ProblemSeed, HashCode.Combine(MeanNorm, MeanExponent, ZeroFraction));

    /// <summary>One line, e.g. <c>loss=logistic cov=isotropic gamma=1 d=1000 classes=2</c>.</summary>
    public override string ToString()
    {
        string family = Covariance switch
        {
            CwsCovariance.ZeroOne => $" zero_fraction={F(ZeroFraction)} mean_on={CwsModel.Name(MeanOn)} mean_norm={F(MeanNorm)}",
            CwsCovariance.PowerLaw => $" alphas=[{string.Join(",", _alphas.Select(F))}] mean_exponent={F(MeanExponent)}",
            _ => $" mean_norm={F(MeanNorm)}",
        };
        return $"loss={CwsModel.Name(Loss)} cov={CwsModel.Name(Covariance)}{family} {Schedule} d={Dimension} classes={Classes}" +
               (Seed is long s ? $" seed={s}" : "");
    }

    private static JsonArray List(IEnumerable<double> values)
    {
        var a = new JsonArray();
        foreach (double x in values) a.Add((JsonNode?)(JsonValue.Create(x)));
        return a;
    }

    private static CwsLoss ParseLoss(string name) => name == "squares" ? CwsLoss.Squares : CwsLoss.Logistic;

    private static CwsCovariance ParseCovariance(string name) => name switch
    {
        "zero-one" => CwsCovariance.ZeroOne,
        "power-law" => CwsCovariance.PowerLaw,
        _ => CwsCovariance.Isotropic,
    };

    private static CwsMeanSupport ParseSupport(string name) => name switch
    {
        "noisy" => CwsMeanSupport.Noisy,
        "both" => CwsMeanSupport.Both,
        _ => CwsMeanSupport.Clean,
    };

    private static CwsScheduleKind ParseSchedule(string name) => name switch
    {
        "power" => CwsScheduleKind.Power,
        "piecewise" => CwsScheduleKind.Piecewise,
        _ => CwsScheduleKind.Constant,
    };

    private static string F(double x) => x.ToString("G", CultureInfo.InvariantCulture);

    private static InputException Bad(string name, string what) => new($"parameter '{name}' {what}");
}

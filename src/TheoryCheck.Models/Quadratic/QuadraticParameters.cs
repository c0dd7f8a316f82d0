using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Models.Quadratic;

/// <summary>
/// Parameters of the <c>quadratic</c> model (shared/theory/parameters.md, quadratic section; quadratic.md §1):
/// loss ½eᵀHe with H = diag(λ_D on the k dominant coordinates, λ_B on the d − k bulk ones), constant step η,
/// gradient noise, initialisation e_0 ~ N(0, R²I), and the update method used from step <c>switch_at</c> on.
/// The defaults are the base run of claims.md §4. Use <see cref="Validate"/> (called by every engine) after
/// building a value with <c>with</c>; <see cref="FromValues"/> validates.
/// </summary>
public sealed record QuadraticParameters : IModelParameters<QuadraticParameters>
{
    /// <summary><c>d</c>: dimension, integer ≥ 2.</summary>
    public int Dimension { get; init; } = 2000;

    /// <summary><c>k</c>: number of dominant coordinates, 1 ≤ k &lt; d.</summary>
    public int DominantCount { get; init; } = 20;

    /// <summary><c>lambda_dom</c>: Hessian eigenvalue λ_D on the dominant block.</summary>
    public double LambdaDominant { get; init; } = 1.0;

    /// <summary><c>lambda_bulk</c>: Hessian eigenvalue λ_B on the bulk block, 0 &lt; λ_B &lt; λ_D.</summary>
    public double LambdaBulk { get; init; } = 0.001;

    /// <summary><c>eta</c>: constant step size η, 0 &lt; η &lt; 2/λ_D.</summary>
    public double StepSize { get; init; } = 0.5;

    /// <summary><c>noise</c>: gradient-noise model.</summary>
    public QuadraticNoise Noise { get; init; } = QuadraticNoise.Additive;

    /// <summary><c>sigma2</c>: noise variance σ² ≥ 0 (streaming: label-noise variance).</summary>
    public double NoiseVariance { get; init; } = 1.0;

    /// <summary><c>batch</c>: streaming batch size b ≥ 1 (ignored by the other noise models).</summary>
    public int Batch { get; init; } = 1;

    /// <summary><c>init_scale</c>: R &gt; 0 in e_0 ~ N(0, R²I).</summary>
    public double InitScale { get; init; } = 100.0;

    /// <summary><c>method</c>: update rule used from step <see cref="SwitchAt"/> on (SGD before).</summary>
    public QuadraticMethod Method { get; init; } = QuadraticMethod.Sgd;

    /// <summary><c>switch_at</c>: first step t_s (≥ 0) that uses <see cref="Method"/>; steps t &lt; t_s are SGD.</summary>
    public long SwitchAt { get; init; }

    /// <summary><c>seed</c>: simulation seed (null when not given).</summary>
    public ulong? Seed { get; init; }

    /// <summary>Bulk dimension d − k.</summary>
    public int BulkCount => Dimension - DominantCount;

    /// <summary>λ_i of coordinate i (0-based): λ_D for i &lt; k, λ_B otherwise.</summary>
    public double Lambda(int i) => i < DominantCount ? LambdaDominant : LambdaBulk;

    /// <summary>The update rule of step t (0-based: the step from e_t to e_{t+1}): SGD for t &lt; t_s, then <see cref="Method"/>.</summary>
    public QuadraticMethod MethodAt(long step) => step < SwitchAt ? QuadraticMethod.Sgd : Method;

    /// <summary>The parameter base run of claims.md §4 (all defaults of parameters.md).</summary>
    public static QuadraticParameters Base { get; } = new();

    /// <summary>
    /// Checks every parameter and the cross-field rules (k &lt; d, λ_D &gt; λ_B &gt; 0, 0 &lt; η &lt; 2/λ_D) and returns
    /// this value; throws <see cref="InputException"/> with one line naming the parameter.
    /// </summary>
    public QuadraticParameters Validate()
    {
        if (Dimension < 2) throw Bad("d", $"must be an integer ≥ 2 (got {Dimension})");
        if (DominantCount < 1 || DominantCount >= Dimension)
            throw Bad("k", $"must satisfy 1 ≤ k < d = {Dimension} (got {DominantCount})");
        if (!double.IsFinite(LambdaBulk) || LambdaBulk <= 0) throw Bad("lambda_bulk", $"must be a finite number > 0 (got {F(LambdaBulk)})");
        if (!double.IsFinite(LambdaDominant) || LambdaDominant <= LambdaBulk)
            throw Bad("lambda_dom", $"must be > lambda_bulk = {F(LambdaBulk)} (got {F(LambdaDominant)})");
        if (!double.IsFinite(StepSize) || StepSize <= 0 || StepSize >= 2 / LambdaDominant)
            throw Bad("eta", $"must satisfy 0 < eta < 2/lambda_dom = {F(2 / LambdaDominant)} (got {F(StepSize)})");
        if (!double.IsFinite(NoiseVariance) || NoiseVariance < 0) throw Bad("sigma2", $"must be a finite number ≥ 0 (got {F(NoiseVariance)})");
        if (Batch < 1) throw Bad("batch", $"must be an integer ≥ 1 (got {Batch})");
        if (!double.IsFinite(InitScale) || InitScale <= 0) throw Bad("init_scale", $"must be a finite number > 0 (got {F(InitScale)})");
        if (SwitchAt < 0) throw Bad("switch_at", $"must be an integer ≥ 0 (got {SwitchAt})");
        if (!Enum.IsDefined(Noise)) throw Bad("noise", "must be one of additive, hessian, streaming");
        if (!Enum.IsDefined(Method)) throw Bad("method", "must be one of sgd, dom, bulk");
        return this;
    }

    /// <summary>Builds and validates the parameters from checked <see cref="ParameterValues"/> of <see cref="QuadraticModel.Descriptor"/>.</summary>
    public static QuadraticParameters FromValues(ParameterValues values)
    {
        long d = values.Integer("d"), k = values.Integer("k"), batch = values.Integer("batch");
        if (d > int.MaxValue) throw Bad("d", $"must be ≤ {int.MaxValue} (got {d})");
        if (batch > int.MaxValue) throw Bad("batch", $"must be ≤ {int.MaxValue} (got {batch})");
        return new QuadraticParameters
        {
            Dimension = (int)d,
            DominantCount = (int)Math.Clamp(k, 0, int.MaxValue),
            LambdaDominant = values.Real("lambda_dom"),
            LambdaBulk = values.Real("lambda_bulk"),
            StepSize = values.Real("eta"),
            Noise = ParseNoise(values.Choice("noise")),
            NoiseVariance = values.Real("sigma2"),
            Batch = (int)batch,
            InitScale = values.Real("init_scale"),
            Method = ParseMethod(values.Choice("method")),
            SwitchAt = values.Integer("switch_at"),
            Seed = values.Get("seed") is JsonNode s ? unchecked((ulong)s.GetValue<long>()) : null,
        }.Validate();
    }

    /// <summary>The record as values of <see cref="QuadraticModel.Descriptor"/>; round-trips through <see cref="FromValues"/>.</summary>
    public ParameterValues ToValues()
    {
        var values = QuadraticModel.Descriptor.Defaults
            .With("d", (long)Dimension).With("k", (long)DominantCount)
            .With("lambda_dom", LambdaDominant).With("lambda_bulk", LambdaBulk).With("eta", StepSize)
            .With("noise", NoiseName(Noise)).With("sigma2", NoiseVariance).With("batch", (long)Batch)
            .With("init_scale", InitScale).With("method", MethodName(Method)).With("switch_at", SwitchAt);
        return Seed is ulong seed ? values.With("seed", unchecked((long)seed)) : values;
    }

    /// <summary>The parameters under their documented names (parameters.md), for results and documents.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["d"] = Dimension,
            ["k"] = DominantCount,
            ["lambda_dom"] = LambdaDominant,
            ["lambda_bulk"] = LambdaBulk,
            ["eta"] = StepSize,
            ["noise"] = NoiseName(Noise),
            ["sigma2"] = NoiseVariance,
            ["batch"] = Batch,
            ["init_scale"] = InitScale,
            ["method"] = MethodName(Method),
            ["switch_at"] = SwitchAt,
        };
        if (Seed is ulong seed) o["seed"] = seed;
        return o;
    }

    /// <summary>The JSON name of a noise model.</summary>
    public static string NoiseName(QuadraticNoise noise) => noise switch
    {
        QuadraticNoise.Additive => "additive",
        QuadraticNoise.Hessian => "hessian",
        QuadraticNoise.Streaming => "streaming",
        _ => throw new ArgumentOutOfRangeException(nameof(noise)),
    };

    /// <summary>The JSON name of a method.</summary>
    public static string MethodName(QuadraticMethod method) => method switch
    {
        QuadraticMethod.Sgd => "sgd",
        QuadraticMethod.Dom => "dom",
        QuadraticMethod.Bulk => "bulk",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Parses a noise name (<c>additive</c>, <c>hessian</c>, <c>streaming</c>).</summary>
    public static QuadraticNoise ParseNoise(string name) => name switch
    {
        "additive" => QuadraticNoise.Additive,
        "hessian" => QuadraticNoise.Hessian,
        "streaming" => QuadraticNoise.Streaming,
        _ => throw Bad("noise", $"must be one of additive, hessian, streaming (got '{name}')"),
    };

    /// <summary>Parses a method name (<c>sgd</c>, <c>dom</c>, <c>bulk</c>).</summary>
    public static QuadraticMethod ParseMethod(string name) => name switch
    {
        "sgd" => QuadraticMethod.Sgd,
        "dom" => QuadraticMethod.Dom,
        "bulk" => QuadraticMethod.Bulk,
        _ => throw Bad("method", $"must be one of sgd, dom, bulk (got '{name}')"),
    };

    private static string F(double x) => x.ToString("G", CultureInfo.InvariantCulture);

    private static InputException Bad(string name, string what) => new($"parameter '{name}' {what}");
}

using System.Globalization;

namespace TheoryCheck.Models.Cws;

/// <summary>
/// The learning-rate schedule γ(t) of the <c>cws</c> model (docs/theory/cws.md §3.2): one-pass SGD step ℓ = 1, 2, …
/// uses the step size γ(t_{ℓ−1})/d with t_{ℓ−1} = (ℓ − 1)/d, the theory replaces γ by γ(t) in the ODE of §3.
/// Shapes: constant γ₀; power decay γ₀/(1 + t/t₀)^a (t₀ &gt; 0, a ≥ 0); piecewise constant, γ₀ before the first
/// milestone and γ_j on [t_j, t_{j+1}) (0 &lt; t_1 &lt; t_2 &lt; …, γ_j &gt; 0). Validated on construction: bad values
/// throw <see cref="InputException"/> with one line naming the parameter (<c>gamma</c>, <c>t0</c>, <c>decay</c>,
/// <c>steps</c>, <c>step_gammas</c>).
/// </summary>
public sealed record CwsSchedule
{
    private readonly double[] _milestones;
    private readonly double[] _stepGammas;

    private CwsSchedule(CwsScheduleKind kind, double gamma0, double t0, double decay, double[] milestones, double[] stepGammas)
    {
        if (!double.IsFinite(gamma0) || gamma0 <= 0) throw Bad("gamma", $"must be a finite number > 0 (got {F(gamma0)})");
        if (!double.IsFinite(t0) || t0 <= 0) throw Bad("t0", $"must be a finite number > 0 (got {F(t0)})");
        if (!double.IsFinite(decay) || decay < 0) throw Bad("decay", $"must be a finite number ≥ 0 (got {F(decay)})");
        if (milestones.Length != stepGammas.Length)
            throw Bad("step_gammas", $"must have one value per milestone in 'steps' ({milestones.Length}; got {stepGammas.Length})");
        for (int j = 0; j < milestones.Length; j++)
        {
            if (!double.IsFinite(milestones[j]) || milestones[j] <= 0 || (j > 0 && milestones[j] <= milestones[j - 1]))
                throw Bad("steps", "must be finite, > 0 and strictly increasing");
            if (!double.IsFinite(stepGammas[j]) || stepGammas[j] <= 0)
                throw Bad("step_gammas", $"must hold finite numbers > 0 (entry {j + 1} is {F(stepGammas[j])})");
        }
        Kind = kind;
        Gamma0 = gamma0;
        T0 = t0;
        Decay = decay;
        _milestones = milestones;
        _stepGammas = stepGammas;
    }

    /// <summary>Default t₀ of the power schedule.</summary>
    public const double DefaultT0 = 1;

    /// <summary>Default exponent a of the power schedule.</summary>
    public const double DefaultDecay = 1;

    /// <summary>γ(t) = γ₀.</summary>
    public static CwsSchedule Constant(double gamma0) => new(CwsScheduleKind.Constant, gamma0, DefaultT0, DefaultDecay, [], []);

    /// <summary>γ(t) = γ₀/(1 + t/t₀)^a.</summary>
    public static CwsSchedule Power(double gamma0, double t0, double decay) => new(CwsScheduleKind.Power, gamma0, t0, decay, [], []);

    /// <summary>γ(t) = γ₀ for t &lt; t_1, γ_j for t_j ≤ t &lt; t_{j+1}; at least one milestone.</summary>
    public static CwsSchedule Piecewise(double gamma0, IReadOnlyList<double> milestones, IReadOnlyList<double> stepGammas)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        ArgumentNullException.ThrowIfNull(stepGammas);
        if (milestones.Count == 0) throw Bad("steps", "must list at least one milestone time for schedule = piecewise");
        return new(CwsScheduleKind.Piecewise, gamma0, DefaultT0, DefaultDecay, milestones.ToArray(), stepGammas.ToArray());
    }

    /// <summary>The shape.</summary>
    public CwsScheduleKind Kind { get; }

    /// <summary>γ₀ = <c>gamma</c>: the rate at t = 0.</summary>
    public double Gamma0 { get; }

    /// <summary>t₀ of the power schedule.</summary>
    public double T0 { get; }

    /// <summary>Exponent a of the power schedule.</summary>
    public double Decay { get; }

    /// <summary>Milestones t_1 &lt; t_2 &lt; … of the piecewise schedule (empty otherwise).</summary>
    public IReadOnlyList<double> Milestones => _milestones;

    /// <summary>γ_j of the piecewise schedule, one per milestone.</summary>
    public IReadOnlyList<double> StepGammas => _stepGammas;

    /// <summary>True for the constant schedule.</summary>
    public bool IsConstant => Kind == CwsScheduleKind.Constant || (Kind == CwsScheduleKind.Power && Decay == 0);

    /// <summary>Times where γ(t) jumps (the piecewise milestones; empty otherwise). The ODE is integrated piece by piece.</summary>
    public ReadOnlySpan<double> Breakpoints => _milestones;

    /// <summary>sup_t γ(t): γ₀ for constant and power schedules, the largest of γ₀ and the γ_j for piecewise ones.</summary>
    public double MaxRate => Kind == CwsScheduleKind.Piecewise ? Math.Max(Gamma0, _stepGammas.Max()) : Gamma0;

    /// <summary>γ(t) for t ≥ 0 (right-continuous at milestones).</summary>
    public double Rate(double t)
    {
        switch (Kind)
        {
            case CwsScheduleKind.Power:
                return Decay == 0 ? Gamma0 : Gamma0 / Math.Pow(1 + t / T0, Decay);
            case CwsScheduleKind.Piecewise:
                double rate = Gamma0;
                for (int j = 0; j < _milestones.Length && t >= _milestones[j]; j++) rate = _stepGammas[j];
                return rate;
            default:
                return Gamma0;
        }
    }

    /// <summary>The rate γ((ℓ − 1)/d) used by SGD step ℓ ≥ 1 at dimension d (step size γ/d).</summary>
    public double RateAtStep(long step, int dimension) => Rate((step - 1) / (double)dimension);

    /// <summary>Value equality including the milestone lists.</summary>
    public bool Equals(CwsSchedule? other) =>
        other is not null && Kind == other.Kind && Gamma0.Equals(other.Gamma0) && T0.Equals(other.T0) && Decay.Equals(other.Decay) &&
        _milestones.AsSpan().SequenceEqual(other._milestones) && _stepGammas.AsSpan().SequenceEqual(other._stepGammas);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Kind);
        h.Add(Gamma0);
        h.Add(T0);
        h.Add(Decay);
        foreach (double x in _milestones) h.Add(x);
        foreach (double x in _stepGammas) h.Add(x);
        return h.ToHashCode();
    }

    /// <summary>One line, e.g. <c>gamma=1</c>, <c>gamma=1/(1+t/10)^0.5</c>, <c>gamma=1 then 0.5@t≥10</c>.</summary>
    public override string ToString() => Kind switch
    {
        CwsScheduleKind.Power => string.Create(CultureInfo.InvariantCulture, $"gamma={F(Gamma0)}/(1+t/{F(T0)})^{F(Decay)}"),
        CwsScheduleKind.Piecewise => $"gamma={F(Gamma0)} then " + string.Join(", ", _milestones.Select((t, j) => $"{F(_stepGammas[j])}@t≥{F(t)}")),
        _ => $"gamma={F(Gamma0)}",
    };

    private static string F(double x) => x.ToString("G", CultureInfo.InvariantCulture);

    private static InputException Bad(string name, string what) => new($"parameter '{name}' {what}");
}

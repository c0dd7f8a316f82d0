using System.Globalization;

namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Integration options shared by every solver. Adaptive steps keep the local error estimate
/// err = ‖e / (atol + rtol·max(|u|, |u_new|))‖_RMS ≤ 1. Every <see cref="OdeSolution"/> records the options it used.
/// </summary>
public sealed record OdeOptions
{
    /// <summary>Relative tolerance rtol ≥ 0 (project default 1e−8).</summary>
    public double RelativeTolerance { get; init => field = NonNegative(value, nameof(RelativeTolerance)); } = 1e-8;

    /// <summary>
    /// Absolute tolerance atol ≥ 0 (project default 1e−10). With atol = 0 errors are purely relative to
    /// max(|uᵢ|, |u_newᵢ|); a component that is exactly zero over a step (with zero error) is then ignored, but one
    /// that is zero with a non-zero error estimate cannot be satisfied and ends in <see cref="OdeStatus.StepSizeTooSmall"/>.
    /// </summary>
    public double AbsoluteTolerance { get; init => field = NonNegative(value, nameof(AbsoluteTolerance)); } = 1e-10;

    /// <summary>Magnitude of the first step; null selects it automatically (Hairer–Wanner, Solving ODE I, §II.4).</summary>
    public double? InitialStep { get; init => field = PositiveOrNull(value, nameof(InitialStep)); }

    /// <summary>Largest step magnitude; null means |EndTime − StartTime|.</summary>
    public double? MaxStep { get; init => field = PositiveOrNull(value, nameof(MaxStep)); }

    /// <summary>Budget of step attempts (accepted plus rejected) before <see cref="OdeStatus.MaxStepsExceeded"/>.</summary>
    public int MaxSteps
    {
        get;
        init => field = value > 0
            ? value
            : throw new ArgumentException($"MaxSteps is {value}; it must be positive.", nameof(MaxSteps));
    } = 1_000_000;

    /// <summary>
    /// Output grid: when set, the solution holds exactly these times (bit-for-bit), filled by dense-output
    /// interpolation without constraining the steps. Must be strictly monotone in the direction of integration
    /// and inside [StartTime, EndTime]. Null stores the start point and every accepted step.
    /// </summary>
    public double[]? SaveAt { get; init => field = ValidateSaveAt(value); }

    /// <summary>
    /// When true the solution keeps every step's interpolant so <see cref="OdeSolution.Evaluate(double)"/> works
    /// anywhere in the integrated interval (memory: a few state vectors per step).
    /// </summary>
    public bool DenseOutput { get; init; }

    /// <summary>
    /// When set, fixed-step mode: steps of exactly this magnitude (the last one adjusted to land on EndTime),
    /// no error control, <see cref="InitialStep"/>, <see cref="MaxStep"/> and the tolerances are then unused.
    /// </summary>
    public double? FixedStep { get; init => field = PositiveOrNull(value, nameof(FixedStep)); }

    /// <summary>Checks the options that depend on the problem (the output grid lies in the integration interval).</summary>
    /// <exception cref="ArgumentException">SaveAt is outside [StartTime, EndTime] or not ordered along the integration.</exception>
    public void ValidateFor(OdeProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (RelativeTolerance == 0 && AbsoluteTolerance == 0 && FixedStep is null)
        {
            throw new ArgumentException("RelativeTolerance and AbsoluteTolerance cannot both be zero for adaptive steps.");
        }

        if (SaveAt is not { Length: > 0 } grid)
        {
            return;
        }

        double t0 = problem.StartTime, t1 = problem.EndTime;
        double direction = t1 >= t0 ? 1.0 : -1.0;
        double lower = Math.Min(t0, t1), upper = Math.Max(t0, t1);
        for (int i = 0; i < grid.Length; i++)
        {
            if (grid[i] < lower || grid[i] > upper)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"SaveAt[{i}] = {grid[i]:R} lies outside [{lower:R}, {upper:R}]."),
                    nameof(SaveAt));
            }

            if (i > 0 && (grid[i] - grid[i - 1]) * direction <= 0)
            {
                throw new ArgumentException(
                    $"SaveAt must be strictly {(direction > 0 ? "increasing" : "decreasing")} along the integration (index {i}).",
                    nameof(SaveAt));
            }
        }
    }

    private static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentException($"{name} is {value}; it must be finite and non-negative.", name);

    private static double? PositiveOrNull(double? value, string name) =>
        value is null || (double.IsFinite(value.Value) && value.Value > 0)
            ? value
            : throw new ArgumentException($"{name} is {value}; it must be finite and positive (or null).", name);

    private static double[]? ValidateSaveAt(double[]? grid)
    {
        if (grid is null)
        {
            return null;
        }

        for (int i = 0; i < grid.Length; i++)
        {
            if (!double.IsFinite(grid[i]))
            {
                throw new ArgumentException($"SaveAt[{i}] is {grid[i]}; output times must be finite.", nameof(SaveAt));
            }
        }

        return (double[])grid.Clone();
    }
}

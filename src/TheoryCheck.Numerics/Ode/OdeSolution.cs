using System.Globalization;

namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Result of an ODE integration: a table (<see cref="Times"/>, <see cref="States"/>), a function
/// (<see cref="Evaluate(double)"/>, the dense-output interpolant, available when <see cref="OdeOptions.DenseOutput"/>
/// was set) and diagnostics (<see cref="Status"/>, <see cref="Message"/>, <see cref="Statistics"/>, the
/// <see cref="Options"/> and <see cref="SolverName"/> used). On failure the table ends at the last valid point
/// <see cref="FinalTime"/>; non-finite values are never stored. Arrays returned are owned by the solution: do not modify.
/// </summary>
public sealed class OdeSolution
{
    private readonly DenseTrajectory? dense;

    internal OdeSolution(
        OdeProblem problem,
        OdeOptions options,
        string solverName,
        OdeStatus status,
        string message,
        OdeStatistics statistics,
        IReadOnlyList<double> times,
        IReadOnlyList<double[]> states,
        IReadOnlyList<OdeEventOccurrence> events,
        double finalTime,
        double[] finalState,
        DenseTrajectory? dense)
    {
        Problem = problem;
        Options = options;
        SolverName = solverName;
        Status = status;
        Message = message;
        Statistics = statistics;
        Times = times;
        States = states;
        Events = events;
        FinalTime = finalTime;
        FinalState = finalState;
        this.dense = dense;
    }

    /// <summary>The problem that was solved.</summary>
    public OdeProblem Problem { get; }

    /// <summary>The options used (tolerances, grid, step limits).</summary>
    public OdeOptions Options { get; }

    /// <summary>Name of the solver (<see cref="IOdeSolver.Name"/>).</summary>
    public string SolverName { get; }

    /// <summary>How the integration ended.</summary>
    public OdeStatus Status { get; }

    /// <summary>Human-readable outcome; on failure it states the time where the integration stopped.</summary>
    public string Message { get; }

    /// <summary>True for <see cref="OdeStatus.Success"/> and <see cref="OdeStatus.StoppedByEvent"/>.</summary>
    public bool Succeeded => Status is OdeStatus.Success or OdeStatus.StoppedByEvent;

    /// <summary>Right-hand-side evaluations, accepted and rejected steps.</summary>
    public OdeStatistics Statistics { get; }

    /// <summary>
    /// Output times: <see cref="OdeOptions.SaveAt"/> points reached (exactly those values), or the start and every
    /// accepted step when SaveAt is null; a terminal event appends (or, without SaveAt, ends with) the event point.
    /// </summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>States u(tᵢ), one array of length n per entry of <see cref="Times"/>.</summary>
    public IReadOnlyList<double[]> States { get; }

    /// <summary>Located events, in the order they occurred.</summary>
    public IReadOnlyList<OdeEventOccurrence> Events { get; }

    /// <summary>Time of the last valid state: EndTime on success, the event time for a terminal event, else where it stopped.</summary>
    public double FinalTime { get; }

    /// <summary>The last valid state u(<see cref="FinalTime"/>).</summary>
    public double[] FinalState { get; }

    /// <summary>True when the interpolants were stored (<see cref="OdeOptions.DenseOutput"/>), so Evaluate works.</summary>
    public bool HasDenseOutput => dense is not null;

    /// <summary>Dense output ũ(t) for t between StartTime and <see cref="FinalTime"/> (inclusive).</summary>
    /// <exception cref="InvalidOperationException">The solution was computed without <see cref="OdeOptions.DenseOutput"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">t lies outside [StartTime, FinalTime].</exception>
    public double[] Evaluate(double t)
    {
        var result = new double[Problem.Dimension];
        Evaluate(t, result);
        return result;
    }

    /// <summary>Writes the dense output ũ(t) into <paramref name="destination"/> (length n); see <see cref="Evaluate(double)"/>.</summary>
    public void Evaluate(double t, Span<double> destination)
    {
        if (dense is null)
        {
            throw new InvalidOperationException(
                "This solution has no dense output; solve with OdeOptions.DenseOutput = true to use Evaluate.");
        }

        if (destination.Length != Problem.Dimension)
        {
            throw new ArgumentException(
                $"Destination has length {destination.Length}; the state has {Problem.Dimension} components.",
                nameof(destination));
        }

        double start = Problem.StartTime;
        double lower = Math.Min(start, FinalTime), upper = Math.Max(start, FinalTime);
        if (!(t >= lower && t <= upper))
        {
            throw new ArgumentOutOfRangeException(
                nameof(t),
                string.Create(CultureInfo.InvariantCulture, $"t = {t:R} lies outside the integrated interval [{lower:R}, {upper:R}]."));
        }

        if (dense.Count == 0)
        {
            FinalState.CopyTo(destination);
            return;
        }

        dense.Evaluate(t, destination);
    }
}

using System.Globalization;
using TheoryCheck.Numerics.Roots;

namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// The integration loop shared by the explicit Runge–Kutta solvers: step-size control (or fixed steps), output on
/// every accepted step or on the SaveAt grid (dense interpolation), stored dense output, event location by Brent's
/// method on each step's interpolant, and the failure statuses. One instance per solve; everything the loop needs
/// is allocated up front, so only output storage allocates while stepping.
/// </summary>
internal sealed class RungeKuttaIntegration
{
    /// <summary>Unit roundoff ε = 2⁻⁵² of IEEE double.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    private readonly OdeProblem problem;
    private readonly OdeOptions options;
    private readonly RungeKuttaStepper stepper;
    private readonly string solverName;
    private readonly int dimension;
    private readonly double direction;
    private readonly double startTime;
    private readonly double endTime;

    private double[] state;
    private double[] candidate;
    private readonly double[] scratch;
    private readonly double[] denseCoefficients;
    private bool denseBuilt;

    private readonly List<double> times = [];
    private readonly List<double[]> states = [];
    private readonly List<OdeEventOccurrence> occurrences = [];
    private readonly double[]? saveAt;
    private int saveIndex;
    private readonly DenseTrajectory? dense;

    private readonly OdeEvent[] events;
    private double[] eventValues;
    private double[] candidateEventValues;
    private readonly double[] rootTimes;
    private readonly int[] rootEvents;
    private readonly EventDirection[] rootCrossings;

    private double time;
    private long accepted;
    private long rejected;

    private RungeKuttaIntegration(OdeProblem problem, OdeOptions options, RungeKuttaStepper stepper, string solverName)
    {
        this.problem = problem;
        this.options = options;
        this.stepper = stepper;
        this.solverName = solverName;
        dimension = problem.Dimension;
        startTime = problem.StartTime;
        endTime = problem.EndTime;
        direction = endTime >= startTime ? 1.0 : -1.0;
        state = (double[])problem.InitialState.Clone();
        candidate = new double[dimension];
        scratch = new double[dimension];
        denseCoefficients = new double[stepper.DenseVectorCount * dimension];
        saveAt = options.SaveAt;
        dense = options.DenseOutput ? new DenseTrajectory(dimension, stepper.DenseVectorCount) : null;
        events = [.. problem.Events];
        eventValues = new double[events.Length];
        candidateEventValues = new double[events.Length];
        rootTimes = new double[events.Length];
        rootEvents = new int[events.Length];
        rootCrossings = new EventDirection[events.Length];
        time = startTime;
    }

    /// <summary>Integrates with <paramref name="control"/> (adaptive) or, when <see cref="OdeOptions.FixedStep"/> is set, with fixed steps.</summary>
    public static OdeSolution Run(OdeProblem problem, OdeOptions options, RungeKuttaStepper stepper, StepSizeControl? control, string solverName)
    {
        var integration = new RungeKuttaIntegration(problem, options, stepper, solverName);
        return integration.Run(control);
    }

    private OdeSolution Run(StepSizeControl? control)
    {
        RecordStart();
        if (startTime == endTime)
        {
            return Finish(OdeStatus.Success, "StartTime equals EndTime: the solution is the initial state.");
        }

        if (!stepper.Initialize(time, state))
        {
            return Finish(OdeStatus.NonFiniteState, Format($"The right-hand side is not finite at the initial point t = {time:R}."));
        }

        for (int i = 0; i < events.Length; i++)
        {
            eventValues[i] = events[i].Condition(time, state);
        }

        if (options.FixedStep is double fixedStep)
        {
            return RunFixed(fixedStep);
        }

        return control is StepSizeControl adaptive
            ? RunAdaptive(adaptive)
            : throw new ArgumentException($"{solverName} has no error estimate; set OdeOptions.FixedStep.", nameof(options));
    }

    private OdeSolution RunFixed(double stepSize)
    {
        double span = Math.Abs(endTime - startTime);
        double ratio = span / stepSize;
        long stepCount = Math.Max(1L, (long)Math.Ceiling(ratio * (1.0 - 1e-10)));
        for (long k = 0; k < stepCount; k++)
        {
            if (accepted >= options.MaxSteps)
            {
                return Finish(OdeStatus.MaxStepsExceeded, Format(
                    $"Stopped at t = {time:R}: fixed-step mode needs {stepCount} steps, more than MaxSteps = {options.MaxSteps}."));
            }

            double next = k + 1 == stepCount ? endTime : startTime + direction * (k + 1) * stepSize;
            double h = next - time;
            stepper.Step(time, state, h, candidate);
            if (!RungeKuttaStepper.AllFinite(candidate) || !stepper.Complete(next, candidate))
            {
                return Finish(OdeStatus.NonFiniteState, Format(
                    $"Stopped at t = {time:R}: the step to t = {next:R} produced non-finite values (NaN or ±∞)."));
            }

            var outcome = AcceptStep(h, next);
            if (outcome != StepOutcome.Continue)
            {
                return FinishAfterStep(outcome);
            }
        }

        return Finish(OdeStatus.Success, Format($"Reached EndTime = {endTime:R} with {accepted} fixed steps."));
    }

    private OdeSolution RunAdaptive(StepSizeControl control)
    {
        double relativeTolerance = options.RelativeTolerance;
        double absoluteTolerance = options.AbsoluteTolerance;
        double maxStep = options.MaxStep ?? Math.Abs(endTime - startTime);
        double h = direction * (options.InitialStep is double initial
            ? Math.Min(initial, maxStep)
            : InitialStepSize(control.Order, maxStep));
        double previousError = 1e-4;
        bool lastWasRejected = false;
        bool lastWasNonFinite = false;

        while (true)
        {
            if (accepted + rejected >= options.MaxSteps)
            {
                return Finish(OdeStatus.MaxStepsExceeded, Format(
                    $"Stopped at t = {time:R}: MaxSteps = {options.MaxSteps} step attempts used before EndTime = {endTime:R}."));
            }

            if (Math.Abs(h) <= MinimumStep(time))
            {
                return lastWasNonFinite
                    ? Finish(OdeStatus.NonFiniteState, Format(
                        $"Stopped at t = {time:R}: the right-hand side or the new state was non-finite (NaN or ±∞) for every step tried, down to |h| = {Math.Abs(h):R}."))
                    : Finish(OdeStatus.StepSizeTooSmall, Format(
                        $"Stopped at t = {time:R}: the step size |h| = {Math.Abs(h):R} fell below the resolution of t (singularity or blow-up?)."));
            }

            bool last = false;
            if ((time + 1.01 * h - endTime) * direction >= 0)
            {
                h = endTime - time;
                last = true;
            }

            stepper.Step(time, state, h, candidate);
            double error = RungeKuttaStepper.AllFinite(candidate)
                ? stepper.ErrorNorm(state, candidate, h, relativeTolerance, absoluteTolerance)
                : double.NaN;

            // NaN: a stage was not finite. +∞ (a zero error scale with a non-zero error) is an ordinary rejection.
            if (double.IsNaN(error))
            {
                rejected++;
                lastWasRejected = true;
                lastWasNonFinite = true;
                h *= control.MinFactor;
                continue;
            }

            double errorPower = Math.Pow(error, control.Exponent);
            if (error > 1.0)
            {
                rejected++;
                lastWasRejected = true;
                lastWasNonFinite = false;
                h /= Math.Min(1.0 / control.MinFactor, errorPower / control.Safety);
                continue;
            }

            double next = last ? endTime : time + h;
            if (!stepper.Complete(next, candidate))
            {
                rejected++;
                lastWasRejected = true;
                lastWasNonFinite = true;
                h *= control.MinFactor;
                continue;
            }

            var outcome = AcceptStep(h, next);
            if (outcome != StepOutcome.Continue)
            {
                return FinishAfterStep(outcome);
            }

            if (last)
            {
                return Finish(OdeStatus.Success, Format(
                    $"Reached EndTime = {endTime:R} in {accepted} accepted and {rejected} rejected steps."));
            }

            double factor = errorPower / Math.Pow(previousError, control.Beta) / control.Safety;
            factor = Math.Clamp(factor, 1.0 / control.MaxFactor, 1.0 / control.MinFactor);
            double magnitude = Math.Min(Math.Abs(h) / factor, maxStep);
            if (lastWasRejected)
            {
                magnitude = Math.Min(magnitude, Math.Abs(h));
            }

            previousError = Math.Max(error, 1e-4);
            lastWasRejected = false;
            lastWasNonFinite = false;
            h = direction * magnitude;
        }
    }

    /// <summary>
    /// Automatic starting step (Hairer–Nørsett–Wanner, Solving ODE I, §II.4): with scaled RMS norms,
    /// d₀ = ‖u₀‖, d₁ = ‖f₀‖, h₀ = 0.01 d₀/d₁ (10⁻⁶ if either is below 10⁻⁵), one explicit Euler step to estimate
    /// d₂ = ‖f(t₀ + h₀, u₀ + h₀f₀) − f₀‖ / h₀, then h₁ = (0.01 / max(d₁, d₂))^(1/p) and h = min(100 h₀, h₁, h_max).
    /// Costs one right-hand-side evaluation.
    /// </summary>
    private double InitialStepSize(int order, double maxStep)
    {
        ReadOnlySpan<double> f0 = stepper.CurrentDerivative;
        double relativeTolerance = options.RelativeTolerance, absoluteTolerance = options.AbsoluteTolerance;
        double sumState = 0, sumDerivative = 0;
        for (int i = 0; i < dimension; i++)
        {
            double scale = absoluteTolerance + relativeTolerance * Math.Abs(state[i]);
            double stateRatio = RungeKuttaStepper.ScaledError(state[i], scale);
            double derivativeRatio = RungeKuttaStepper.ScaledError(f0[i], scale);
            sumState += stateRatio * stateRatio;
            sumDerivative += derivativeRatio * derivativeRatio;
        }

        double d0 = Math.Sqrt(sumState / dimension), d1 = Math.Sqrt(sumDerivative / dimension);
        double h0 = d0 < 1e-5 || d1 < 1e-5 || !double.IsFinite(d0 / d1) ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, maxStep);

        for (int i = 0; i < dimension; i++)
        {
            candidate[i] = state[i] + direction * h0 * f0[i];
        }

        stepper.Evaluate(time + direction * h0, candidate, scratch);
        double sumDifference = 0;
        for (int i = 0; i < dimension; i++)
        {
            double scale = absoluteTolerance + relativeTolerance * Math.Abs(state[i]);
            double ratio = RungeKuttaStepper.ScaledError(scratch[i] - f0[i], scale);
            sumDifference += ratio * ratio;
        }

        double d2 = Math.Sqrt(sumDifference / dimension) / h0;
        if (!double.IsFinite(d2) || !double.IsFinite(d1))
        {
            return h0;
        }

        double largest = Math.Max(d1, d2);
        double h1 = largest <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / largest, 1.0 / order);
        return Math.Min(Math.Min(100 * h0, h1), maxStep);
    }

    /// <summary>
    /// Smallest usable step at time t: 16 ε|t| (below that t + h barely resolves the step), floored at ε²·|T − t₀|
    /// so that a failure near t = 0 ends after a bounded number of rejections.
    /// </summary>
    private double MinimumStep(double t) =>
        Math.Max(16 * MachineEpsilon * Math.Abs(t), MachineEpsilon * MachineEpsilon * Math.Abs(endTime - startTime));

    private enum StepOutcome
    {
        Continue,
        Terminal,
        DenseFailure,
    }

    /// <summary>
    /// Handles an accepted step from (time, state) to (next, candidate): events, output, dense storage, then
    /// advances. Returns <see cref="StepOutcome.Terminal"/> after a terminal event (time/state set to the event).
    /// </summary>
    private StepOutcome AcceptStep(double h, double next)
    {
        denseBuilt = false;
        int rootCount = 0;
        for (int i = 0; i < events.Length; i++)
        {
            double before = eventValues[i];
            double after = events[i].Condition(next, candidate);
            candidateEventValues[i] = after;
            EventDirection crossing = before < 0 && after >= 0 ? EventDirection.Rising
                : before > 0 && after <= 0 ? EventDirection.Falling
                : EventDirection.Both; // "Both" marks no crossing here.
            if (crossing == EventDirection.Both || (events[i].Direction != EventDirection.Both && events[i].Direction != crossing))
            {
                continue;
            }

            if (!EnsureDense(h, next))
            {
                rejected++;
                return StepOutcome.DenseFailure;
            }

            rootTimes[rootCount] = LocateRoot(i, h, next, before, after);
            rootEvents[rootCount] = i;
            rootCrossings[rootCount] = crossing;
            rootCount++;
        }

        bool needsDense = dense is not null || (saveAt is not null && saveIndex < saveAt.Length
            && (saveAt[saveIndex] - next) * direction < 0);
        if (needsDense && !EnsureDense(h, next))
        {
            rejected++;
            return StepOutcome.DenseFailure;
        }

        accepted++;
        SortRoots(rootCount);
        double stopTime = next;
        double[]? stopState = null;
        for (int r = 0; r < rootCount; r++)
        {
            var eventState = new double[dimension];
            Interpolate(h, rootTimes[r], eventState);
            occurrences.Add(new OdeEventOccurrence(rootTimes[r], eventState, rootEvents[r], rootCrossings[r]));
            if (events[rootEvents[r]].Terminal)
            {
                stopTime = rootTimes[r];
                stopState = eventState;
                break;
            }
        }

        if (saveAt is not null)
        {
            while (saveIndex < saveAt.Length && (saveAt[saveIndex] - stopTime) * direction <= 0)
            {
                double output = saveAt[saveIndex++];
                var outputState = new double[dimension];
                if (output == next)
                {
                    candidate.CopyTo(outputState, 0);
                }
                else
                {
                    Interpolate(h, output, outputState);
                }

                times.Add(output);
                states.Add(outputState);
            }
        }
        else if (stopState is null)
        {
            times.Add(next);
            states.Add((double[])candidate.Clone());
        }

        dense?.Add(time, h, denseCoefficients);

        if (stopState is not null)
        {
            if (times.Count == 0 || times[^1] != stopTime)
            {
                times.Add(stopTime);
                states.Add((double[])stopState.Clone());
            }

            time = stopTime;
            stopState.CopyTo(state, 0);
            return StepOutcome.Terminal;
        }

        time = next;
        (state, candidate) = (candidate, state);
        (eventValues, candidateEventValues) = (candidateEventValues, eventValues);
        stepper.Advance();
        return StepOutcome.Continue;
    }

    private bool EnsureDense(double h, double next)
    {
        if (!denseBuilt)
        {
            stepper.BuildDense(time, state, h, candidate, denseCoefficients);
            denseBuilt = true;
        }

        return RungeKuttaStepper.AllFinite(denseCoefficients);
    }

    private void Interpolate(double h, double t, Span<double> destination) =>
        HairerInterpolant.Evaluate(denseCoefficients, (t - time) / h, destination);

    /// <summary>
    /// Brent's method (<see cref="BrentRoot"/>) for g(τ, ũ(τ)) = 0 on the step [time, next], given the sign change
    /// g(time) = <paramref name="before"/>, g(next) = <paramref name="after"/>; converges to a few ulps of τ.
    /// </summary>
    private double LocateRoot(int eventIndex, double h, double next, double before, double after)
    {
        var condition = events[eventIndex].Condition;
        double OnInterpolant(double t)
        {
            Interpolate(h, t, scratch);
            return condition(t, scratch);
        }

        return BrentRoot.Find(OnInterpolant, time, next, before, after, MachineEpsilon * Math.Abs(h)).Root;
    }

    /// <summary>Insertion sort of the located roots along the direction of integration (ties: lower event index first).</summary>
    private void SortRoots(int count)
    {
        for (int i = 1; i < count; i++)
        {
            double rootTime = rootTimes[i];
            int rootEvent = rootEvents[i];
            EventDirection crossing = rootCrossings[i];
            int j = i - 1;
            while (j >= 0 && ((rootTimes[j] - rootTime) * direction > 0 || (rootTimes[j] == rootTime && rootEvents[j] > rootEvent)))
            {
                rootTimes[j + 1] = rootTimes[j];
                rootEvents[j + 1] = rootEvents[j];
                rootCrossings[j + 1] = rootCrossings[j];
                j--;
            }

            rootTimes[j + 1] = rootTime;
            rootEvents[j + 1] = rootEvent;
            rootCrossings[j + 1] = crossing;
        }
    }

    private void RecordStart()
    {
        if (saveAt is null)
        {
            times.Add(time);
            states.Add((double[])state.Clone());
            return;
        }

        if (saveIndex < saveAt.Length && saveAt[saveIndex] == time)
        {
            times.Add(time);
            states.Add((double[])state.Clone());
            saveIndex++;
        }
    }

    private OdeSolution FinishAfterStep(StepOutcome outcome)
    {
        if (outcome == StepOutcome.Terminal)
        {
            var last = occurrences[^1];
            return Finish(OdeStatus.StoppedByEvent, Format($"Stopped by terminal event {last.EventIndex} at t = {time:R}."));
        }

        return Finish(OdeStatus.NonFiniteState, Format(
            $"Stopped at t = {time:R}: the right-hand side was non-finite (NaN or ±∞) at the dense-output stages of the next step."));
    }

    private OdeSolution Finish(OdeStatus status, string message)
    {
        var statistics = new OdeStatistics(stepper.Evaluations, accepted, rejected);
        return new OdeSolution(
            problem,
            options,
            solverName,
            status,
            message,
            statistics,
            times.ToArray(),
            states.ToArray(),
            occurrences.ToArray(),
            time,
            (double[])state.Clone(),
            dense);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

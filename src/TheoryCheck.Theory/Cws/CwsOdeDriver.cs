using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// Integrates an <see cref="ICwsOdeSystem"/> from the zero state over a time grid (docs/theory/cws.md §3.3): one
/// solve per segment, segments ending at the schedule's breakpoints (γ(t) jumps there; the right-hand side of a
/// segment uses the rate of that segment up to its end) and after at most 64 MB of stored grid states (so d = 10⁶
/// needs no more memory than one state per grid time chunk). Observables are evaluated at the grid times; numerical
/// failure ends the solution early with a status, never an exception.
/// </summary>
internal static class CwsOdeDriver
{
    private const long StateBudget = 8_000_000;

    public static CwsOdeSolution Run(ICwsOdeSystem system, CwsMixture mixture, CwsLoss loss, CwsSchedule schedule, TimeGrid grid,
        CwsTheoryOptions options, CwsGaussianLoss quadrature, JsonObject parametersJson, CwsBinning? binning)
    {
        var clock = Stopwatch.StartNew();
        var observables = new CwsObservables(mixture, loss, quadrature);
        int n = system.StateLength;
        var u = new double[n];
        var times = new List<double>();
        var statistics = new List<CwsStatistics>();
        var values = new List<double[]>();
        var gridTimes = grid.Times;
        var breaks = schedule.Breakpoints.ToArray();
        IOdeSolver solver = options.FixedStep is not null ? new RungeKutta4() : options.HighOrder ? new DormandPrince853() : new DormandPrince54();
        long evaluations = 0, accepted = 0, rejected = 0;
        int segments = 0;
        var status = RunStatus.Completed;
        var odeStatus = OdeStatus.Success;
        string odeMessage = "no integration needed";
        int perSolve = (int)Math.Max(1, StateBudget / n);

        bool Record(double time, ReadOnlySpan<double> state)
        {
            var s = system.Statistics(state);
            var row = observables.Evaluate(s);
            if (!s.IsFinite || row.Any(x => double.IsNaN(x)))
            {
                status = RunStatus.DivergedAt(accepted, time, "non-finite closure statistics");
                return false;
            }
            times.Add(time);
            statistics.Add(s);
            values.Add(row);
            return true;
        }

        int j = 0;
        double t = 0;
        while (j < gridTimes.Count && gridTimes[j] <= 0)
        {
            if (!Record(gridTimes[j], u)) break;
            j++;
        }
        while (j < gridTimes.Count && !status.Diverged)
        {
            double nextBreak = double.PositiveInfinity;
            foreach (double b in breaks)
                if (b > t) { nextBreak = b; break; }
            var points = new List<double>();
            for (int q = j; q < gridTimes.Count && gridTimes[q] <= nextBreak && points.Count < perSolve; q++) points.Add(gridTimes[q]);
            double end = points.Count > 0 ? points[^1] : nextBreak;
            bool endsAtBreak = end == nextBreak;
            double[] saveAt = points.Count > 0 ? points.ToArray() : [end];
            double segmentEnd = end;
            OdeFunction rhs = endsAtBreak
                ? (time, state, derivative) => system.Derivative(time >= segmentEnd ? Math.BitDecrement(segmentEnd) : time, state, derivative)
                : system.Derivative;
            var odeOptions = new OdeOptions
            {
                RelativeTolerance = options.RelativeTolerance,
                AbsoluteTolerance = options.AbsoluteTolerance,
                FixedStep = options.FixedStep,
                SaveAt = saveAt,
                MaxSteps = options.MaxSteps,
            };
            var solution = solver.Solve(new OdeProblem(rhs, u, t, end), odeOptions);
            segments++;
            evaluations += solution.Statistics.RhsEvaluations;
            accepted += solution.Statistics.AcceptedSteps;
            rejected += solution.Statistics.RejectedSteps;
            odeStatus = solution.Status;
            odeMessage = solution.Message;
            for (int q = 0; q < solution.Times.Count && j < gridTimes.Count; q++)
            {
                if (solution.Times[q] != gridTimes[j]) continue;
                if (!Record(gridTimes[j], solution.States[q])) break;
                j++;
            }
            if (!solution.Succeeded)
            {
                if (!status.Diverged)
                    status = RunStatus.DivergedAt(accepted, solution.FinalTime, $"ODE integration stopped ({solution.Status}): {solution.Message}");
                break;
            }
            u = solution.FinalState;
            t = end;
        }

        return new CwsOdeSolution
        {
            Mixture = mixture,
            Loss = loss,
            Schedule = schedule,
            Options = options,
            ParametersJson = parametersJson,
            Times = times.ToArray(),
            Statistics = statistics.ToArray(),
            Names = observables.Names,
            Values = values.ToArray(),
            Status = status,
            OdeStatus = odeStatus,
            OdeMessage = odeMessage,
            Solver = solver.Name,
            Work = new OdeStatistics(evaluations, accepted, rejected),
            Segments = segments,
            System = system.Description,
            StateLength = n,
            Binning = binning,
            QuadratureRule = quadrature.RuleDescription,
            MaxVariance = system.MaxVariance,
            FinalModeState = system is CwsModeOde modes && !status.Diverged ? modes.Unscale(u) : null,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }
}

using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Kgmm;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Comparison.Store;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Reports.Pages;
using TheoryCheck.Simulation.Kgmm;

namespace TheoryCheck.Tests.Comparison.Claims;

/// <summary>
/// Numerical faults are recorded statuses, never exceptions or silent numbers: a stiff ODE that uses up its step
/// budget has its own state (not "diverged") in the trajectory document and in a claim's result.json; Lanczos
/// non-convergence and QMC errors above tolerance are listed as faults; every fault reads back from result.json and
/// is shown as a notice in the report.
/// </summary>
public sealed class NumericalFaultTests
{
    private static readonly KgmmBinding s_kgmm = new();

    [Fact]
    public void A_stiff_ode_that_uses_up_its_step_budget_has_its_own_state()
    {
        // β = 1000 needs about 0.6·βT = 6000 steps to T = 10; a budget of 10⁶ element-updates allows about 40.
        var values = new KgmmParameters(3, 10, 1000, 1).ToValues();
        var trajectory = s_kgmm.SolveTheoryWithin(values, TimeGrid.Uniform(10, 5), workBudget: 1e6);
        Assert.True(trajectory.Status.StepBudgetExhausted);
        Assert.Equal("step-budget", trajectory.Status.State);
        Assert.Contains("step budget exhausted", trajectory.Status.ToString());
        Assert.True(trajectory.Times.Count < 3); // the records stop where the solve stopped
        var status = trajectory.ToJson()["status"]!;
        Assert.Equal("step-budget", status["state"]!.GetValue<string>());
        Assert.Equal("step-budget", status["faults"]![0]!["kind"]!.GetValue<string>());

        // The same problem with the default budget completes: the status is the budget's, not the problem's.
        var completed = s_kgmm.SolveTheoryWithin(values, TimeGrid.Uniform(10, 5), workBudget: 1e10);
        Assert.Equal("completed", completed.Status.State);
        Assert.Equal(3, completed.Times.Count);

        // The store keeps the state and the faults.
        var read = TrajectoryJson.Read(TrajectoryJson.Write(trajectory));
        Assert.Equal(trajectory.Status, read.Status);
        Assert.Equal(trajectory.ToJson().ToJsonString(), read.ToJson().ToJsonString());
    }

    [Fact]
    public void Non_finite_diagnostics_are_written_as_names_not_thrown()
    {
        var trajectory = new Trajectory("m", "ode", new JsonObject(), null, null, [0.0], [new("x", [1.0])], RunStatus.Completed,
            new JsonObject { ["error_estimate"] = double.PositiveInfinity, ["nested"] = new JsonObject { ["nan"] = double.NaN } });
        var text = trajectory.ToJson().ToJsonString();
        Assert.Contains("\"error_estimate\":\"Infinity\"", text);
        Assert.Contains("\"nan\":\"NaN\"", text);
    }

    [Fact]
    public void A_claim_stopped_by_a_step_budget_fails_with_the_fault_and_reads_back()
    {
        var status = RunStatus.StepBudgetExhaustedAt(999, 1.65, "the ODE used its budget of 1000 step attempts before t = 1000");
        var claim = new FixedClaim("a.stiff", _ => throw new DivergenceException($"kgmm ODE {status}", status));
        var result = new ClaimRunner(Profile.Test) { GitCommit = "abc" }.RunOne(claim);
        Assert.Equal(Verdict.Fails, result.Verdict);
        Assert.Null(result.Divergence);
        var fault = Assert.Single(result.Faults);
        Assert.Equal(NumericalFault.StepBudget, fault.Kind);
        Assert.Contains("step budget exhausted", fault.Message);

        var document = result.ToJson();
        Assert.Equal("fails", document["verdict"]!.GetValue<string>());
        Assert.Equal("step-budget", document["faults"]![0]!["kind"]!.GetValue<string>());
        var read = ClaimResultReader.Read(document);
        Assert.Equal(result.Faults, read.Faults);
        Assert.Equal(document.ToJsonString(), read.ToJson().ToJsonString());

        var notices = DisplayText.Notices(read);
        Assert.Contains(notices, n => n.Title == "Step budget exhausted" && n.Text.Contains("before t = 1000"));
        Assert.DoesNotContain(notices, n => n.Title == "Diverged");
        Assert.Contains(DisplayText.KeyMeasurements(read), line => line.StartsWith("step budget exhausted:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_divergence_is_recorded_as_a_diverged_fault()
    {
        var status = RunStatus.DivergedAt(12, 0.4, "non-finite logits");
        var result = new ClaimRunner(Profile.Test) { GitCommit = "abc" }.RunOne(new FixedClaim("a.blowup", _ => throw new DivergenceException($"sgd run {status}", status)));
        Assert.Equal(Verdict.Diverged, result.Verdict);
        Assert.Equal(NumericalFault.Diverged, Assert.Single(result.Faults).Kind);
        Assert.Single(DisplayText.Notices(result), n => n.Title == "Diverged");
    }

    [Fact]
    public void Faults_recorded_by_a_claim_are_kept_with_its_numbers_and_shown()
    {
        var lanczos = new NumericalFault(NumericalFault.LanczosNotConverged, "Hessian block 1, d = 60, seed 7: residuals above 1E-10·‖A‖ after 40 products");
        var qmc = new NumericalFault(NumericalFault.QmcTolerance, "sgd run d = 60, seed 7: the accuracy's QMC standard error 0.002 exceeds its tolerance 0.001");
        var claim = new FixedClaim("a.marked", context =>
        {
            context.RecordFault(lanczos);
            context.RecordFaults([qmc, lanczos]); // once each
            return FixedClaim.Passing(new ClaimInfo("a.marked", "a", "p", "s", "src"), context.Profile);
        });
        var result = new ClaimRunner(Profile.Test) { GitCommit = "abc" }.RunOne(claim);
        Assert.Equal([lanczos, qmc], result.Faults);
        Assert.Equal(Verdict.Holds, result.Verdict); // the numbers stay, marked
        var notices = DisplayText.Notices(result);
        Assert.Contains(notices, n => n.Title == "Lanczos not converged" && n.Text.Contains("seed 7"));
        Assert.Contains(notices, n => n.Title == "QMC error above tolerance");
        Assert.Equal(result.Faults, ClaimResultReader.Read(result.ToJson()).Faults);
    }

    [Fact]
    public void Lanczos_that_stops_short_is_a_fault_of_the_spectrum()
    {
        var p = new KgmmParameters(3, 10, 0.1, 1);
        var run = KgmmEngines.All["full"].Run(new KgmmSimulationProblem(p, 60, 7, TimeGrid.FromPoints([0, 1])));
        var converged = KgmmEmpiricalSpectra.Compute(run.FinalState!, 3, new KgmmSpectrumRequest(KgmmMatrixKind.Hessian, 0) { Count = 4 });
        Assert.Null(converged.ConvergenceFault("block 1"));
        var stopped = KgmmEmpiricalSpectra.Compute(run.FinalState!, 3, new KgmmSpectrumRequest(KgmmMatrixKind.Hessian, 0)
        {
            Count = 4,
            Lanczos = LanczosOptions.Default with { KrylovDimension = 8, MaxRestarts = 0, FreshStartCheck = false },
        });
        var fault = stopped.ConvergenceFault("block 1");
        Assert.NotNull(fault);
        Assert.Equal(NumericalFault.LanczosNotConverged, fault.Kind);
    }

    [Fact]
    public void A_qmc_error_above_its_tolerance_is_a_fault()
    {
        Assert.Null(KgmmObservables.AccuracyFault(2e-5, "run"));
        Assert.Equal(NumericalFault.QmcTolerance, KgmmObservables.AccuracyFault(2e-3, "run")!.Kind);
        Assert.Equal(NumericalFault.QmcTolerance, KgmmObservables.AccuracyFault(double.NaN, "run")!.Kind);
    }
}

using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Cws;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Theory.Cws;

namespace TheoryCheck.Tests.Simulation.Cws;

public sealed class CwsSgdTests
{
    /// <summary>
    /// Three steps recomputed by hand from the documented stream positions (class: uniform at raw position ℓ − 1 of
    /// cws.sgd; z: normal positions (ℓ − 1)d …), a = m_c + √λ^{(c)} z, r = ⟨X, a⟩ at the old X,
    /// X ← X − (γ((ℓ − 1)/d)/d) ℓ′(r, y_c) a, for both losses, three classes and a piecewise schedule.
    /// </summary>
    [Theory]
    [InlineData(CwsLoss.Logistic)]
    [InlineData(CwsLoss.Squares)]
    public void StepsMatchAHandComputation(CwsLoss loss)
    {
        const int d = 12;
        const long seed = 17;
        var p = new CwsParameters(loss: loss, covariance: CwsCovariance.PowerLaw, classes: 3, dimension: d, probabilities: [0.2, 0.3, 0.5],
            schedule: CwsScheduleKind.Piecewise, steps: [2.0 / d], stepGammas: [0.5], gamma: 1.5);
        var mixture = p.CreateMixture();
        var sim = new CwsSgdSimulation(mixture, loss, p.Schedule, seed);
        var start = Enumerable.Range(0, d).Select(i => 0.1 * Math.Sin(i + 1)).ToArray();
        sim.SetIterate(start);
        var x = (double[])start.Clone();
        var key = CwsStreams.Sgd(seed, d);
        sim.AdvanceTo(3);
        var seen = new HashSet<int>();
        for (int step = 1; step <= 3; step++)
        {
            double u = new RandomStream(key, (ulong)(step - 1)).NextDouble();
            int c = u < 0.2 ? 0 : u < 0.5 ? 1 : 2;
            seen.Add(c);
            var z = new double[d];
            RandomStream.FillNormal(key, (ulong)((step - 1) * d), z);
            var a = new double[d];
            for (int i = 0; i < d; i++) a[i] = mixture.Mean(c)[i] + Math.Sqrt(mixture.Variances(c)[i]) * z[i];
            double r = 0;
            for (int i = 0; i < d; i++) r += x[i] * a[i];
            double y = mixture.Labels[c];
            double gradient = loss == CwsLoss.Logistic ? 1 / (1 + Math.Exp(-r)) - y : r - y;
            double gamma = step <= 2 ? 1.5 : 0.5; // γ((ℓ − 1)/d): steps 1, 2 before the milestone t = 2/d, step 3 at it
            for (int i = 0; i < d; i++) x[i] -= gamma / d * gradient * a[i];
        }
        for (int i = 0; i < d; i++) Assert.Equal(x[i], sim.Iterate[i], 1e-14);
        Assert.Equal(3, sim.Step);
    }

    [Fact]
    public void StatisticsOfTheIterateFollowTheirDefinitions()
    {
        var p = new CwsParameters(covariance: CwsCovariance.PowerLaw, classes: 3, dimension: 40);
        var mixture = p.CreateMixture();
        var sim = new CwsSgdSimulation(mixture, p.Loss, p.Schedule, 5);
        sim.AdvanceTo(500);
        var x = sim.Iterate.ToArray();
        var s = sim.TryStatistics()!;
        for (int c = 0; c < 3; c++)
        {
            double m = 0, v = 0;
            for (int i = 0; i < 40; i++)
            {
                m += x[i] * mixture.Mean(c)[i];
                v += mixture.Variances(c)[i] * x[i] * x[i];
            }
            Assert.Equal(m, s.ClassMeans[c], 1e-13);
            Assert.Equal(v, s.ClassVariances[c], 1e-13);
        }
        Assert.Equal(x.Sum(v => v * v), s.Norm2, 1e-13);
        double overlap = 0, clean = 0;
        for (int i = 0; i < 40; i++)
        {
            overlap += x[i] * mixture.Signal[i];
            if (i < 4) clean += x[i] * mixture.Signal[i];
        }
        Assert.Equal(overlap, s.Overlap, 1e-13);
        Assert.Equal(clean, s.CleanOverlap, 1e-13);
    }

    [Fact]
    public void RunsArePureFunctionsOfTheSeedWhateverTheSplitOrThreads()
    {
        var p = new CwsParameters(covariance: CwsCovariance.PowerLaw, classes: 3, dimension: 64);
        var problem = new CwsSimulationProblem(p, 3, TimeGrid.Uniform(4, 0.5));
        var engine = new CwsSgd();
        Assert.Equal(EngineNames.Full, engine.Name);
        var a = engine.Run(problem);
        var b = engine.Run(problem);
        foreach (string name in a.Trajectory.Names) Assert.Equal(a.Trajectory[name], b.Trajectory[name]);
        // One call to the end gives the same iterate as the recorded run's stops.
        var sim = new CwsSgdSimulation(problem.Mixture, p.Loss, p.Schedule, 3);
        sim.AdvanceTo(problem.StepAt(4));
        Assert.Equal(a.FinalIterate, sim.Iterate.ToArray());
        // Thread count does not change an ensemble.
        var one = ParallelEnsemble.Run(6, s => engine.Run(problem.WithSeed(s)).FinalIterate!, maxThreads: 1);
        var two = ParallelEnsemble.Run(6, s => engine.Run(problem.WithSeed(s)).FinalIterate!, maxThreads: 2);
        for (int s = 0; s < 6; s++) Assert.Equal(one[s], two[s]);
        Assert.NotEqual(one[0], one[1]);
        var doc = a.Trajectory.ToJson();
        Assert.Equal("sgd", doc["engine"]!.GetValue<string>());
        Assert.Equal(64, doc["d"]!.GetValue<int>());
        Assert.Equal(3UL, doc["seed"]!.GetValue<ulong>()); // a JSON number, unsigned (docs/design-notes.md §7)
        Assert.Equal(CwsModel.ObservableNames(3), a.Trajectory.Names);
    }

    /// <summary>
    /// claims.md §3.3: the exact least-squares recursion is the SGD seed mean at every d (no bias). 2000 seeds at d = 40,
    /// isotropic and power law (α = 1.1/1.5, β_μ = −0.25), and a piecewise schedule: |mean − exact| ≤ 3.5 SE at every
    /// integer t ≤ 6 (probability of a false failure over the 18 checks about 1%… for a correct implementation far less,
    /// since the checks are positively correlated).
    /// </summary>
    [Theory]
    [InlineData(CwsCovariance.Isotropic, false)]
    [InlineData(CwsCovariance.PowerLaw, false)]
    [InlineData(CwsCovariance.PowerLaw, true)]
    public void ExactRecursionIsTheSgdSeedMean(CwsCovariance covariance, bool piecewise)
    {
        var p = piecewise
            ? new CwsParameters(loss: CwsLoss.Squares, covariance: covariance, dimension: 40, gamma: 1.5, schedule: CwsScheduleKind.Piecewise, steps: [2.5], stepGammas: [0.5])
            : new CwsParameters(loss: CwsLoss.Squares, covariance: covariance, dimension: 40);
        var grid = TimeGrid.Uniform(6, 1);
        var exact = CwsTheory.ExactRecursion(p, grid);
        var problem = new CwsSimulationProblem(p, 0, grid);
        var engine = new CwsSgd();
        var runs = ParallelEnsemble.Run(2000, s => engine.Run(problem.WithSeed(1000 + s)).Trajectory["risk"]);
        for (int j = 1; j < grid.Times.Count; j++)
        {
            var values = runs.Select(r => r[j]).ToArray();
            double mean = values.Average();
            double se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
            Assert.True(Math.Abs(mean - exact.Risk[j]) <= 3.5 * se, $"t = {grid.Times[j]}: SGD mean {mean} ± {se}, exact {exact.Risk[j]}");
        }
    }

    [Fact]
    public void SgdTracksTheOdeAtLargeD()
    {
        // claims.md §3.1 (one seed): logistic isotropic, d = 2000, sup-error over t ≤ 10 well under 0.02 (E_2000 ≈ 0.004).
        var p = new CwsParameters(dimension: 2000);
        var grid = TimeGrid.Uniform(10, 1);
        var sgd = new CwsSgd().Run(new CwsSimulationProblem(p, 11, grid)).Trajectory["risk"];
        var ode = CwsTheory.Solve(p, grid).Series("risk");
        Assert.True(sgd.Zip(ode).Max(x => Math.Abs(x.First - x.Second)) < 0.02);
        // Three classes with random means and a power schedule at d = 1600: the ODE at the same d.
        var q = new CwsParameters(covariance: CwsCovariance.PowerLaw, classes: 3, dimension: 1600, schedule: CwsScheduleKind.Power, t0: 2, decay: 0.5);
        var run = new CwsSgd().Run(new CwsSimulationProblem(q, 4, grid)).Trajectory;
        var theory = CwsTheory.Solve(q, grid);
        foreach (string name in new[] { "risk", "error", "overlap[2]" })
            Assert.True(run[name].Zip(theory.Series(name)).Max(x => Math.Abs(x.First - x.Second)) < 0.03, name);
    }

    [Fact]
    public void GrowthAboveTheThresholdIsNotDivergenceButOverflowIs()
    {
        var grid = TimeGrid.Uniform(30, 10);
        var growing = new CwsSgd().Run(new CwsSimulationProblem(new CwsParameters(loss: CwsLoss.Squares, gamma: 2.4, dimension: 100), 1, grid));
        Assert.False(growing.Status.Diverged);
        Assert.True(growing.Trajectory["risk"][^1] > 1e6 * growing.Trajectory["risk"][1]);
        var overflow = new CwsSgd().Run(new CwsSimulationProblem(new CwsParameters(loss: CwsLoss.Squares, gamma: 50, dimension: 20), 1, TimeGrid.Uniform(500, 10)));
        Assert.True(overflow.Status.Diverged);
        Assert.NotNull(overflow.Status.Step);
        Assert.Null(overflow.FinalIterate);
        Assert.True(overflow.Trajectory.Times.Count < 51);
        Assert.All(overflow.Trajectory["risk"], r => Assert.True(double.IsFinite(r)));
    }
}

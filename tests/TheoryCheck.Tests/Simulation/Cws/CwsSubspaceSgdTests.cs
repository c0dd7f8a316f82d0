using TheoryCheck.Models;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Cws;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Tests.Cli;

namespace TheoryCheck.Tests.Simulation.Cws;

/// <summary>
/// The cws subspace engine as an engine (docs/theory/subspace.md §11): stream positions, the trajectory document, purity,
/// the frame sizes of §11.1, the refusals of §11.7, divergence as a status, no allocation per step.
/// </summary>
public sealed class CwsSubspaceSgdTests
{
    /// <summary>
    /// A run replayed from the documented stream positions (§11.5: class from raw position ℓ − 1 and g from normal
    /// positions [(ℓ − 1)n_N, ℓn_N) of cws.subspace.sgd; ρ_ℓ from <see cref="ResidualNormBlock"/> on the chi2 streams)
    /// through the single step reproduces the engine bit for bit, however the engine's run is split.
    /// </summary>
    [Theory]
    [InlineData("isotropic-logistic", 40)]
    [InlineData("isotropic-squares-3classes-schedule", 30)]
    [InlineData("zero-one-logistic-both", 6)]
    [InlineData("zero-one-squares-both", 4)]
    [InlineData("zero-one-logistic-one-noisy-mode", 8)]
    [InlineData("zero-one-squares-noisy", 1000)]
    public void AReplayFromTheDocumentedStreamPositionsGivesTheEnginesBits(string name, int d)
    {
        const long seed = 5;
        const int steps = 700;
        var p = CwsSubspaceCouplingTests.Parameters(name, d);
        var mixture = p.CreateMixture();
        var engine = new CwsSubspaceSimulation(mixture, p.Loss, p.Schedule, seed);
        foreach (long target in new long[] { 1, 255, 256, 257, 300, 511, 700 }) engine.AdvanceTo(target);
        var replay = new CwsSubspaceSimulation(mixture, p.Loss, p.Schedule, seed);
        var geometry = replay.Geometry;
        int n = geometry.NoiseDimension;
        var key = CwsSubspaceStreams.Sgd(seed, d);
        var cumulative = CwsStreams.Cumulative(mixture.Probabilities);
        var norms = new ResidualNormBlock(geometry.ResidualDegreesOfFreedom, CwsSubspaceStreams.ChiSquared(seed, d),
            CwsSubspaceStreams.ChiSquaredBoost(seed, d), step => CwsSubspaceStreams.ChiSquaredRetry(seed, d, step));
        var rho = new double[steps];
        norms.Fill(0, rho);
        var g = new double[n];
        for (int step = 1; step <= steps; step++)
        {
            int c = CwsStreams.Class(new RandomStream(key, (ulong)(step - 1)).NextDouble(), cumulative);
            if (n > 0) RandomStream.FillNormal(key, (ulong)(step - 1) * (ulong)n, g);
            Assert.True(replay.StepWith(c, g, rho[step - 1], default));
        }
        Assert.Equal(replay.Coordinates.ToArray(), engine.Coordinates.ToArray());
        Assert.Equal(replay.TryStatistics(), engine.TryStatistics());
    }

    /// <summary>The frame sizes of §11.1 for the families (counted by hand from the definitions).</summary>
    [Theory]
    [InlineData("isotropic-logistic", 40, 0, 2, true, 37)]           // span(μ, P_𝒞μ) with μ flat: 2 directions
    [InlineData("zero-one-logistic-both", 40, 1, 1, true, 18)]      // 𝒞 = 4 modes ⊂ clean block: P_N s = 0
    [InlineData("zero-one-logistic-clean", 40, 1, 0, true, 19)]     // no mean on the noisy block: only w
    [InlineData("zero-one-squares-noisy", 40, 0, 2, true, 35)]      // f = 0.05: 2 clean modes, 𝒞 = 4 modes straddles
    [InlineData("zero-one-squares-both", 4, 1, 1, true, 0)]         // d_N = 2 = n_N
    [InlineData("zero-one-logistic-one-noisy-mode", 8, 1, 1, false, 0)] // d_N = 1 = k_N: no w
    public void FrameSizesFollowTheBlockStructure(string name, int d, int cleanRank, int noisyRank, bool moving, int degreesOfFreedom)
    {
        var geometry = CwsSubspaceGeometry.For(CwsSubspaceCouplingTests.Parameters(name, d).CreateMixture());
        Assert.Equal(cleanRank, geometry.CleanRank);
        Assert.Equal(noisyRank, geometry.NoisyRank);
        Assert.Equal(moving, geometry.HasMovingDirection);
        Assert.Equal(degreesOfFreedom, geometry.ResidualDegreesOfFreedom);
    }

    [Fact]
    public void RunsArePureFunctionsOfTheSeedForAnyThreadCount()
    {
        var p = CwsSubspaceCouplingTests.Parameters("zero-one-logistic-both", 500);
        var problem = new CwsSimulationProblem(p, 1, TimeGrid.Uniform(4, 1));
        var engine = CwsEngines.All[EngineNames.Subspace];
        var one = ParallelEnsemble.Run(6, s => engine.Run(problem.WithSeed(s)).Statistics.ToArray(), maxThreads: 1);
        var two = ParallelEnsemble.Run(6, s => engine.Run(problem.WithSeed(s)).Statistics.ToArray(), maxThreads: 2);
        for (int s = 0; s < 6; s++) Assert.Equal(one[s], two[s]);
        Assert.NotEqual(one[0][^1], one[1][^1]);
    }

    /// <summary>Same observables, times, record steps and diagnostics keys as the full engine; no final iterate.</summary>
    [Fact]
    public void TheTrajectoryDocumentIsTheFullEnginesOne()
    {
        var p = CwsSubspaceCouplingTests.Parameters("isotropic-squares-3classes-schedule", 60);
        var problem = new CwsSimulationProblem(p, 3, TimeGrid.Uniform(2, 0.25));
        var full = CwsEngines.All[EngineNames.Full].Run(problem);
        var subspace = CwsEngines.All[EngineNames.Subspace].Run(problem);
        Assert.Equal(full.Trajectory.Names, subspace.Trajectory.Names);
        Assert.Equal(full.Trajectory.Times, subspace.Trajectory.Times);
        Assert.Equal(full.RecordSteps, subspace.RecordSteps);
        var fullKeys = full.Trajectory.Diagnostics.Select(kv => kv.Key).ToList();
        var subspaceKeys = subspace.Trajectory.Diagnostics.Select(kv => kv.Key).Where(k => k != "frame").ToList();
        Assert.Equal(fullKeys, subspaceKeys);
        Assert.Equal("subspace", (string?)subspace.Trajectory.Diagnostics["engine"]);
        Assert.Null(subspace.FinalIterate);
        Assert.NotNull(full.FinalIterate);
        // The observables are those of the recorded statistics (cws.md §4), for both engines.
        var observables = new CwsObservables(problem.Mixture, problem.Loss);
        var row = new double[observables.Count];
        for (int i = 0; i < subspace.Statistics.Count; i++)
        {
            observables.Evaluate(subspace.Statistics[i], row);
            for (int j = 0; j < row.Length; j++) Assert.Equal(row[j], subspace.Trajectory[observables.Names[j]][i]);
        }
    }

    [Fact]
    public void PowerLawAndMixedSpectraAreRefusedBeforeAnyStep()
    {
        var powerLaw = new CwsParameters(covariance: CwsCovariance.PowerLaw, dimension: 50);
        var problem = new CwsSimulationProblem(powerLaw, 1, TimeGrid.Uniform(1, 0.5));
        var e = Assert.Throws<InputException>(() => CwsEngines.All[EngineNames.Subspace].Run(problem));
        Assert.Contains("power-law", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        // A custom mixture: two classes with different 0/1 spectra (not one shared covariance).
        var a = Enumerable.Repeat(1.0, 10).ToArray();
        var b = Enumerable.Range(0, 10).Select(i => i < 5 ? 0.0 : 1.0).ToArray();
        var mu = Enumerable.Repeat(0.3, 10).ToArray();
        var mixed = new CwsMixture([0.5, 0.5], [1, 0], [a, b], [mu, mu.Select(x => -x).ToArray()]);
        Assert.NotNull(CwsSubspaceGeometry.Refusal(mixed));
        Assert.Throws<InputException>(() => new CwsSubspaceSimulation(mixed, CwsLoss.Logistic, CwsSchedule.Constant(1), 1));
        // One shared spectrum with a variance other than 0 or 1.
        var half = Enumerable.Repeat(0.5, 10).ToArray();
        var scaled = new CwsMixture([0.5, 0.5], [1, 0], [half, half], [mu, mu.Select(x => -x).ToArray()]);
        Assert.Contains("0.5", CwsSubspaceGeometry.Refusal(scaled));
        // Explicit means keep the block structure: accepted.
        var explicitMeans = new CwsParameters(covariance: CwsCovariance.ZeroOne, dimension: 8, means: [.. Enumerable.Range(0, 16).Select(i => Math.Sin(i + 1.0))]);
        Assert.Null(CwsSubspaceGeometry.Refusal(explicitMeans.CreateMixture()));
    }

    [Fact]
    public void TheCommandLineRefusesPowerLawWithOneLineAndExitTwo()
    {
        string file = Path.Combine(Path.GetTempPath(), $"cws-subspace-refusal-{Guid.NewGuid():N}.json");
        string line = CliRunner.AssertBadInputWith(null, "sgd", "cws", "--engine", "subspace", "--set", "cov=power-law", "--d", "100", "--seed", "1",
            "--t-end", "1", "--t-step", "0.5", "--output", file);
        Assert.Contains("power-law", line);
        Assert.False(File.Exists(file));
        string claim = CliRunner.AssertBadInputWith(null, "run", "cws.power-law-transition", "--engine", "subspace", "--profile", "test");
        Assert.Contains("accepts the engines full", claim);
    }

    /// <summary>A claim spec without an engine offers <c>subspace</c> at a zero-one point and not at a power-law point (subspace.md §11.7).</summary>
    [Theory]
    [InlineData("zero-one", new[] { "full", "subspace" })]
    [InlineData("power-law", new[] { "full" })]
    public void SpecClaimsOfferTheSubspaceEngineOnlyWhereItApplies(string cov, string[] engines)
    {
        string path = Path.Combine(Path.GetTempPath(), $"tc-cws-spec-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$$"""{"claims": [{"id": "x.y", "model": "cws", "parameters": {"cov": "{{{cov}}}"}, "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "risk", "t": 1, "tolerance": 0.1}}]}""");
        try
        {
            var claim = Assert.Single(TheoryCheck.Comparison.Specs.ClaimSpecReader.Read(path));
            Assert.Equal(engines, claim.Engines);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DivergenceIsAStatus()
    {
        var p = new CwsParameters(CwsLoss.Squares, CwsCovariance.Isotropic, gamma: 40, dimension: 50);
        var run = CwsEngines.All[EngineNames.Subspace].Run(new CwsSimulationProblem(p, 1, TimeGrid.Uniform(400, 1)));
        Assert.True(run.Status.Diverged);
        Assert.True(run.Statistics.Count < 401);
        Assert.Null(run.FinalIterate);
    }

    [Fact]
    public void StepsAllocateNothing()
    {
        foreach (var (name, d) in new[] { ("isotropic-logistic", 1000), ("zero-one-logistic-both", 6), ("isotropic-squares-3classes-schedule", 30) })
        {
            var p = CwsSubspaceCouplingTests.Parameters(name, d);
            var simulation = new CwsSubspaceSimulation(p.CreateMixture(), p.Loss, p.Schedule, 1);
            simulation.AdvanceTo(1000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            simulation.AdvanceTo(101_000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }
    }

    /// <summary>d = 4·10⁶ (d steps: t = 1) runs, at a cost per step of any other d; the isotropic ODE's risk at t = 1 is within a few d^{-1/2}.</summary>
    [Fact]
    public void RunsAtMillionsOfDimensions()
    {
        const int d = 4_000_000;
        var p = new CwsParameters(CwsLoss.Logistic, CwsCovariance.Isotropic, gamma: 1, dimension: d);
        var run = CwsEngines.All[EngineNames.Subspace].Run(new CwsSimulationProblem(p, 1, TimeGrid.Uniform(1, 1)));
        Assert.False(run.Status.Diverged);
        Assert.Equal(d, run.Steps);
        var s = run.Statistics[^1];
        // ‖X‖² after d steps is O(1) and ⟨X, μ⟩ > 0 (drift towards μ): a sanity check of the scale, not of the law.
        Assert.InRange(s.Norm2, 0.01, 10);
        Assert.True(s.Overlap > 0);
    }
}

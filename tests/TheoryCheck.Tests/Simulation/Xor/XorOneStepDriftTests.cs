using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Gaussian;
using TheoryCheck.Simulation.Xor;

namespace TheoryCheck.Tests.Simulation.Xor;

/// <summary>
/// The expected one-step SGD increment E[Δ statistics]/δ at a fixed state, estimated by an ensemble of single steps
/// (each from the same state with a fresh sample), against the drift of xor.md §5 computed here from Models-level
/// formulas only (reduced noise + per-sample functions, QMC with 2^16 points; no Theory code): for finite d the
/// expectation is that drift with the corrector scaled by (d − 2)/d (‖P⊥X‖² = χ²_{d−2}/λ) up to O(δ) and O(K/d) terms
/// (v and m are linear in the step: their one-step expectation is the drift exactly). λ = 5 and c_δ = 4 make the corrector
/// (c_δ/λ)v_iv_jB_ij ≈ 0.04 large against the standard error (~1e-3): without it the test fails.
/// </summary>
public sealed class XorOneStepDriftTests
{
    [Fact]
    public void MeanIncrementMatchesTheDriftWithinTheConfidenceInterval()
    {
        const int d = 500, probes = 40_000, k = 4;
        var p = new XorParameters(lambda: 5, cdelta: 4);
        var start = new XorStatistics([0.74, 0.67, -0.74, -0.67], [0.59, -0.56, 0.01, 0.0], [0.01, 0.0, 0.59, -0.56],
            [0.46, 0.02, 0.0, 0.01, 0.02, 0.45, 0.0, 0.0, 0.0, 0.0, 0.46, 0.02, 0.01, 0.0, 0.02, 0.45]);
        // A finite-d state with exactly these statistics: W_i = m^μ_i μ + m^ν_i ν + (R⊥^{1/2} U)_i.
        var sim = new XorSgdSimulation(p, d, seed: 21);
        var frame = new XorSgdSimulation(new XorParameters(k, lambda: 5, cdelta: 4, rperp0: 1, mmu0: [0, 0, 0, 0], mnu0: [0, 0, 0, 0]), d, seed: 21);
        var root = new double[k * k];
        TheoryCheck.Numerics.LinearAlgebra.SymmetricSquareRoot.Compute(start.Rperp, k, root, new double[TheoryCheck.Numerics.LinearAlgebra.SymmetricSquareRoot.WorkLength(k)]);
        var weights = new double[k * d];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < d; j++)
            {
                double perp = 0;
                for (int l = 0; l < k; l++) perp += root[i * k + l] * frame.Weight(l)[j];
                weights[i * d + j] = start.Mmu[i] * sim.Mu[j] + start.Mnu[i] * sim.Nu[j] + perp;
            }
        sim.SetParameters(weights, start.V);
        var initial = sim.TryStatistics()!.ToPacked();
        Assert.True(initial.Zip(start.ToPacked(), (a, b) => Math.Abs(a - b)).Max() < 1e-12);

        int n = initial.Length;
        var sum = new double[n];
        var sum2 = new double[n];
        double delta = p.CDelta / d;
        for (int probe = 0; probe < probes; probe++)
        {
            sim.SetParameters(weights, start.V);
            sim.SetStep(probe);
            sim.AdvanceTo(probe + 1);
            var after = sim.TryStatistics()!.ToPacked();
            for (int j = 0; j < n; j++)
            {
                double increment = (after[j] - initial[j]) / delta;
                sum[j] += increment;
                sum2[j] += increment * increment;
            }
        }
        var drift = Drift(p, start, correctorScale: (d - 2.0) / d);
        for (int j = 0; j < n; j++)
        {
            double mean = sum[j] / probes;
            double se = Math.Sqrt((sum2[j] / probes - mean * mean) / (probes - 1));
            Assert.True(Math.Abs(mean - drift[j]) <= 4 * se + 1e-3, $"component {j}: SGD {mean:F5} ± {se:F5} vs drift {drift[j]:F5}");
        }
    }

    /// <summary>xor.md §5 from Models-level pieces: A^μ, A^ν, A⊥, B by QMC over the reduced noise, then the drift.</summary>
    private static double[] Drift(XorParameters p, XorStatistics s, double correctorScale)
    {
        int k = s.Width;
        var noise = XorReducedNoise.At(s, p.Lambda);
        var rule = RandomizedQmcRule.Create(k, 1 << 14, 17, 4);
        var amu = new double[k];
        var anu = new double[k];
        var aperp = new double[k * k];
        var b = new double[k * k];
        var u = new double[k];
        double weight = 0.25 / rule.Count;
        for (int point = 0; point < rule.Count; point++)
        {
            var z = rule.Node(point);
            for (int cluster = 0; cluster < 4; cluster++)
            {
                noise.Preactivations(cluster, z, u);
                double e = XorSample.Error(XorSample.Output(s.V, u), XorClusters.Label(cluster));
                double mu = XorClusters.MuCoordinate(cluster), nu = XorClusters.NuCoordinate(cluster);
                for (int l = 0; l < k; l++)
                {
                    mu += noise.MuCoefficients[l] * z[l];
                    nu += noise.NuCoefficients[l] * z[l];
                }
                for (int i = 0; i < k; i++)
                {
                    if (!(u[i] > 0)) continue;
                    amu[i] += weight * mu * e;
                    anu[i] += weight * nu * e;
                    for (int j = 0; j < k; j++)
                    {
                        double perp = 0;
                        for (int l = 0; l < k; l++) perp += noise.PerpCoefficients[j * k + l] * z[l];
                        aperp[i * k + j] += weight * perp * e;
                        if (u[j] > 0) b[i * k + j] += weight * e * e;
                    }
                }
            }
        }
        var drift = new double[XorStatistics.PackedLength(k)];
        for (int i = 0; i < k; i++)
        {
            drift[i] = -(s.Mmu[i] * amu[i] + s.Mnu[i] * anu[i] + aperp[i * k + i]) - p.Beta * s.V[i];
            drift[k + i] = -s.V[i] * amu[i] - p.Beta * s.Mmu[i];
            drift[2 * k + i] = -s.V[i] * anu[i] - p.Beta * s.Mnu[i];
        }
        int index = 3 * k;
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++, index++)
                drift[index] = -(s.V[i] * aperp[i * k + j] + s.V[j] * aperp[j * k + i]) - 2 * p.Beta * s.RperpAt(i, j)
                               + correctorScale * p.CDelta / p.Lambda * s.V[i] * s.V[j] * b[i * k + j];
        return drift;
    }
}

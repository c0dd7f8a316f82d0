using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Xor;
using Xunit.Abstractions;

namespace TheoryCheck.Tests.Simulation.Xor;

/// <summary>
/// Pathwise coupling of the xor subspace engine with the full engine (docs/theory/subspace.md §10.4, §10.7): a
/// full-vector run is stepped as usual, and this test keeps, in ℝ^d and with its own plain loops, an orthonormal frame
/// [μ, ν, w_1..w_K] containing the first layer. Each step it projects the full run's own noise z onto the frame
/// (g = Qᵀz), takes the residual r = z − Qg and feeds (ϑ, g, ‖r‖) to the subspace step; the frame is then moved with the
/// step's orthonormal factor U (w' = [w, r/‖r‖]·U). If the subspace step is the full step written in coordinates, the
/// statistics (v, W·μ, W·ν, R⊥) of both runs agree to rounding at every step, and the full first layer is the frame
/// times the coordinates. The frame bookkeeping is checked on the way (orthonormal).
/// </summary>
public sealed class XorSubspaceCouplingTests(ITestOutputHelper output)
{
    /// <summary>How the full run starts.</summary>
    public enum Start
    {
        /// <summary>The full engine's warm start (xor.md §3), rperp0 = 1.</summary>
        Warm,

        /// <summary>The full engine's random initialisation.</summary>
        Random,

        /// <summary>Warm start with rperp0 = 0: W ∈ span(μ, ν), the frame w is unused at first.</summary>
        InSpanOfMeans,

        /// <summary>All W_i⊥ equal (orthogonal parts of rank 1), W·μ, W·ν of the warm start.</summary>
        RankOne,
    }

    [Theory]
    [InlineData(4, 40, Start.Warm, 4000)]
    [InlineData(4, 40, Start.Random, 4000)]
    [InlineData(4, 40, Start.InSpanOfMeans, 4000)]
    [InlineData(4, 25, Start.RankOne, 4000)]
    [InlineData(4, 7, Start.Random, 3000)]
    [InlineData(4, 6, Start.Random, 3000)]
    [InlineData(4, 6, Start.InSpanOfMeans, 3000)]
    [InlineData(2, 30, Start.Random, 3000)]
    public void SubspaceStepFedTheProjectedNoiseReproducesTheFullRun(int k, int d, Start start, int steps)
    {
        const long seed = 11;
        var parameters = new XorParameters(k, lambda: 2, beta: 0.05, cdelta: 1,
            rperp0: start == Start.InSpanOfMeans ? 0 : 1, init: start == Start.Random ? XorInitialisation.Random : XorInitialisation.Warm);
        var full = new XorSgdSimulation(parameters, d, seed);
        var mu = full.Mu.ToArray();
        var nu = full.Nu.ToArray();
        if (start == Start.RankOne) SetRankOne(full, mu, nu, d);

        var weights = Enumerable.Range(0, k).Select(i => full.Weight(i).ToArray()).ToArray();
        var frame = InitialFrame(mu, nu, weights, d, seed);
        var subspace = new XorSubspaceSimulation(parameters, d, seed);
        int n = k + 2;
        var coordinates = new double[n * k];
        for (int i = 0; i < k; i++)
        {
            coordinates[i] = Dot(mu, weights[i]);
            coordinates[k + i] = Dot(nu, weights[i]);
            for (int j = 0; j < k; j++) coordinates[(2 + j) * k + i] = Dot(frame[j], weights[i]);
        }
        subspace.SetState(coordinates, full.V);

        var key = XorStreams.Sgd(seed, d);
        var z = new double[d];
        var g = new double[n];
        var residual = new double[d];
        var u = new double[(k + 1) * k];
        double maxStatisticsError = 0, maxWeightError = 0, maxFrameError = 0, largestResidualNorm = 0;
        XorStatistics? last = null;
        for (int step = 1; step <= steps; step++)
        {
            int cluster = XorClusters.FromUniform(new RandomStream(key, (ulong)(step - 1)).NextDouble());
            RandomStream.FillNormal(key, (ulong)(step - 1) * (ulong)d, z);
            g[0] = Dot(mu, z);
            g[1] = Dot(nu, z);
            for (int j = 0; j < k; j++) g[2 + j] = Dot(frame[j], z);
            double residualNorm = 0;
            if (d > n)
            {
                z.CopyTo(residual, 0);
                Axpy(-g[0], mu, residual);
                Axpy(-g[1], nu, residual);
                for (int j = 0; j < k; j++) Axpy(-g[2 + j], frame[j], residual);
                // Second Gram–Schmidt pass: at d = K + 3 the residual is one normal, sometimes tiny.
                Axpy(-Dot(mu, residual), mu, residual);
                Axpy(-Dot(nu, residual), nu, residual);
                for (int j = 0; j < k; j++) Axpy(-Dot(frame[j], residual), frame[j], residual);
                residualNorm = Math.Sqrt(Dot(residual, residual));
            }
            // d = K + 2: the frame is all of ℝ^d, the residual is 0 (ρ² ~ χ²_0).
            largestResidualNorm = Math.Max(largestResidualNorm, residualNorm);

            Assert.True(subspace.StepWith(cluster, g, residualNorm, u));
            Assert.False(full.AdvanceTo(step).Diverged);

            var moved = new double[k][];
            for (int j = 0; j < k; j++)
            {
                moved[j] = new double[d];
                for (int i = 0; i < k; i++) Axpy(u[i * k + j], frame[i], moved[j]);
                if (residualNorm > 0) Axpy(u[k * k + j] / residualNorm, residual, moved[j]);
            }
            frame = moved;

            if (step % 10 == 0 || step == steps)
            {
                var s = subspace.TryStatistics()!;
                last = s;
                var x = subspace.Coordinates;
                var perp = new double[k][];
                for (int i = 0; i < k; i++)
                {
                    var wi = full.Weight(i);
                    double a = Dot(wi, mu), b = Dot(wi, nu);
                    perp[i] = new double[d];
                    for (int t = 0; t < d; t++) perp[i][t] = wi[t] - a * mu[t] - b * nu[t];
                    maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(s.Mmu[i] - a));
                    maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(s.Mnu[i] - b));
                    maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(s.V[i] - full.V[i]));
                    // W_i = X_{0i} μ + X_{1i} ν + Σ_j X_{2+j,i} w_j.
                    for (int t = 0; t < d; t++)
                    {
                        double value = x[i] * mu[t] + x[k + i] * nu[t];
                        for (int j = 0; j < k; j++) value += x[(2 + j) * k + i] * frame[j][t];
                        maxWeightError = Math.Max(maxWeightError, Math.Abs(value - wi[t]));
                    }
                }
                for (int i = 0; i < k; i++)
                    for (int j = 0; j < k; j++)
                        maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(s.RperpAt(i, j) - Dot(perp[i], perp[j])));
                maxFrameError = Math.Max(maxFrameError, FrameOrthonormalityError(mu, nu, frame));
            }
        }
        output.WriteLine($"K = {k}, d = {d}, start {start}, {steps} steps: max |Δ(v, mmu, mnu, Rperp)| = {maxStatisticsError:E2}, " +
            $"max |W_full − Q·X| = {maxWeightError:E2}, frame orthonormality error {maxFrameError:E2}, largest ρ = {largestResidualNorm:F2}");
        Assert.True(maxFrameError <= 1e-12, $"frame lost orthonormality: {maxFrameError:E2}");
        Assert.True(maxStatisticsError <= 1e-12, $"max |Δ statistics| = {maxStatisticsError:E2}");
        Assert.True(maxWeightError <= 1e-12, $"max |W_full − Q·X| = {maxWeightError:E2}");
        // The run must have moved: v has left its start, and the orthogonal parts are not 0 (from the degenerate starts
        // too: the noise has put them there; R⊥ settles near its small stationary value at λ = 2, t ≥ 75).
        Assert.NotNull(last);
        Assert.True(last!.RperpAt(0, 0) > 1e-4, $"Rperp[1,1] = {last.RperpAt(0, 0)}");
        if (start != Start.Random) Assert.True(Math.Abs(last.V[0] - parameters.V0[0]) > 1e-3, $"v[1] = {last.V[0]}");
    }

    /// <summary>
    /// The factor U written by the step satisfies P = U·T' for the block P of the step, which the test recomputes from
    /// xor.md §3 written in frame coordinates with plain loops (u = W·X, e = σ(s) − y, gradients at the old parameters);
    /// the mean rows and v follow the documented update; T' is upper triangular.
    /// </summary>
    [Fact]
    public void ReorthonormalisationFactorsTheUpdatedBlock()
    {
        const int k = 3, d = 30;
        var parameters = new XorParameters(k, lambda: 1.5, beta: 0.2, cdelta: 2, init: XorInitialisation.Random);
        var subspace = new XorSubspaceSimulation(parameters, d, 3);
        subspace.AdvanceTo(17);
        var before = subspace.Coordinates.ToArray();
        var v = subspace.V.ToArray();
        var g = new double[] { 0.3, -1.2, 0.8, 2.1, -0.4 };
        const int cluster = 2; // +ν, label 0
        const double rho = 4.2;
        var u = new double[(k + 1) * k];
        Assert.True(subspace.StepWith(cluster, g, rho, u));
        var after = subspace.Coordinates.ToArray();

        double sigma = 1 / Math.Sqrt(parameters.Lambda), delta = parameters.CDelta / d, s = 1 - delta * parameters.Beta;
        var y = g.Select(x => sigma * x).ToArray();
        y[1] += 1; // ϑ = +ν
        var pre = new double[k];
        double output = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k + 2; j++) pre[i] += y[j] * before[j * k + i];
            if (pre[i] > 0) output += v[i] * pre[i];
        }
        double e = 1 / (1 + Math.Exp(-output)) - 0;
        var c = new double[k];
        for (int i = 0; i < k; i++)
        {
            c[i] = pre[i] > 0 ? -delta * e * v[i] : 0;
            double expectedV = v[i] - delta * (e * Math.Max(pre[i], 0) + parameters.Beta * v[i]);
            Assert.Equal(expectedV, subspace.V[i], 1e-14);
        }
        Assert.Contains(c, x => x != 0);
        for (int i = 0; i < k; i++)
            for (int row = 0; row < 2; row++)
                Assert.Equal(s * before[row * k + i] + c[i] * y[row], after[row * k + i], 1e-14);
        var p = new double[(k + 1) * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) p[j * k + i] = s * before[(2 + j) * k + i] + c[i] * y[2 + j];
            p[k * k + i] = c[i] * sigma * rho;
        }
        CheckOrthonormalColumns(u, k + 1, k);
        for (int row = 0; row <= k; row++)
            for (int i = 0; i < k; i++)
            {
                double product = 0;
                for (int j = 0; j < k; j++) product += u[row * k + j] * after[(2 + j) * k + i];
                Assert.Equal(p[row * k + i], product, 1e-14);
            }
        for (int i = 1; i < k; i++)
            for (int j = 0; j < i; j++) Assert.Equal(0.0, after[(2 + i) * k + j]);
    }

    private static void SetRankOne(XorSgdSimulation full, double[] mu, double[] nu, int d)
    {
        var p = full.Parameters;
        int k = p.Width;
        var shared = new double[d];
        new RandomStream(StreamKey.Derive(99, "test.xor.coupling.start", d)).FillNormal(shared);
        Axpy(-Dot(mu, shared), mu, shared);
        Axpy(-Dot(nu, shared), nu, shared);
        double norm = Math.Sqrt(Dot(shared, shared));
        var stacked = new double[k * d];
        for (int i = 0; i < k; i++)
            for (int t = 0; t < d; t++) stacked[i * d + t] = p.Mmu0[i] * mu[t] + p.Mnu0[i] * nu[t] + shared[t] / norm;
        full.SetParameters(stacked, p.V0.ToArray());
    }

    /// <summary>
    /// An orthonormal w_1..w_K ⊥ span(μ, ν) whose span contains the orthogonal parts of the weights: Gram–Schmidt (twice)
    /// of those parts, completed by random vectors when they span fewer than K dimensions (degenerate starts).
    /// </summary>
    private static double[][] InitialFrame(double[] mu, double[] nu, double[][] weights, int d, long seed)
    {
        int k = weights.Length;
        var basis = new List<double[]> { mu, nu };
        var frame = new List<double[]>();
        var stream = new RandomStream(StreamKey.Derive(unchecked((ulong)seed), "test.xor.coupling.frame", d));
        var candidates = weights.Select(w => w.ToArray()).ToList();
        for (int i = 0; i < 4 * k; i++)
        {
            var v = new double[d];
            stream.FillNormal(v);
            candidates.Add(v);
        }
        foreach (var candidate in candidates)
        {
            if (frame.Count == k) break;
            var v = candidate.ToArray();
            double before = Math.Sqrt(Dot(v, v));
            for (int pass = 0; pass < 2; pass++)
                foreach (var b in basis) Axpy(-Dot(b, v), b, v);
            double norm = Math.Sqrt(Dot(v, v));
            if (!(norm > 1e-8 * before)) continue;
            for (int t = 0; t < d; t++) v[t] /= norm;
            basis.Add(v);
            frame.Add(v);
        }
        Assert.Equal(k, frame.Count);
        return frame.ToArray();
    }

    private static double FrameOrthonormalityError(double[] mu, double[] nu, double[][] frame)
    {
        var all = new[] { mu, nu }.Concat(frame).ToArray();
        double error = 0;
        for (int i = 0; i < all.Length; i++)
            for (int j = 0; j <= i; j++)
                error = Math.Max(error, Math.Abs(Dot(all[i], all[j]) - (i == j ? 1 : 0)));
        return error;
    }

    private static void CheckOrthonormalColumns(double[] u, int rows, int columns)
    {
        for (int i = 0; i < columns; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int row = 0; row < rows; row++) s += u[row * columns + i] * u[row * columns + j];
                Assert.True(Math.Abs(s - (i == j ? 1 : 0)) <= 1e-14, $"UᵀU[{i},{j}] = {s}");
            }
    }

    /// <summary>Plain-loop dot product (independent of the simulation kernels).</summary>
    internal static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] += alpha * x[i];
    }
}

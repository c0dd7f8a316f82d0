using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Kgmm;
using Xunit.Abstractions;
using static TheoryCheck.Tests.Simulation.Kgmm.KgmmTestSupport;

namespace TheoryCheck.Tests.Simulation.Kgmm;

/// <summary>
/// Pathwise coupling of the subspace engine with the full engine (docs/theory/subspace.md §3, §9): a full-vector run
/// is stepped as usual, and this test keeps, in ℝ^d and with its own plain loops, an orthonormal frame
/// [μ_1..μ_k, w_1..w_k] containing the weights. Each step it projects the full run's own noise z onto the frame
/// (g = Qᵀz), takes the residual r = z − Qg and feeds (b, g, ‖r‖) to the subspace step; the frame is then moved
/// with the step's orthonormal factor U (w' = [w, r/‖r‖]·U). If the subspace step is the full step written in
/// coordinates, the statistics (m, R) of both runs agree to rounding at every step, and the full weights are the
/// frame times the coordinates. The frame bookkeeping is checked on the way (orthonormal, P = U·T').
/// </summary>
public sealed class KgmmSubspaceCouplingTests(ITestOutputHelper output)
{
    public enum Start
    {
        /// <summary>The full engine's own random initialisation.</summary>
        Random,

        /// <summary>x_0 = 0: the weights span nothing, the frame w is arbitrary.</summary>
        Zero,

        /// <summary>x_0 in span(μ): the orthogonal part is 0.</summary>
        InSpanOfMeans,

        /// <summary>x^1_0 = x^2_0 = x^3_0 (orthogonal parts of rank 1).</summary>
        RankOne,
    }

    [Theory]
    [InlineData(40, Start.Random, 4000)]
    [InlineData(40, Start.Zero, 4000)]
    [InlineData(40, Start.InSpanOfMeans, 4000)]
    [InlineData(25, Start.RankOne, 4000)]
    [InlineData(7, Start.Random, 3000)]
    [InlineData(6, Start.Random, 3000)]
    [InlineData(6, Start.Zero, 3000)]
    public void SubspaceStepFedTheProjectedNoiseReproducesTheFullRun(int d, Start start, int steps)
    {
        const int k = 3;
        const long seed = 11;
        var parameters = new KgmmParameters(k, 3, 0.1, 1, [0.5, 0.3, 0.2]);
        var full = new KgmmSgdSimulation(parameters, d, seed);
        var means = Enumerable.Range(0, k).Select(a => full.Mean(a).ToArray()).ToArray();
        SetStart(full, means, start, d);

        // Test-side frame: w = an orthonormal basis of ℝ^d ⊖ span(μ) containing the orthogonal parts of the weights.
        var weights = Enumerable.Range(0, k).Select(c => full.Weight(c).ToArray()).ToArray();
        var frame = InitialFrame(means, weights, d, seed);
        var subspace = new KgmmSubspaceSimulation(parameters, d, seed);
        var coordinates = new double[2 * k * k];
        for (int c = 0; c < k; c++)
        {
            for (int a = 0; a < k; a++) coordinates[a * k + c] = NaiveDot(means[a], weights[c]);
            for (int i = 0; i < k; i++) coordinates[(k + i) * k + c] = NaiveDot(frame[i], weights[c]);
        }
        subspace.SetCoordinates(coordinates);

        var key = KgmmStreams.Sgd(seed, d);
        var cumulative = KgmmStreams.Cumulative(parameters.Probabilities);
        var z = new double[d];
        var g = new double[2 * k];
        var residual = new double[d];
        var u = new double[(k + 1) * k];
        var m = new double[k * k];
        var r = new double[k * k];
        double maxStatisticsError = 0, maxWeightError = 0, maxFrameError = 0;
        double largestResidualNorm = 0;
        for (int step = 1; step <= steps; step++)
        {
            var block = new RandomStream(key, (ulong)(step - 1));
            int label = KgmmStreams.Label(block.NextDouble(), cumulative);
            RandomStream.FillNormal(key, (ulong)(step - 1) * (ulong)d, z);
            for (int a = 0; a < k; a++) g[a] = NaiveDot(means[a], z);
            for (int i = 0; i < k; i++) g[k + i] = NaiveDot(frame[i], z);
            double residualNorm = 0;
            if (d > 2 * k)
            {
                z.CopyTo(residual, 0);
                for (int a = 0; a < k; a++) Axpy(-g[a], means[a], residual);
                for (int i = 0; i < k; i++) Axpy(-g[k + i], frame[i], residual);
                // Second Gram–Schmidt pass ("twice is enough"): at d = 2k + 1 the residual is one normal, sometimes
                // tiny, and r/‖r‖ would carry the first pass's rounding into the test's frame.
                for (int a = 0; a < k; a++) Axpy(-NaiveDot(means[a], residual), means[a], residual);
                for (int i = 0; i < k; i++) Axpy(-NaiveDot(frame[i], residual), frame[i], residual);
                residualNorm = Math.Sqrt(NaiveDot(residual, residual));
            }
            // d = 2k: the frame is all of ℝ^d, the residual is 0 (ρ² ~ χ²_0); only rounding would remain.
            largestResidualNorm = Math.Max(largestResidualNorm, residualNorm);

            Assert.True(subspace.StepWith(label, g, residualNorm, u));
            full.AdvanceTo(step);

            // The step's factor: orthonormal columns. New frame w'_j = Σ_i U_ij w_i + U_kj r̂.
            CheckOrthonormalColumns(u, k + 1, k);
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
                Assert.True(subspace.TryStatistics(m, r));
                var x = subspace.Coordinates;
                for (int c = 0; c < k; c++)
                {
                    var xc = full.Weight(c);
                    for (int a = 0; a < k; a++)
                        maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(m[c * k + a] - NaiveDot(xc, means[a])));
                    for (int e = 0; e < k; e++)
                        maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(r[c * k + e] - NaiveDot(xc, full.Weight(e))));
                    // x^c = Σ_a X_{ac} μ_a + Σ_i X_{k+i,c} w_i.
                    for (int t = 0; t < d; t++)
                    {
                        double value = 0;
                        for (int a = 0; a < k; a++) value += x[a * k + c] * means[a][t];
                        for (int i = 0; i < k; i++) value += x[(k + i) * k + c] * frame[i][t];
                        maxWeightError = Math.Max(maxWeightError, Math.Abs(value - xc[t]));
                    }
                }
                maxFrameError = Math.Max(maxFrameError, FrameOrthonormalityError(means, frame));
            }
        }
        output.WriteLine($"d = {d}, start {start}, {steps} steps: max |Δ(m, R)| = {maxStatisticsError:E2}, " +
            $"max |x_full − Q·X| = {maxWeightError:E2}, frame orthonormality error {maxFrameError:E2}, largest ρ = {largestResidualNorm:F2}");
        Assert.True(maxFrameError <= 1e-12, $"frame lost orthonormality: {maxFrameError:E2}");
        Assert.True(maxStatisticsError <= 1e-12, $"max |Δ(m, R)| = {maxStatisticsError:E2}");
        Assert.True(maxWeightError <= 1e-12, $"max |x_full − Q·X| = {maxWeightError:E2}");
        // The run must have moved: the weights are O(1) and (for the degenerate starts) have left span(μ).
        Assert.True(r[0] > 0.05 && r[0] - m[0] * m[0] - m[1] * m[1] - m[2] * m[2] > 1e-3, $"R_11 = {r[0]}");
    }

    /// <summary>
    /// The factor U written by the step satisfies P = U·T' for the block P of the step, which the test recomputes from
    /// the documented update (subspace.md eq. 2.2) with plain loops; T' is upper triangular.
    /// </summary>
    [Fact]
    public void ReorthonormalisationFactorsTheUpdatedBlock()
    {
        const int k = 4;
        var parameters = new KgmmParameters(k, 2, 0.3, 1.5);
        var subspace = new KgmmSubspaceSimulation(parameters, 30, 3);
        subspace.AdvanceTo(17);
        var before = subspace.Coordinates.ToArray();
        var g = new double[] { 0.3, -1.2, 0.8, 2.1, -0.4, 0.05, 1.7, -0.9 };
        const int label = 2;
        const double rho = 4.2;
        var u = new double[(k + 1) * k];
        Assert.True(subspace.StepWith(label, g, rho, u));
        var after = subspace.Coordinates.ToArray();

        double sigma = 1 / Math.Sqrt(parameters.Lambda), delta = parameters.CDelta / 30, s = 1 - delta * parameters.Beta;
        var logits = new double[k];
        for (int c = 0; c < k; c++)
        {
            logits[c] = before[label * k + c];
            for (int j = 0; j < 2 * k; j++) logits[c] += sigma * g[j] * before[j * k + c];
        }
        var pi = NaiveSoftmax(logits);
        var a = pi.Select((p, c) => -delta * (p - (c == label ? 1 : 0))).ToArray();
        for (int c = 0; c < k; c++)
            for (int row = 0; row < k; row++)
            {
                double expected = s * before[row * k + c] + a[c] * ((row == label ? 1 : 0) + sigma * g[row]);
                Assert.Equal(expected, after[row * k + c], 1e-14);
            }
        var p = new double[(k + 1) * k];
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < k; i++) p[i * k + c] = s * before[(k + i) * k + c] + a[c] * sigma * g[k + i];
            p[k * k + c] = a[c] * sigma * rho;
        }
        CheckOrthonormalColumns(u, k + 1, k);
        for (int row = 0; row <= k; row++)
            for (int c = 0; c < k; c++)
            {
                double product = 0;
                for (int j = 0; j < k; j++) product += u[row * k + j] * after[(k + j) * k + c];
                Assert.Equal(p[row * k + c], product, 1e-14);
            }
        for (int i = 1; i < k; i++)
            for (int j = 0; j < i; j++) Assert.Equal(0.0, after[(k + i) * k + j]);
    }

    private static void SetStart(KgmmSgdSimulation full, double[][] means, Start start, int d)
    {
        int k = means.Length;
        if (start == Start.Random) return;
        var stacked = new double[k * d];
        var stream = new RandomStream(StreamKey.Derive(99, "test.coupling.start", d));
        var shared = new double[d];
        stream.FillNormal(shared);
        for (int c = 0; c < k; c++)
        {
            var row = stacked.AsSpan(c * d, d);
            switch (start)
            {
                case Start.InSpanOfMeans:
                    for (int a = 0; a < k; a++) Axpy(0.3 * (a + 1) * (c == a ? 2 : -1), means[a], row);
                    break;
                case Start.RankOne:
                    Axpy(1 / Math.Sqrt(d), shared, row);
                    break;
            }
        }
        full.SetWeights(stacked);
    }

    /// <summary>
    /// An orthonormal w_1..w_k ⊥ span(μ) whose span contains the orthogonal parts of the weights: Gram–Schmidt (twice)
    /// of those parts, completed by random vectors when they span fewer than k dimensions (degenerate starts).
    /// </summary>
    private static double[][] InitialFrame(double[][] means, double[][] weights, int d, long seed)
    {
        int k = means.Length;
        var basis = new List<double[]>(means);
        var frame = new List<double[]>();
        var stream = new RandomStream(StreamKey.Derive(unchecked((ulong)seed), "test.coupling.frame", d));
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
            double before = Math.Sqrt(NaiveDot(v, v));
            for (int pass = 0; pass < 2; pass++)
                foreach (var b in basis) Axpy(-NaiveDot(b, v), b, v);
            double norm = Math.Sqrt(NaiveDot(v, v));
            if (!(norm > 1e-8 * before)) continue;
            for (int t = 0; t < d; t++) v[t] /= norm;
            basis.Add(v);
            frame.Add(v);
        }
        Assert.Equal(k, frame.Count);
        return frame.ToArray();
    }

    private static double FrameOrthonormalityError(double[][] means, double[][] frame)
    {
        var all = means.Concat(frame).ToArray();
        double error = 0;
        for (int i = 0; i < all.Length; i++)
            for (int j = 0; j <= i; j++)
                error = Math.Max(error, Math.Abs(NaiveDot(all[i], all[j]) - (i == j ? 1 : 0)));
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

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] += alpha * x[i];
    }
}

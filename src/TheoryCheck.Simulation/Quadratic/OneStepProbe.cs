using System.Diagnostics;
using TheoryCheck.Models.Quadratic;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>
/// One-step Monte-Carlo probes from a given deterministic state e (quadratic.md §4, §5 threshold claims): N
/// independent noise draws of one SGD / Dom-SGD / Bulk-SGD step of size η; only the moving block is recomputed
/// (the frozen block's contribution is constant). Draw n uses positions n·d + i of stream (seed, "quadratic/probe")
/// (streaming: sample m = n·b + j at m(d + 1) …), so the three methods share their noise and results do not depend on
/// the thread count.
/// </summary>
public static class OneStepProbe
{
    private const int DrawsPerTask = 64;

    /// <summary>Probes one step of <paramref name="method"/> with step size <paramref name="eta"/> from <paramref name="state"/>.</summary>
    public static OneStepProbeResult Run(QuadraticParameters parameters, ReadOnlySpan<double> state, QuadraticMethod method,
        double eta, int draws, ulong seed, int threads = 1) =>
        RunSweep(parameters, state, method, [eta], draws, seed, threads)[0];

    /// <summary>
    /// Probes one step of <paramref name="method"/> for every step size of <paramref name="etas"/> with the same N
    /// noise draws (common random numbers). For additive and hessian noise each draw's moving block is reduced once to
    /// (Σ_S e_i z_i, Σ_S z_i²), from which Σ_S (a e_i − c z_i)² = a²S_S − 2ac Σ e_i z_i + c² Σ z_i² follows exactly for
    /// every η (a = 1 − ηλ_S and c are constant on a block); streaming noise is simulated once per draw (residuals and
    /// Σ_j r_j z_j do not depend on η) and only the sums Σ_S (e_i − c·acc_i)² are formed per η.
    /// </summary>
    public static OneStepProbeResult[] RunSweep(QuadraticParameters parameters, ReadOnlySpan<double> state, QuadraticMethod method,
        IReadOnlyList<double> etas, int draws, ulong seed, int threads = 1)
    {
        var p = parameters.Validate();
        if (state.Length != p.Dimension) throw new ArgumentException($"state has length {state.Length}, expected d = {p.Dimension}");
        foreach (double eta in etas)
            if (!double.IsFinite(eta) || eta <= 0) throw new ArgumentOutOfRangeException(nameof(etas), "every η must be finite and > 0");
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var clock = Stopwatch.StartNew();
        var e = state.ToArray();
        int k = p.DominantCount, d = p.Dimension;
        double sumD = FixedOrderKernels.Dot(e.AsSpan(0, k), e.AsSpan(0, k)), sumB = FixedOrderKernels.Dot(e.AsSpan(k), e.AsSpan(k));
        var key = StreamKey.Derive(seed, "quadratic/probe");
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        int tasks = (draws + DrawsPerTask - 1) / DrawsPerTask;
        var newD = new double[etas.Count][];
        var newB = new double[etas.Count][];
        for (int h = 0; h < etas.Count; h++) { newD[h] = new double[draws]; newB[h] = new double[draws]; }
        bool moveD = method != QuadraticMethod.Bulk, moveB = method != QuadraticMethod.Dom;
        if (p.Noise != QuadraticNoise.Streaming)
        {
            // Per draw: (Σ_D e z, Σ_D z², Σ_B e z, Σ_B z²) of the moving blocks, positions n·d + i.
            var cross = new double[4 * draws];
            Parallel.For(0, tasks, options, () => new Buffers(p.Batch), (task, _, buffers) =>
            {
                int end = Math.Min(draws, (task + 1) * DrawsPerTask);
                for (int n = task * DrawsPerTask; n < end; n++)
                {
                    ulong position = (ulong)n * (ulong)d;
                    if (moveD) (cross[4 * n], cross[4 * n + 1]) = CrossBlock(e, 0, k, key, position, buffers.Z);
                    if (moveB) (cross[4 * n + 2], cross[4 * n + 3]) = CrossBlock(e, k, d, key, position, buffers.Z);
                }
                return buffers;
            }, _ => { });
            bool hessian = p.Noise == QuadraticNoise.Hessian;
            double sigma = Math.Sqrt(p.NoiseVariance);
            for (int h = 0; h < etas.Count; h++)
            {
                double eta = etas[h];
                double aD = 1 - eta * p.LambdaDominant, cD = eta * sigma * (hessian ? Math.Sqrt(p.LambdaDominant) : 1);
                double aB = 1 - eta * p.LambdaBulk, cB = eta * sigma * (hessian ? Math.Sqrt(p.LambdaBulk) : 1);
                for (int n = 0; n < draws; n++)
                {
                    newD[h][n] = moveD ? aD * aD * sumD - 2 * aD * cD * cross[4 * n] + cD * cD * cross[4 * n + 1] : sumD;
                    newB[h][n] = moveB ? aB * aB * sumB - 2 * aB * cB * cross[4 * n + 2] + cB * cB * cross[4 * n + 3] : sumB;
                }
            }
        }
        else
        {
            // The residuals r_j and the accumulator Σ_j r_j z_j of a draw do not depend on η: each draw is simulated
            // once and only the final (a e_i − c z_i)² sums are formed per η (same chunk order, so the same bits).
            var etaValues = etas.ToArray();
            Parallel.For(0, tasks, options, () => new Buffers(p.Batch, etaValues.Length), (task, _, buffers) =>
            {
                int end = Math.Min(draws, (task + 1) * DrawsPerTask);
                for (int n = task * DrawsPerTask; n < end; n++)
                    StreamingDraw(p, e, sumD, sumB, method, etaValues, key, n, buffers, newD, newB);
                return buffers;
            }, _ => { });
        }
        double seconds = clock.Elapsed.TotalSeconds;
        var results = new OneStepProbeResult[etas.Count];
        for (int h = 0; h < etas.Count; h++)
            results[h] = Summarise(p, method, etas[h], draws, seed, sumD, sumB, newD[h], newB[h], seconds);
        return results;
    }

    private static OneStepProbeResult Summarise(QuadraticParameters p, QuadraticMethod method, double eta, int draws, ulong seed,
        double sumD, double sumB, double[] newD, double[] newB, double seconds)
    {
        double ld = p.LambdaDominant, lb = p.LambdaBulk;
        double chi0 = QuadraticObservables.AlignmentFromSquares(sumD, sumB, ld, lb);
        double loss0 = QuadraticObservables.LossFromSquares(sumD, sumB, ld, lb);
        var dL = new double[draws];
        var dChi = new double[draws];
        var gd = new double[draws];
        var gb = new double[draws];
        for (int n = 0; n < draws; n++)
        {
            // ΔL = ½(λ_D ΔS_D + λ_B ΔS_B), formed from the differences to avoid cancelling against L.
            dL[n] = 0.5 * (ld * (newD[n] - sumD) + lb * (newB[n] - sumB));
            dChi[n] = QuadraticObservables.AlignmentFromSquares(newD[n], newB[n], ld, lb) - chi0;
            gd[n] = ld * ld * newD[n];
            gb[n] = lb * lb * newB[n];
        }
        var statD = ProbeStatistic.Of(gd);
        var statB = ProbeStatistic.Of(gb);
        double cov = 0, varD = 0, varB = 0;
        for (int n = 0; n < draws; n++)
        {
            double a = gd[n] - statD.Mean, b = gb[n] - statB.Mean;
            cov += a * b; varD += a * a; varB += b * b;
        }
        cov /= draws - 1; varD /= draws - 1; varB /= draws - 1;
        double x = statD.Mean, y = statB.Mean, s = x + y;
        double ratioVariance = (y * y * varD - 2 * x * y * cov + x * x * varB) / (s * s * s * s) / draws;
        return new OneStepProbeResult
        {
            Method = method,
            StepSize = eta,
            Draws = draws,
            Seed = seed,
            InitialAlignment = chi0,
            InitialLoss = loss0,
            LossChange = ProbeStatistic.Of(dL),
            AlignmentChange = ProbeStatistic.Of(dChi),
            DominantGradient = statD,
            BulkGradient = statB,
            RatioOfMeansChange = new ProbeStatistic(x / s - chi0, Math.Sqrt(Math.Max(0, ratioVariance))),
            Seconds = seconds,
        };
    }

    private sealed class Buffers(int batch, int etaCount = 0)
    {
        public readonly double[] Sums = new double[etaCount];
        public readonly double[] Z = new double[QuadraticEngine.ChunkLength];
        public readonly double[] Acc = new double[QuadraticEngine.ChunkLength];
        public readonly double[] Residual = new double[batch];
        public readonly double[] Label = new double[1];
    }

    /// <summary>New block sums (S_D', S_B') of streaming draw n for every η, written to newD[h][n], newB[h][n].</summary>
    private static void StreamingDraw(QuadraticParameters p, double[] e, double sumD, double sumB, QuadraticMethod method,
        double[] etas, StreamKey key, int n, Buffers buffers, double[][] newD, double[][] newB)
    {
        bool moveD = method != QuadraticMethod.Bulk, moveB = method != QuadraticMethod.Dom;
        int k = p.DominantCount, d = p.Dimension;
        double ld = p.LambdaDominant, lb = p.LambdaBulk, sigma = Math.Sqrt(p.NoiseVariance);
        int b = p.Batch;
        ulong stride = (ulong)d + 1;
        double rootD = Math.Sqrt(ld), rootB = Math.Sqrt(lb);
        for (int j = 0; j < b; j++)
        {
            ulong position = ((ulong)n * (ulong)b + (ulong)j) * stride;
            double dotD = BlockDot(e, 0, k, key, position, buffers.Z), dotB = BlockDot(e, k, d, key, position, buffers.Z);
            RandomStream.FillNormal(key, position + (ulong)d, buffers.Label);
            buffers.Residual[j] = rootD * dotD + rootB * dotB - sigma * buffers.Label[0];
        }
        var sums = buffers.Sums;
        if (moveD) StreamingBlock(e, 0, k, rootD, etas, key, (ulong)n, p, buffers);
        for (int h = 0; h < etas.Length; h++) newD[h][n] = moveD ? sums[h] : sumD;
        if (moveB) StreamingBlock(e, k, d, rootB, etas, key, (ulong)n, p, buffers);
        for (int h = 0; h < etas.Length; h++) newB[h][n] = moveB ? sums[h] : sumB;
    }

    private static double BlockDot(double[] e, int start, int end, StreamKey key, ulong position, double[] buffer)
    {
        double sum = 0;
        for (int i = start; i < end; i += QuadraticEngine.ChunkLength)
        {
            int length = Math.Min(QuadraticEngine.ChunkLength, end - i);
            var z = buffer.AsSpan(0, length);
            RandomStream.FillNormal(key, position + (ulong)i, z);
            sum += FixedOrderKernels.Dot(z, e.AsSpan(i, length));
        }
        return sum;
    }

    /// <summary>(Σ e_i z_i, Σ z_i²) over [start, end) with z at positions position + i.</summary>
    private static (double, double) CrossBlock(double[] e, int start, int end, StreamKey key, ulong position, double[] buffer)
    {
        double cross = 0, squares = 0;
        for (int i = start; i < end; i += QuadraticEngine.ChunkLength)
        {
            int length = Math.Min(QuadraticEngine.ChunkLength, end - i);
            var z = buffer.AsSpan(0, length);
            RandomStream.FillNormal(key, position + (ulong)i, z);
            cross += FixedOrderKernels.Dot(z, e.AsSpan(i, length));
            squares += FixedOrderKernels.Dot(z, z);
        }
        return (cross, squares);
    }

    /// <summary>
    /// Σ_i (e_i − c_h·acc_i)² over [start, end) into buffers.Sums[h] for every η_h (c_h = η_h√λ_S/b), with
    /// acc = Σ_j r_j z_j formed once per chunk.
    /// </summary>
    private static void StreamingBlock(double[] e, int start, int end, double root, double[] etas, StreamKey key, ulong draw,
        QuadraticParameters p, Buffers buffers)
    {
        int b = p.Batch;
        ulong stride = (ulong)p.Dimension + 1;
        var sums = buffers.Sums;
        Array.Clear(sums);
        for (int i = start; i < end; i += QuadraticEngine.ChunkLength)
        {
            int length = Math.Min(QuadraticEngine.ChunkLength, end - i);
            var z = buffers.Z.AsSpan(0, length);
            var acc = buffers.Acc.AsSpan(0, length);
            acc.Clear();
            for (int j = 0; j < b; j++)
            {
                RandomStream.FillNormal(key, (draw * (ulong)b + (ulong)j) * stride + (ulong)i, z);
                FixedOrderKernels.ScaledAdd(z, buffers.Residual[j], acc, acc);
            }
            var block = e.AsSpan(i, length);
            for (int h = 0; h < etas.Length; h++)
                sums[h] += QuadraticKernels.AffineSumOfSquares(block, acc, 1.0, etas[h] * root / b);
        }
    }
}

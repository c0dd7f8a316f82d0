using System.Diagnostics;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// Entry point for the empirical test-matrix spectra of kgmm (kgmm.md §10) and the alignment metrics of §12: top
/// eigenpairs of Ĥ_cc, Ĝ_cc or the full Ĥ, Ĝ (β excluded) by thick-restart Lanczos on the matrix-free
/// <see cref="KgmmEmpiricalOperator"/>, then err(x, top-j), cos² of principal angles to the span of the means and the
/// distance of x from that span.
/// </summary>
public static class KgmmEmpiricalSpectra
{
    /// <summary>
    /// Takes M = ⌈φ·d⌉ samples — test set <paramref name="set"/>, or the training window of the state when
    /// <see cref="KgmmSpectrumRequest.Source"/> is <see cref="KgmmSampleSource.Training"/> (kgmm.md §14; the state needs
    /// at least M steps, else <see cref="ArgumentException"/>) — and computes the requested spectrum.
    /// </summary>
    public static KgmmSpectrum Compute(KgmmState state, double samplesRatio, KgmmSpectrumRequest request, int set = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        var samples = request.Source == KgmmSampleSource.Training
            ? KgmmTestSamples.Training(state, samplesRatio)
            : KgmmTestSamples.Draw(state, samplesRatio, set);
        return Compute(state, samples, request);
    }

    /// <summary>The requested spectrum of <paramref name="state"/> on the given test samples.</summary>
    /// <exception cref="ArgumentException">Mismatched samples, a block outside [0, k), a count above the dimension, or a
    /// state whose weights are zero or not finite.</exception>
    public static KgmmSpectrum Compute(KgmmState state, KgmmTestSamples samples, KgmmSpectrumRequest request)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(request);
        if (!state.IsFinite) throw new ArgumentException("the state's weights are not finite (diverged run)", nameof(state));
        int k = state.K, d = state.Dimension;
        var setup = Stopwatch.StartNew();
        var op = request.Block is int block
            ? KgmmEmpiricalOperator.ForBlock(state, samples, request.Matrix, block, request.Threads)
            : KgmmEmpiricalOperator.ForFullMatrix(state, samples, request.Matrix, request.Threads);
        double setupSeconds = setup.Elapsed.TotalSeconds;
        int count = request.Count ?? k + 3;
        if (count > op.Dimension) throw new ArgumentException($"Count {count} exceeds the operator dimension {op.Dimension}", nameof(request));

        var eigen = Stopwatch.StartNew();
        var lanczos = Lanczos.TopEigenpairs(op, count, request.Lanczos);
        double eigenSeconds = eigen.Elapsed.TotalSeconds;

        // The aligned vector and the mean span in the operator's space.
        double[] target;
        double[][] span;
        if (request.Block is int c)
        {
            target = state.Weight(c).ToArray();
            span = state.MeanVectors();
        }
        else
        {
            target = state.Weights.ToArray();
            span = new double[k * k][];
            for (int e = 0; e < k; e++)
                for (int a = 0; a < k; a++)
                {
                    var v = new double[k * d];
                    state.Mean(a).CopyTo(v.AsSpan(e * d, d));
                    span[e * k + a] = v;
                }
        }
        var vectors = lanczos.Vectors;
        var residuals = new double[vectors.Count];
        for (int j = 1; j <= vectors.Count; j++)
            residuals[j - 1] = SubspaceMetrics.ProjectionResidual(vectors.Take(j).ToArray(), target);
        int rank = Math.Min(k, vectors.Count);
        var cosines = SubspaceMetrics.PrincipalAngleCosinesToSpan(vectors.Take(rank).ToArray(), span);
        var meanSpan = SubspaceMetrics.Orthonormalize(span).Vectors;

        return new KgmmSpectrum
        {
            Matrix = request.Matrix,
            Block = request.Block,
            Dimension = op.Dimension,
            Step = state.Step,
            Time = state.Time,
            SampleCount = samples.Count,
            SamplesRatio = samples.SamplesRatio,
            SampleSet = samples.Set,
            Source = samples.Source,
            Values = lanczos.Values,
            Vectors = vectors,
            ResidualNorms = lanczos.ResidualNorms,
            Converged = lanczos.Converged,
            FreshStartCheckPassed = lanczos.FreshStartCheckPassed,
            MatvecCount = lanczos.MatvecCount,
            Tolerance = lanczos.Tolerance,
            AlignmentRank = rank,
            ProjectionResiduals = residuals,
            MeanSpanCosinesSquared = cosines.Select(x => x * x).ToArray(),
            MeanSpanResidual = SubspaceMetrics.ProjectionResidual(meanSpan, target),
            SetupSeconds = setupSeconds,
            EigenSeconds = eigenSeconds,
        };
    }
}

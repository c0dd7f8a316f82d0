using TheoryCheck.Numerics.Kernels;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// M samples (ϑ_j, X_j), X_j = ϑ_j + Z_j, with a run's own μ, ν (xor.md §9.4): either fresh test samples (stream
/// <see cref="XorStreams.TestSamples"/>: cluster j from raw position j, noise from normal positions [j·d, (j+1)·d)), or the
/// training samples SGD used in its last M steps before the state (stream <see cref="XorStreams.Sgd"/> at the positions of
/// steps ℓ − M + 1 … ℓ). Because every SGD sample is a pure function of (seed, d, step), the training window is
/// regenerated bit for bit instead of being kept in a ring buffer during the run: no memory or time is spent while SGD
/// runs, and any window of any snapshot is available. Rows are cache-line aligned; memory 8·M·d bytes. Immutable.
/// </summary>
public sealed class XorSampleSet
{
    private readonly AlignedBuffer _rows;
    private readonly int[] _clusters;

    private XorSampleSet(AlignedBuffer rows, int[] clusters, XorSampleSource source, int set, long lastStep, long seed)
    {
        _rows = rows;
        _clusters = clusters;
        Source = source;
        Set = set;
        LastStep = lastStep;
        Seed = seed;
    }

    /// <summary>Number of samples M.</summary>
    public int Count => _clusters.Length;

    /// <summary>Data dimension d.</summary>
    public int Dimension => _rows.RowLength;

    /// <summary>Test or training samples.</summary>
    public XorSampleSource Source { get; }

    /// <summary>Index of the test set (0 for training windows).</summary>
    public int Set { get; }

    /// <summary>Training windows: the SGD step of the last sample (the state's step); −1 for test sets.</summary>
    public long LastStep { get; }

    /// <summary>Seed of the run the samples belong to.</summary>
    public long Seed { get; }

    /// <summary>The clusters ϑ_j (0..3: +μ, −μ, +ν, −ν).</summary>
    public ReadOnlySpan<int> Clusters => _clusters;

    /// <summary>Sample X_j (length d).</summary>
    public ReadOnlySpan<double> Sample(int j) => _rows.Row(j);

    /// <summary>The label y_j of sample j.</summary>
    public int Label(int j) => XorClusters.Label(_clusters[j]);

    /// <summary>The sample count ⌈φ·d⌉ (relative slack 1e-12 so that e.g. 3·2000 gives exactly 6000).</summary>
    public static int SampleCount(double samplesRatio, int dimension)
    {
        if (!double.IsFinite(samplesRatio) || samplesRatio <= 0)
            throw new ArgumentException($"the samples ratio φ must be a finite number > 0 (got {samplesRatio})", nameof(samplesRatio));
        double count = Math.Ceiling(samplesRatio * dimension * (1 - 1e-12));
        if (count > int.MaxValue / 2) throw new ArgumentException($"M = φ·d = {samplesRatio * dimension:G3} samples is too many", nameof(samplesRatio));
        return Math.Max(1, (int)count);
    }

    /// <summary>Test set <paramref name="set"/> of the run of <paramref name="state"/>: M = ⌈φ·d⌉ fresh samples.</summary>
    public static XorSampleSet Test(XorState state, double samplesRatio, int set = 0)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (set < 0) throw new ArgumentException($"the test set index must be ≥ 0 (got {set})", nameof(set));
        int d = state.Dimension, count = SampleCount(samplesRatio, d);
        var key = XorStreams.TestSamples(state.Seed, d, set);
        var uniforms = new double[count];
        RandomStream.FillUniform(key, 0, uniforms);
        return Build(state, key, count, j => uniforms[j], j => (ulong)j * (ulong)d, XorSampleSource.Test, set, -1);
    }

    /// <summary>
    /// The training window of <paramref name="state"/>: the M = ⌈φ·d⌉ samples of SGD steps ℓ − M + 1 … ℓ (sample j of the
    /// set is step ℓ − M + 1 + j), exactly as the run drew them.
    /// </summary>
    /// <exception cref="ArgumentException">The state has fewer than M steps.</exception>
    public static XorSampleSet Training(XorState state, double samplesRatio)
    {
        ArgumentNullException.ThrowIfNull(state);
        int d = state.Dimension, count = SampleCount(samplesRatio, d);
        if (state.Step < count) throw new ArgumentException($"the state at step {state.Step} has fewer than M = {count} training samples", nameof(state));
        long first = state.Step - count + 1; // SGD step of sample 0
        var key = XorStreams.Sgd(state.Seed, d);
        var uniforms = new double[count];
        RandomStream.FillUniform(key, (ulong)(first - 1), uniforms);
        return Build(state, key, count, j => uniforms[j], j => (ulong)(first - 1 + j) * (ulong)d, XorSampleSource.Training, 0, state.Step);
    }

    private static XorSampleSet Build(XorState state, StreamKey key, int count, Func<int, double> uniform, Func<int, ulong> noisePosition,
        XorSampleSource source, int set, long lastStep)
    {
        int d = state.Dimension;
        double sigma = 1.0 / Math.Sqrt(state.Parameters.Lambda);
        var means = new AlignedBuffer(XorClusters.Count, d);
        for (int i = 0; i < d; i++)
        {
            means.Row(0)[i] = state.Mu[i];
            means.Row(1)[i] = -state.Mu[i];
            means.Row(2)[i] = state.Nu[i];
            means.Row(3)[i] = -state.Nu[i];
        }
        var clusters = new int[count];
        var rows = new AlignedBuffer(count, d);
        for (int j = 0; j < count; j++)
        {
            int cluster = XorStreams.Cluster(uniform(j));
            clusters[j] = cluster;
            Span<double> row = rows.Row(j);
            RandomStream.FillNormal(key, noisePosition(j), row);
            FixedOrderKernels.ScaledAdd(row, sigma, means.Row(cluster), row);
        }
        return new XorSampleSet(rows, clusters, source, set, lastStep, state.Seed);
    }
}

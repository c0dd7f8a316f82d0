using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// M = ⌈φ·d⌉ samples (b_j, Y_j), Y_j = μ_{b_j} + Z_j, b_j ~ p, Z_j ~ N(0, I_d/λ), with a run's own means: either fresh
/// test samples independent of its SGD samples (<see cref="Draw"/>; kgmm.md §10; stream
/// <see cref="KgmmStreams.TestSamples"/>: label j from raw position j, noise from normal positions [j·d, (j+1)·d)), or
/// the training window, the samples SGD used in its last M steps up to the state (<see cref="Training"/>; kgmm.md §14;
/// stream <see cref="KgmmStreams.Sgd"/> at the positions of steps ℓ − M + 1 … ℓ). Every SGD sample is a pure function of
/// (seed, d, step), so the window is regenerated bit for bit instead of being stored during the run: nothing is spent
/// while SGD runs, and any window of any snapshot is available. The M×d sample matrix is kept row-major with
/// cache-aligned rows (memory 8·M·d bytes: 96 MB at d = 2000, φ = 3). Immutable. (The name is historical: the class
/// holds training windows too; <see cref="Source"/> says which.)
/// </summary>
public sealed class KgmmTestSamples
{
    private readonly AlignedBuffer _rows;
    private readonly int[] _labels;

    private KgmmTestSamples(AlignedBuffer rows, int[] labels, double samplesRatio, int set, long seed,
        KgmmSampleSource source = KgmmSampleSource.Test, long lastStep = -1)
    {
        _rows = rows;
        _labels = labels;
        SamplesRatio = samplesRatio;
        Set = set;
        Seed = seed;
        Source = source;
        LastStep = lastStep;
    }

    /// <summary>Test samples or the training window.</summary>
    public KgmmSampleSource Source { get; }

    /// <summary>Training window: the SGD step ℓ of its last sample (the state's step; sample j is step ℓ − M + 1 + j); −1 for a test set.</summary>
    public long LastStep { get; }

    /// <summary>Number of samples M.</summary>
    public int Count => _labels.Length;

    /// <summary>Data dimension d.</summary>
    public int Dimension => _rows.RowLength;

    /// <summary>Sample ratio φ = M/d requested (M = ⌈φ·d⌉).</summary>
    public double SamplesRatio { get; }

    /// <summary>Index of the test set (several independent sets can be drawn for one run); 0 for a training window.</summary>
    public int Set { get; }

    /// <summary>Seed of the run the samples belong to.</summary>
    public long Seed { get; }

    /// <summary>The labels b_j (0-based).</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Sample Y_j (length d).</summary>
    public ReadOnlySpan<double> Sample(int j) => _rows.Row(j);

    /// <summary>Distance between consecutive rows in <see cref="Rows"/>.</summary>
    internal int Stride => _rows.Stride;

    /// <summary>All rows with padding (row j at j·<see cref="Stride"/>).</summary>
    internal ReadOnlySpan<double> Rows => _rows.All;

    /// <summary>The samples as a new row-major M×d array (e.g. to export them to a peer program).</summary>
    public double[] ToRowMajorArray()
    {
        int d = Dimension;
        var result = new double[(long)Count * d];
        for (int j = 0; j < Count; j++) Sample(j).CopyTo(result.AsSpan(j * d, d));
        return result;
    }

    /// <summary>The sample count ⌈φ·d⌉ (with a relative slack of 1e-12 so that e.g. φ·d = 3·2000 gives exactly 6000).</summary>
    public static int SampleCount(double samplesRatio, int dimension)
    {
        if (!double.IsFinite(samplesRatio) || samplesRatio <= 0)
            throw new ArgumentException($"the samples ratio φ must be a finite number > 0 (got {samplesRatio})", nameof(samplesRatio));
        double product = samplesRatio * dimension;
        double count = Math.Ceiling(product * (1 - 1e-12));
        if (count > int.MaxValue / 2) throw new ArgumentException($"M = φ·d = {product:G3} test samples is too many", nameof(samplesRatio));
        return Math.Max(1, (int)count);
    }

    /// <summary>
    /// Draws test set <paramref name="set"/> of the run of <paramref name="state"/> (its means, λ, p, seed and d):
    /// M = ⌈φ·d⌉ samples. A pure function of (seed, d, set, means, λ, p).
    /// </summary>
    /// <exception cref="ArgumentException">φ not finite and positive, or a negative set index.</exception>
    public static KgmmTestSamples Draw(KgmmState state, double samplesRatio, int set = 0)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (set < 0) throw new ArgumentException($"the test set index must be ≥ 0 (got {set})", nameof(set));
        int d = state.Dimension;
        int count = SampleCount(samplesRatio, d);
        var key = KgmmStreams.TestSamples(state.Seed, d, set);
        var cumulative = KgmmStreams.Cumulative(state.Parameters.Probabilities);
        double sigma = 1.0 / Math.Sqrt(state.Parameters.Lambda);
        var uniforms = new double[count];
        RandomStream.FillUniform(key, 0, uniforms);
        var labels = new int[count];
        var rows = new AlignedBuffer(count, d);
        for (int j = 0; j < count; j++)
        {
            int label = KgmmStreams.Label(uniforms[j], cumulative);
            labels[j] = label;
            Span<double> row = rows.Row(j);
            RandomStream.FillNormal(key, (ulong)j * (ulong)d, row);
            FixedOrderKernels.ScaledAdd(row, sigma, state.Mean(label), row);
        }
        return new KgmmTestSamples(rows, labels, samplesRatio, set, state.Seed);
    }

    /// <summary>
    /// The training window of <paramref name="state"/> (kgmm.md §14): the M = ⌈φ·d⌉ samples of SGD steps ℓ − M + 1 … ℓ,
    /// ℓ the state's step, exactly as the run drew them (step ℓ' draws its label from raw position ℓ' − 1 and its noise
    /// from normal positions [(ℓ' − 1)·d, ℓ'·d) of <see cref="KgmmStreams.Sgd"/>); sample j of the set is step
    /// ℓ − M + 1 + j, so its age at the state is (M − 1 − j)·δ.
    /// </summary>
    /// <exception cref="ArgumentException">φ not finite and positive, or a state with fewer than M steps (the message
    /// says how many steps there are and which time would have M).</exception>
    public static KgmmTestSamples Training(KgmmState state, double samplesRatio)
    {
        ArgumentNullException.ThrowIfNull(state);
        int d = state.Dimension;
        int count = SampleCount(samplesRatio, d);
        if (state.Step < count)
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"training data needs the last M = {count} SGD samples, but the state at t = {state.Time:G6} is after {state.Step} steps (t ≥ M·δ = {count * state.Parameters.CDelta / d:G6} is needed)"),
                nameof(state));
        long first = state.Step - count + 1; // SGD step of sample 0
        var key = KgmmStreams.Sgd(state.Seed, d);
        var cumulative = KgmmStreams.Cumulative(state.Parameters.Probabilities);
        double sigma = 1.0 / Math.Sqrt(state.Parameters.Lambda);
        var uniforms = new double[count];
        RandomStream.FillUniform(key, unchecked((ulong)(first - 1)), uniforms);
        var labels = new int[count];
        var rows = new AlignedBuffer(count, d);
        for (int j = 0; j < count; j++)
        {
            int label = KgmmStreams.Label(uniforms[j], cumulative);
            labels[j] = label;
            Span<double> row = rows.Row(j);
            RandomStream.FillNormal(key, unchecked((ulong)(first - 1 + j) * (ulong)d), row);
            FixedOrderKernels.ScaledAdd(row, sigma, state.Mean(label), row);
        }
        return new KgmmTestSamples(rows, labels, samplesRatio, 0, state.Seed, KgmmSampleSource.Training, state.Step);
    }
}

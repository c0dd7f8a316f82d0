using TheoryCheck.Models.Quadratic;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>
/// The finite-d SGD engine of the quadratic (quadratic.md §1): state e = θ − θ* of length d, H = diag(λ_D on the
/// first k coordinates, λ_B on the rest), steps e ← e − ηg (SGD), e ← e − ηP_D g (Dom-SGD), e ← e − ηP_B g
/// (Bulk-SGD; <c>method</c> from step <c>switch_at</c> on), with g = He + ξ:
/// additive ξ = σz, hessian ξ = σ√λ ⊙ z, streaming g = (1/b)Σ_j(⟨x_j, e⟩ − ε_j)x_j with x_j = √λ ⊙ z_j,
/// ε_j = σz'_j. One step costs O(d) (O(bd) for streaming) in vectorised chunks with no allocation; the block sums
/// S_D = Σ_D e_i², S_B = Σ_B e_i² are kept up to date, so χ² and the loss are O(1) to read.
/// </summary>
/// <remarks>
/// Random numbers come from counter-based streams, so every draw is a pure function of (seed, step, coordinate):
/// e_0 = R·z at positions i of stream (seed, "quadratic/init"); the step-t noise of coordinate i sits at position
/// t·d + i of (seed, "quadratic/noise") (streaming: sample m = t·b + j occupies positions m(d + 1) … m(d + 1) + d,
/// the last one being its label noise). Dom-SGD and Bulk-SGD draw only the moving block, with the same numbers SGD
/// would use there: runs of the three methods from one seed coincide up to the switch and share their noise after.
/// Instances are not thread-safe; use one engine per thread.
/// </remarks>
public sealed class QuadraticEngine
{
    /// <summary>Chunk length of the vectorised loops (doubles; the noise chunk stays in L1).</summary>
    public const int ChunkLength = 2048;

    private readonly QuadraticParameters _p;
    private readonly double[] _e;
    private readonly double[] _z = new double[ChunkLength];
    private readonly double[] _acc = new double[ChunkLength];
    private readonly double[] _residual;
    private readonly double[] _label = new double[1];
    private StreamKey _noise;
    private double _sumD, _sumB;

    /// <summary>An engine for <paramref name="parameters"/> initialised from <paramref name="seed"/> (e_0 ~ N(0, R²I)).</summary>
    public QuadraticEngine(QuadraticParameters parameters, ulong seed)
    {
        _p = parameters.Validate();
        _e = new double[parameters.Dimension];
        _residual = new double[parameters.Batch];
        Reset(seed);
    }

    /// <summary>The parameters simulated.</summary>
    public QuadraticParameters Parameters => _p;

    /// <summary>The seed of the current run.</summary>
    public ulong Seed { get; private set; }

    /// <summary>Number of steps taken since the initial state (t).</summary>
    public long Step { get; private set; }

    /// <summary>The current state e_t (length d, dominant block first).</summary>
    public ReadOnlySpan<double> State => _e;

    /// <summary>S_D = Σ_{i&lt;k} e_i².</summary>
    public double DominantSquares => _sumD;

    /// <summary>S_B = Σ_{i≥k} e_i².</summary>
    public double BulkSquares => _sumB;

    /// <summary>χ² = λ_D²S_D/(λ_D²S_D + λ_B²S_B) of the full gradient He_t.</summary>
    public double Alignment => QuadraticObservables.AlignmentFromSquares(_sumD, _sumB, _p.LambdaDominant, _p.LambdaBulk);

    /// <summary>Loss ½e_tᵀHe_t.</summary>
    public double Loss => QuadraticObservables.LossFromSquares(_sumD, _sumB, _p.LambdaDominant, _p.LambdaBulk);

    /// <summary>False once the state is no longer finite (‖e‖² overflowed or a NaN appeared).</summary>
    public bool IsFinite => double.IsFinite(_sumD) && double.IsFinite(_sumB);

    /// <summary>Restarts at t = 0 from e_0 = R·z of stream (<paramref name="seed"/>, "quadratic/init").</summary>
    public void Reset(ulong seed)
    {
        Seed = seed;
        Step = 0;
        _noise = StreamKey.Derive(seed, "quadratic/noise");
        RandomStream.FillNormal(StreamKey.Derive(seed, "quadratic/init"), 0, _e, 0.0, _p.InitScale);
        RefreshSums();
    }

    /// <summary>Sets the state to <paramref name="state"/> at step <paramref name="step"/> (the noise of later steps follows the seed).</summary>
    public void SetState(ReadOnlySpan<double> state, long step = 0)
    {
        if (state.Length != _e.Length) throw new ArgumentException($"state has length {state.Length}, expected d = {_e.Length}");
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        state.CopyTo(_e);
        Step = step;
        RefreshSums();
    }

    /// <summary>
    /// Takes one step with the rule of step t (SGD before <c>switch_at</c>, then <c>method</c>); returns false when the
    /// new state is not finite (divergence: the caller reports the step and stops).
    /// </summary>
    public bool Advance()
    {
        var method = _p.MethodAt(Step);
        bool moveD = method != QuadraticMethod.Bulk, moveB = method != QuadraticMethod.Dom;
        if (_p.Noise == QuadraticNoise.Streaming) StreamingStep(moveD, moveB);
        else
        {
            double eta = _p.StepSize, sigma = Math.Sqrt(_p.NoiseVariance);
            bool hessian = _p.Noise == QuadraticNoise.Hessian;
            int k = _p.DominantCount, d = _p.Dimension;
            if (moveD)
                _sumD = AffineBlock(0, k, 1 - eta * _p.LambdaDominant, eta * sigma * (hessian ? Math.Sqrt(_p.LambdaDominant) : 1));
            if (moveB)
                _sumB = AffineBlock(k, d, 1 - eta * _p.LambdaBulk, eta * sigma * (hessian ? Math.Sqrt(_p.LambdaBulk) : 1));
        }
        Step++;
        return IsFinite;
    }

    private double AffineBlock(int start, int end, double a, double c)
    {
        ulong basePosition = (ulong)Step * (ulong)_p.Dimension;
        double sum = 0;
        for (int i = start; i < end; i += ChunkLength)
        {
            int length = Math.Min(ChunkLength, end - i);
            var z = _z.AsSpan(0, length);
            RandomStream.FillNormal(_noise, basePosition + (ulong)i, z);
            sum += QuadraticKernels.AffineUpdate(_e.AsSpan(i, length), z, a, c);
        }
        return sum;
    }

    private void StreamingStep(bool moveD, bool moveB)
    {
        int b = _p.Batch, k = _p.DominantCount, d = _p.Dimension;
        ulong stride = (ulong)d + 1;
        double rootD = Math.Sqrt(_p.LambdaDominant), rootB = Math.Sqrt(_p.LambdaBulk), sigma = Math.Sqrt(_p.NoiseVariance);
        // Pass 1: residuals r_j = ⟨x_j, e⟩ − ε_j with x_j = √λ ⊙ z_j.
        for (int j = 0; j < b; j++)
        {
            ulong position = ((ulong)Step * (ulong)b + (ulong)j) * stride;
            double dotD = BlockDot(position, 0, k), dotB = BlockDot(position, k, d);
            RandomStream.FillNormal(_noise, position + (ulong)d, _label);
            _residual[j] = rootD * dotD + rootB * dotB - sigma * _label[0];
        }
        // Pass 2: regenerate z_j chunk by chunk, acc = Σ_j r_j z_j, e ← e − (η√λ_S/b)·acc on the moving blocks.
        if (moveD) _sumD = StreamingUpdate(0, k, _p.StepSize * rootD / b);
        if (moveB) _sumB = StreamingUpdate(k, d, _p.StepSize * rootB / b);
    }

    private double BlockDot(ulong position, int start, int end)
    {
        double sum = 0;
        for (int i = start; i < end; i += ChunkLength)
        {
            int length = Math.Min(ChunkLength, end - i);
            var z = _z.AsSpan(0, length);
            RandomStream.FillNormal(_noise, position + (ulong)i, z);
            sum += FixedOrderKernels.Dot(z, _e.AsSpan(i, length));
        }
        return sum;
    }

    private double StreamingUpdate(int start, int end, double c)
    {
        int b = _p.Batch;
        ulong stride = (ulong)_p.Dimension + 1;
        double sum = 0;
        for (int i = start; i < end; i += ChunkLength)
        {
            int length = Math.Min(ChunkLength, end - i);
            var z = _z.AsSpan(0, length);
            var acc = _acc.AsSpan(0, length);
            acc.Clear();
            for (int j = 0; j < b; j++)
            {
                ulong position = ((ulong)Step * (ulong)b + (ulong)j) * stride;
                RandomStream.FillNormal(_noise, position + (ulong)i, z);
                FixedOrderKernels.ScaledAdd(z, _residual[j], acc, acc);
            }
            sum += QuadraticKernels.AffineUpdate(_e.AsSpan(i, length), acc, 1.0, c);
        }
        return sum;
    }

    private void RefreshSums()
    {
        int k = _p.DominantCount;
        _sumD = FixedOrderKernels.Dot(_e.AsSpan(0, k), _e.AsSpan(0, k));
        _sumB = FixedOrderKernels.Dot(_e.AsSpan(k), _e.AsSpan(k));
    }
}

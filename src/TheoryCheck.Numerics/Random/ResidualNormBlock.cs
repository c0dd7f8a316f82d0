namespace TheoryCheck.Numerics.Random;

/// <summary>
/// The residual norms ρ_ℓ = √χ²_ν of consecutive steps of an exact subspace engine (docs/theory/subspace.md §7), drawn
/// a block at a time from keyed streams at fixed positions, so that step ℓ's ρ is a pure function of (keys, ν, ℓ):
/// <list type="bullet">
/// <item>first Marsaglia–Tsang attempt of step ℓ (<see cref="GammaSampler.TryAttempt"/>): normal and raw position ℓ − 1
/// of the <c>first</c> stream;</item>
/// <item>attempts 2, 3, … after a rejection: normal and raw position j − 1 for attempt j + 1 of the stream
/// <c>retry(ℓ)</c>;</item>
/// <item>boost uniform (only for 0 &lt; ν &lt; 2, shape below 1): raw position ℓ − 1 of the <c>boost</c> stream;</item>
/// <item>ν = 0: ρ = 0, nothing is drawn.</item>
/// </list>
/// ρ² = 2·Gamma(ν/2) exactly (rejected attempts are replaced by fresh independent ones). Allocation-free after
/// construction (a retry reads through stack buffers). Not thread-safe: one instance per simulation.
/// </summary>
public sealed class ResidualNormBlock
{
    private readonly GammaSampler _sampler;
    private readonly StreamKey _first;
    private readonly StreamKey _boost;
    private readonly Func<long, StreamKey> _retry;
    private double[] _normals = [];
    private double[] _uniforms = [];

    /// <param name="degreesOfFreedom">ν ≥ 0 (an integer in the engines: d minus the frame dimension).</param>
    /// <param name="first">Stream of the first attempts.</param>
    /// <param name="boost">Stream of the boost uniforms.</param>
    /// <param name="retry">The retry stream of step ℓ (1-based).</param>
    public ResidualNormBlock(double degreesOfFreedom, StreamKey first, StreamKey boost, Func<long, StreamKey> retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _sampler = GammaSampler.ChiSquared(degreesOfFreedom);
        DegreesOfFreedom = degreesOfFreedom;
        _first = first;
        _boost = boost;
        _retry = retry;
    }

    /// <summary>ν.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>The gamma sampler of shape ν/2.</summary>
    public GammaSampler Sampler => _sampler;

    /// <summary>
    /// Writes ρ of steps index + 1 … index + <paramref name="norms"/>.Length (index = ℓ − 1 of the first one). The work
    /// buffers grow once to the largest block asked for.
    /// </summary>
    public void Fill(long index, Span<double> norms)
    {
        int count = norms.Length;
        if (_sampler.IsDegenerate)
        {
            norms.Clear();
            return;
        }
        if (_normals.Length < count)
        {
            _normals = new double[count];
            _uniforms = new double[count];
        }
        var normals = _normals.AsSpan(0, count);
        var uniforms = _uniforms.AsSpan(0, count);
        ulong position = unchecked((ulong)index);
        RandomStream.FillNormal(_first, position, normals);
        RandomStream.FillUniform(_first, position, uniforms);
        for (int i = 0; i < count; i++)
        {
            if (!_sampler.TryAttempt(normals[i], uniforms[i], out double gamma)) gamma = Retry(index + i);
            norms[i] = gamma;
        }
        if (_sampler.NeedsBoost)
        {
            RandomStream.FillUniform(_boost, position, uniforms);
            for (int i = 0; i < count; i++) norms[i] = _sampler.Boost(norms[i], uniforms[i]);
        }
        for (int i = 0; i < count; i++) norms[i] = Math.Sqrt(2.0 * norms[i]);
    }

    /// <summary>Attempts 1, 2, … of the gamma of step index + 1 after its first attempt was rejected.</summary>
    private double Retry(long index)
    {
        var key = _retry(index + 1);
        Span<double> normal = stackalloc double[1];
        Span<double> uniform = stackalloc double[1];
        for (ulong attempt = 0; ; attempt++)
        {
            RandomStream.FillNormal(key, attempt, normal);
            RandomStream.FillUniform(key, attempt, uniform);
            if (_sampler.TryAttempt(normal[0], uniform[0], out double gamma)) return gamma;
        }
    }
}

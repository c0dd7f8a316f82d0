namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): state advances by the golden-ratio increment 0x9E3779B97F4A7C15 and each
/// output is the Stafford "Mix13" finaliser of the state. Used for seeding, hashing (Owen scrambling) and the
/// Monte Carlo draws of this folder; not a cryptographic generator.
/// </summary>
internal struct SplitMix64
{
    private const ulong Increment = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Next 64 uniformly distributed bits.</summary>
    public ulong Next()
    {
        _state += Increment;
        return Mix(_state);
    }

    /// <summary>Uniform double in (0, 1]: (top 53 bits + 1)·2⁻⁵³.</summary>
    public double NextOpenZero() => ((Next() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in [0, 1): top 53 bits·2⁻⁵³.</summary>
    public double NextUnit() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The bijective Mix13 finaliser; distinct inputs give distinct, well-mixed outputs.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

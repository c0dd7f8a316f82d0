namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// The base-2 Sobol sequence with Joe–Kuo direction numbers (new-joe-kuo-6.21201, dimensions 1–16, 32 bits) in
/// natural (non-Gray) order, so its first 2^m points form a (t, m, s)-net, and Owen's nested uniform scrambling of it.
/// </summary>
/// <remarks>
/// Coordinate 0 is the van der Corput sequence; coordinate d ≥ 1 uses the primitive polynomial of degree s with
/// interior coefficients a and initial values m_1..m_s, extended by m_i = 2^s m_{i−s} ⊕ m_{i−s} ⊕ ⊕_{k&lt;s} 2^k a_k m_{i−k}.
/// Owen scrambling flips digit ℓ of a coordinate by a pseudo-random bit that depends on (seed, ℓ, the ℓ preceding
/// digits) — a hash-based realisation of nested uniform scrambling; the digits beyond the 32nd are filled with
/// pseudo-random bits of the whole 32-digit prefix, so scrambled points lie strictly inside (0, 1).
/// </remarks>
public static class SobolSequence
{
    /// <summary>Largest supported dimension.</summary>
    public const int MaxDimension = 16;

    /// <summary>Largest supported point index + 1.</summary>
    public const long MaxPoints = 1L << 32;

    /// <summary>(s, a, m_1..m_s) for dimensions 2..16 (Joe &amp; Kuo 2008, new-joe-kuo-6.21201).</summary>
    internal static readonly (int Degree, uint Coefficients, uint[] Initial)[] JoeKuo =
    [
        (1, 0, [1]),
        (2, 1, [1, 3]),
        (3, 1, [1, 3, 1]),
        (3, 2, [1, 1, 1]),
        (4, 1, [1, 1, 3, 3]),
        (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]),
        (5, 4, [1, 1, 5, 5, 5]),
        (5, 7, [1, 1, 7, 11, 19]),
        (5, 11, [1, 1, 5, 1, 1]),
        (5, 13, [1, 1, 1, 3, 11]),
        (5, 14, [1, 3, 5, 5, 31]),
        (6, 1, [1, 3, 3, 9, 7, 49]),
        (6, 13, [1, 1, 1, 15, 21, 21]),
        (6, 16, [1, 3, 1, 13, 27, 49]),
    ];

    private static readonly uint[][] s_directions = BuildDirections();

    /// <summary>The 32 binary digits of coordinate <paramref name="coordinate"/> of point <paramref name="index"/>.</summary>
    public static uint Digits(long index, int coordinate)
    {
        if (index < 0 || index >= MaxPoints) throw new ArgumentOutOfRangeException(nameof(index), index, "Sobol index must lie in [0, 2^32).");
        if (coordinate < 0 || coordinate >= MaxDimension) throw new ArgumentOutOfRangeException(nameof(coordinate), coordinate, $"Sobol coordinate must lie in [0, {MaxDimension}).");
        var v = s_directions[coordinate];
        uint x = 0;
        ulong i = (ulong)index;
        for (int bit = 0; i != 0; bit++, i >>= 1)
            if ((i & 1) != 0) x ^= v[bit];
        return x;
    }

    /// <summary>Unscrambled point coordinate in [0, 1): Digits·2⁻³².</summary>
    public static double Unscrambled(long index, int coordinate) => Digits(index, coordinate) * (1.0 / 4294967296.0);

    /// <summary>
    /// Owen-scrambled point coordinate in (0, 1). Use one <paramref name="coordinateSeed"/> per (randomisation,
    /// coordinate) pair; equal seeds give the same scrambling.
    /// </summary>
    public static double OwenScrambled(long index, int coordinate, ulong coordinateSeed) =>
        OwenScramble(Digits(index, coordinate), coordinateSeed);

    /// <summary>Owen-scrambles the 32 digits x (plus 20 random tail digits) and returns a point in (0, 1).</summary>
    internal static double OwenScramble(uint x, ulong coordinateSeed)
    {
        ulong seed = SplitMix64.Mix(coordinateSeed ^ 0x2545F4914F6CDD1DUL);
        uint y = 0;
        for (int level = 0; level < 32; level++)
        {
            int bit = 31 - level;
            ulong prefix = level == 0 ? 0UL : x >> (32 - level);
            ulong h = SplitMix64.Mix(seed + SplitMix64.Mix(((ulong)level << 32) | prefix));
            uint flip = (uint)(h >> 63);
            y |= (((x >> bit) & 1u) ^ flip) << bit;
        }
        ulong tail = SplitMix64.Mix(seed + SplitMix64.Mix((32UL << 32) | x)) >> 44; // 20 bits
        ulong digits52 = ((ulong)y << 20) | tail;
        return (digits52 + 0.5) * (1.0 / (1UL << 52));
    }

    private static uint[][] BuildDirections()
    {
        var all = new uint[MaxDimension][];
        all[0] = new uint[32];
        for (int i = 0; i < 32; i++) all[0][i] = 1u << (31 - i);
        for (int d = 1; d < MaxDimension; d++)
        {
            var (s, a, m) = JoeKuo[d - 1];
            var v = new uint[32];
            for (int i = 0; i < s; i++) v[i] = m[i] << (31 - i);
            for (int i = s; i < 32; i++)
            {
                uint value = v[i - s] ^ (v[i - s] >> s);
                for (int k = 1; k < s; k++)
                    if (((a >> (s - 1 - k)) & 1u) != 0) value ^= v[i - k];
                v[i] = value;
            }
            all[d] = v;
        }
        return all;
    }
}

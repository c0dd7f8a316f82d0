namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Local deterministic random source for start and probe vectors: SplitMix64 (Steele–Lea–Flood 2014) keyed by
/// (seed, stream), Box–Muller for normals. Kept internal and behind two methods so that it can be replaced by
/// the project-wide counter-based generator (Numerics/Random) without touching the algorithms.
/// </summary>
internal static class SpectraRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Fills <paramref name="destination"/> with independent standard normals for (seed, stream).</summary>
    public static void FillStandardNormal(ulong seed, ulong stream, Span<double> destination)
    {
        ulong state = InitialState(seed, stream);
        for (int i = 0; i < destination.Length; i += 2)
        {
            // u1 ∈ (0, 1], u2 ∈ [0, 1): r = √(−2 ln u1) is finite.
            double u1 = ((Next(ref state) >> 11) + 1) * (1.0 / (1UL << 53));
            double u2 = (Next(ref state) >> 11) * (1.0 / (1UL << 53));
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            (double sin, double cos) = Math.SinCos(2.0 * Math.PI * u2);
            destination[i] = radius * cos;
            if (i + 1 < destination.Length) destination[i + 1] = radius * sin;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with independent Rademacher signs ±1 for (seed, stream).</summary>
    public static void FillRademacher(ulong seed, ulong stream, Span<double> destination)
    {
        ulong state = InitialState(seed, stream);
        ulong bits = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            if ((i & 63) == 0) bits = Next(ref state);
            destination[i] = (bits & 1UL) == 0 ? 1.0 : -1.0;
            bits >>= 1;
        }
    }

    private static ulong InitialState(ulong seed, ulong stream)
    {
        ulong state = seed;
        ulong mixedSeed = Next(ref state);
        ulong streamState = stream ^ 0xD1B54A32D192ED03UL;
        return mixedSeed ^ Next(ref streamState);
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

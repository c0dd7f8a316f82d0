using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Start and probe vectors for the spectral algorithms, drawn from the project's counter-based streams
/// (Philox4x32-10, <see cref="RandomStream"/>) keyed by (seed, stream): a result depends only on its seed.
/// </summary>
internal static class SpectraRandom
{
    /// <summary>Fills <paramref name="destination"/> with independent standard normals for (seed, stream).</summary>
    public static void FillStandardNormal(ulong seed, ulong stream, Span<double> destination) =>
        RandomStream.FillNormal(new StreamKey(seed, stream), 0, destination);

    /// <summary>Fills <paramref name="destination"/> with independent Rademacher signs ±1 for (seed, stream).</summary>
    public static void FillRademacher(ulong seed, ulong stream, Span<double> destination)
    {
        var stream64 = new RandomStream(new StreamKey(seed, stream));
        ulong bits = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            if ((i & 63) == 0) bits = stream64.NextUInt64();
            destination[i] = (bits & 1UL) == 0 ? 1.0 : -1.0;
            bits >>= 1;
        }
    }
}

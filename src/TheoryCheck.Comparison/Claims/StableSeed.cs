using System.Text;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Deterministic 64-bit seeds from labels and indices: FNV-1a over the UTF-8 bytes and the little-endian
/// indices, finished with the SplitMix64 mixer. Never uses <see cref="string.GetHashCode()"/> (randomised per process).
/// </summary>
public static class StableSeed
{
    /// <summary>The seed for (<paramref name="name"/>, <paramref name="label"/>, <paramref name="indices"/>).</summary>
    public static ulong Of(string name, string label, params long[] indices)
    {
        ulong h = 14695981039346656037UL;
        void Mix(byte b) { h ^= b; h *= 1099511628211UL; }
        foreach (byte b in Encoding.UTF8.GetBytes(name)) Mix(b);
        Mix(0);
        foreach (byte b in Encoding.UTF8.GetBytes(label)) Mix(b);
        Mix(0);
        foreach (long index in indices)
            for (int shift = 0; shift < 64; shift += 8) Mix((byte)(index >> shift));
        return SplitMix64(h);
    }

    private static ulong SplitMix64(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

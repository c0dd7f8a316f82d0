namespace TheoryCheck.Numerics.Random;

/// <summary>
/// Names one random stream: <see cref="Seed"/> is the Philox4x32-10 key and <see cref="Stream"/> fills the upper
/// 64 bits of the 128-bit counter, so every (seed, stream) pair owns a disjoint counter range of 2^64 draws.
/// </summary>
/// <param name="Seed">Experiment seed: the 64-bit Philox key (key word 0 = low 32 bits, key word 1 = high 32 bits).</param>
/// <param name="Stream">Stream id: counter words 2 (low 32 bits) and 3 (high 32 bits).</param>
/// <remarks>
/// Use <see cref="Derive(ulong, string, long[])"/> to name streams by meaning (claim, dimension, replicate) instead of
/// by hand-picked integers; the derivation is a fixed hash that never changes across runs, machines or .NET versions.
/// </remarks>
public readonly record struct StreamKey(ulong Seed, ulong Stream)
{
    private const ulong FnvOffsetBasis = 0xCBF29CE484222325;
    private const ulong FnvPrime = 0x100000001B3;

    /// <summary>
    /// The key <c>(seed, H(label, indices))</c>, where H is version 1 of TheoryCheck's stream hash: 64-bit FNV-1a over
    /// the bytes [label length as int64; each UTF-16 code unit of <paramref name="label"/> as 2 bytes; number of
    /// indices as int64; each index as int64], all little-endian, followed by the SplitMix64 finaliser
    /// <c>z ← (z ⊕ z≫30)·0xBF58476D1CE4E5B9; z ← (z ⊕ z≫27)·0x94D049BB133111EB; z ← z ⊕ z≫31</c>.
    /// </summary>
    /// <param name="seed">The experiment seed, used unchanged as <see cref="Seed"/>.</param>
    /// <param name="label">A name for the purpose of the stream (e.g. a claim id or "sgd-noise"); may be empty.</param>
    /// <param name="indices">Integers that further distinguish the stream (e.g. d, replicate); order matters.</param>
    /// <returns>A key that is stable forever for the same arguments.</returns>
    /// <remarks>
    /// The length prefixes make the byte encoding injective, so distinct (label, indices) differ before hashing and
    /// collide only with the 2^-64 chance of the hash. The hash deliberately avoids <see cref="string.GetHashCode()"/>,
    /// which is randomised per process.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="label"/> or <paramref name="indices"/> is null.</exception>
    public static StreamKey Derive(ulong seed, string label, params long[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return Derive(seed, label, (ReadOnlySpan<long>)indices);
    }

    /// <summary>Span form of <see cref="Derive(ulong, string, long[])"/> (same hash, no allocation).</summary>
    /// <param name="seed">The experiment seed, used unchanged as <see cref="Seed"/>.</param>
    /// <param name="label">A name for the purpose of the stream; may be empty.</param>
    /// <param name="indices">Integers that further distinguish the stream; order matters.</param>
    /// <returns>A key that is stable forever for the same arguments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="label"/> is null.</exception>
    public static StreamKey Derive(ulong seed, string label, ReadOnlySpan<long> indices)
    {
        ArgumentNullException.ThrowIfNull(label);
        ulong hash = FnvOffsetBasis;
        hash = AppendInt64(hash, label.Length);
        foreach (char unit in label)
        {
            hash = AppendByte(hash, (byte)unit);
            hash = AppendByte(hash, (byte)(unit >> 8));
        }

        hash = AppendInt64(hash, indices.Length);
        foreach (long index in indices)
        {
            hash = AppendInt64(hash, index);
        }

        return new StreamKey(seed, SplitMix64Finalize(hash));
    }

    /// <inheritdoc/>
    public override string ToString() => $"StreamKey(seed=0x{Seed:x16}, stream=0x{Stream:x16})";

    private static ulong AppendByte(ulong hash, byte value) => (hash ^ value) * FnvPrime;

    private static ulong AppendInt64(ulong hash, long value)
    {
        ulong bits = unchecked((ulong)value);
        for (int shift = 0; shift < 64; shift += 8)
        {
            hash = AppendByte(hash, (byte)(bits >> shift));
        }

        return hash;
    }

    private static ulong SplitMix64Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}

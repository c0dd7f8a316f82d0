namespace TheoryCheck.Numerics.Random;

/// <summary>
/// The Philox4x32-10 block function of Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3"
/// (SC11, 2011; the Random123 library): a keyed bijection of a 128-bit counter under a 64-bit key, built from ten
/// rounds of <c>(c0,c1,c2,c3) ← (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0))</c> with the key
/// bumped by the Weyl constants <c>(W0, W1)</c> between rounds (all arithmetic mod 2^32).
/// </summary>
/// <remarks>
/// Philox4x32-10 passes TestU01's SmallCrush, Crush and BigCrush for many counter and key patterns (Salmon et al.,
/// Table 2) and is the generator behind cuRAND's, oneMKL's and JAX's counter-based streams. Being a bijection of the
/// counter for each key, distinct counters under one key never give the same block. This is the plain scalar
/// reference; <see cref="RandomStream"/> uses bit-identical vectorised copies of the same rounds.
/// </remarks>
public static class Philox4x32
{
    /// <summary>Number of rounds (10, the Random123 default with a safety margin over the 7 that pass BigCrush).</summary>
    public const int Rounds = 10;

    /// <summary>Multiplier applied to counter word 0.</summary>
    public const uint Multiplier0 = 0xD2511F53;

    /// <summary>Multiplier applied to counter word 2.</summary>
    public const uint Multiplier1 = 0xCD9E8D57;

    /// <summary>Weyl increment of key word 0 (golden ratio, 0x9E3779B9).</summary>
    public const uint Weyl0 = 0x9E3779B9;

    /// <summary>Weyl increment of key word 1 (√3 − 1, 0xBB67AE85).</summary>
    public const uint Weyl1 = 0xBB67AE85;

    /// <summary>Philox4x32-10 of <paramref name="counter"/> under the key <c>(key0, key1)</c>.</summary>
    /// <param name="counter">The 128-bit counter as four words.</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <returns>The output block; a pure function of counter and key.</returns>
    public static Philox4x32Block Compute(Philox4x32Block counter, uint key0, uint key1)
    {
        uint c0 = counter.X0, c1 = counter.X1, c2 = counter.X2, c3 = counter.X3;
        uint k0 = key0, k1 = key1;
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                k0 += Weyl0;
                k1 += Weyl1;
            }

            ulong product0 = (ulong)Multiplier0 * c0;
            ulong product1 = (ulong)Multiplier1 * c2;
            uint next0 = (uint)(product1 >> 32) ^ c1 ^ k0;
            uint next1 = (uint)product1;
            uint next2 = (uint)(product0 >> 32) ^ c3 ^ k1;
            uint next3 = (uint)product0;
            c0 = next0;
            c1 = next1;
            c2 = next2;
            c3 = next3;
        }

        return new Philox4x32Block(c0, c1, c2, c3);
    }
}

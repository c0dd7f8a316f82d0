namespace TheoryCheck.Numerics.Random;

/// <summary>
/// The instruction-set path used for bulk generation. It changes speed only: every path computes bit-identical
/// numbers (same integer rounds, same IEEE-754 operations including fused multiply-adds, in the same order per lane).
/// </summary>
public enum SimdPath
{
    /// <summary>One lane of plain 64-bit integer and double arithmetic (runs everywhere).</summary>
    Scalar = 0,

    /// <summary>256-bit vectors, four 64-bit lanes each (x86 AVX2 with FMA3).</summary>
    Vector256 = 1,

    /// <summary>512-bit vectors, eight 64-bit lanes each (x86 AVX-512F, used when Vector512 is hardware accelerated).</summary>
    Vector512 = 2,
}

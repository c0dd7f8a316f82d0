namespace TheoryCheck.Numerics.Random;

/// <summary>
/// Four 32-bit words: a Philox4x32 counter or output block, <c>(X0, X1, X2, X3)</c> in Random123's word order.
/// </summary>
/// <param name="X0">Word 0 (least significant word of the 128-bit counter).</param>
/// <param name="X1">Word 1.</param>
/// <param name="X2">Word 2.</param>
/// <param name="X3">Word 3 (most significant word of the 128-bit counter).</param>
public readonly record struct Philox4x32Block(uint X0, uint X1, uint X2, uint X3)
{
    /// <summary>The 64-bit word <c>X0 + 2^32·X1</c> (the even draw of a block in <see cref="RandomStream"/>).</summary>
    public ulong Low => X0 | ((ulong)X1 << 32);

    /// <summary>The 64-bit word <c>X2 + 2^32·X3</c> (the odd draw of a block in <see cref="RandomStream"/>).</summary>
    public ulong High => X2 | ((ulong)X3 << 32);

    /// <inheritdoc/>
    public override string ToString() => $"{X0:x8} {X1:x8} {X2:x8} {X3:x8}";
}

namespace TheoryCheck.Numerics.Random;

/// <summary>Turns the two 64-bit draws of each lane's block into 2·Count interleaved outputs.</summary>
internal interface IBlockWriter<TBits, TOut>
    where TBits : struct
    where TOut : unmanaged
{
    void Write(TBits low, TBits high, ref TOut destination);
}

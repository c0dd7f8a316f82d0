using System.Runtime.CompilerServices;

namespace TheoryCheck.Numerics.Random;

/// <summary>Writes the raw 64-bit draws.</summary>
internal readonly struct RawWriter<TLanes, TBits, TReal> : IBlockWriter<TBits, ulong>
    where TLanes : struct, ILanes<TBits, TReal>
    where TBits : struct
    where TReal : struct
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public void Write(TBits low, TBits high, ref ulong destination) =>
        TLanes.StoreInterleaved(low, high, ref destination);
}

/// <summary>Writes uniforms in [0, 1) (53 bits).</summary>
internal readonly struct UniformWriter<TLanes, TBits, TReal> : IBlockWriter<TBits, double>
    where TLanes : struct, ILanes<TBits, TReal>
    where TBits : struct
    where TReal : struct
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public void Write(TBits low, TBits high, ref double destination) =>
        TLanes.StoreInterleaved(
            NormalMath.Uniform<TLanes, TBits, TReal>(low),
            NormalMath.Uniform<TLanes, TBits, TReal>(high),
            ref destination);
}

/// <summary>Writes Box–Muller normals, optionally mapped by fma(z, sd, mean).</summary>
internal readonly struct NormalWriter<TLanes, TBits, TReal> : IBlockWriter<TBits, double>
    where TLanes : struct, ILanes<TBits, TReal>
    where TBits : struct
    where TReal : struct
{
    private readonly double mean;
    private readonly double standardDeviation;
    private readonly bool affine;

    public NormalWriter(double mean, double standardDeviation, bool affine)
    {
        this.mean = mean;
        this.standardDeviation = standardDeviation;
        this.affine = affine;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public void Write(TBits low, TBits high, ref double destination)
    {
        NormalMath.BoxMuller<TLanes, TBits, TReal>(low, high, out TReal first, out TReal second);
        if (affine)
        {
            TReal scale = TLanes.BroadcastReal(standardDeviation);
            TReal shift = TLanes.BroadcastReal(mean);
            first = TLanes.FusedMultiplyAdd(first, scale, shift);
            second = TLanes.FusedMultiplyAdd(second, scale, shift);
        }

        TLanes.StoreInterleaved(first, second, ref destination);
    }
}

using Paired256 = TheoryCheck.Numerics.Random.PairedLanes<
    TheoryCheck.Numerics.Random.Vector256Lanes,
    System.Runtime.Intrinsics.Vector256<ulong>,
    System.Runtime.Intrinsics.Vector256<double>>;
using Paired512 = TheoryCheck.Numerics.Random.PairedLanes<
    TheoryCheck.Numerics.Random.Vector512Lanes,
    System.Runtime.Intrinsics.Vector512<ulong>,
    System.Runtime.Intrinsics.Vector512<double>>;
using Vector256Pair = TheoryCheck.Numerics.Random.LanePair<System.Runtime.Intrinsics.Vector256<ulong>>;
using Vector256RealPair = TheoryCheck.Numerics.Random.LanePair<System.Runtime.Intrinsics.Vector256<double>>;
using Vector512Pair = TheoryCheck.Numerics.Random.LanePair<System.Runtime.Intrinsics.Vector512<ulong>>;
using Vector512RealPair = TheoryCheck.Numerics.Random.LanePair<System.Runtime.Intrinsics.Vector512<double>>;

namespace TheoryCheck.Numerics.Random;

/// <summary>
/// The standard normals of one stream, prepared for many small fills: the Philox4x32-10 key schedule of
/// (key, normal domain) is computed once here instead of at every <see cref="RandomStream.FillNormal(StreamKey, ulong, Span{double}, SimdPath?)"/>
/// call, so a hot loop can draw its normals a few hundred at a time into a buffer that stays in L1 and consume them
/// at once (the kgmm full-engine step fuses generation into its update pass this way). Every value is the normal at
/// its position, bit for bit the value of <see cref="RandomStream.FillNormal(StreamKey, ulong, Span{double}, SimdPath?)"/>
/// (same kernels, same path rules), whatever the position, length and path.
/// </summary>
/// <remarks>Immutable after construction; thread-safe. About 3 KB (the broadcast round keys).</remarks>
public sealed class NormalBlockGenerator
{
    private readonly PhiloxSchedule<Vector512Pair> _schedule512;
    private readonly PhiloxSchedule<Vector256Pair> _schedule256;
    private readonly PhiloxSchedule<ulong> _scheduleScalar;

    /// <summary>A generator of the normals of <paramref name="key"/> on <paramref name="path"/> (default: the best path).</summary>
    /// <exception cref="PlatformNotSupportedException">The path is not supported here.</exception>
    public NormalBlockGenerator(StreamKey key, SimdPath? path = null)
    {
        Key = key;
        Path = path ?? RandomStream.BestPath;
        if (!RandomStream.IsSupported(Path)) throw new PlatformNotSupportedException($"SIMD path {Path} is not supported on this machine.");
        switch (Path)
        {
            case SimdPath.Vector512:
                _schedule512 = PhiloxSchedule<Vector512Pair>.Create<Paired512, Vector512RealPair>(key, CounterKernels.NormalDomain);
                break;
            case SimdPath.Vector256:
                _schedule256 = PhiloxSchedule<Vector256Pair>.Create<Paired256, Vector256RealPair>(key, CounterKernels.NormalDomain);
                break;
            default:
                _scheduleScalar = PhiloxSchedule<ulong>.Create<ScalarLanes, double>(key, CounterKernels.NormalDomain);
                break;
        }
    }

    /// <summary>The stream.</summary>
    public StreamKey Key { get; }

    /// <summary>The instruction-set path (speed only).</summary>
    public SimdPath Path { get; }

    /// <summary>
    /// Writes the standard normals at positions <paramref name="position"/>, <paramref name="position"/> + 1, … of the
    /// stream into <paramref name="destination"/>: the values of
    /// <see cref="RandomStream.FillNormal(StreamKey, ulong, Span{double}, SimdPath?)"/> at the same positions. No allocation.
    /// </summary>
    public void Fill(ulong position, Span<double> destination)
    {
        switch (Path)
        {
            case SimdPath.Vector512:
                CounterKernels.Fill<Paired512, Vector512Pair, Vector512RealPair, NormalWriter<Paired512, Vector512Pair, Vector512RealPair>, double>(
                    in _schedule512, position, destination, new NormalWriter<Paired512, Vector512Pair, Vector512RealPair>(0.0, 1.0, affine: false));
                break;
            case SimdPath.Vector256:
                CounterKernels.Fill<Paired256, Vector256Pair, Vector256RealPair, NormalWriter<Paired256, Vector256Pair, Vector256RealPair>, double>(
                    in _schedule256, position, destination, new NormalWriter<Paired256, Vector256Pair, Vector256RealPair>(0.0, 1.0, affine: false));
                break;
            default:
                CounterKernels.Fill<ScalarLanes, ulong, double, NormalWriter<ScalarLanes, ulong, double>, double>(
                    in _scheduleScalar, position, destination, new NormalWriter<ScalarLanes, ulong, double>(0.0, 1.0, affine: false));
                break;
        }
    }
}

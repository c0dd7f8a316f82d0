using System.Runtime.Intrinsics;
using TheoryCheck.Numerics.Random;

// Not "…Numerics.Random": a namespace named Random under TheoryCheck.Tests.Numerics would shadow System.Random
// in every sibling test namespace (TheoryCheck.Tests.Numerics.*).
namespace TheoryCheck.Tests.Numerics.RandomStreams;

/// <summary>
/// Every lane configuration of the width-generic kernel, including ones no public path uses, must reproduce the
/// one-lane scalar bits. The paired scalar configuration runs on any machine, so CI without AVX exercises the
/// multi-lane bookkeeping (lane sequences, interleaved stores, head and tail buffers) too.
/// </summary>
public class LaneConfigurationTests
{
    private const int Length = 2 * 1000 + 77;

    private static readonly StreamKey Key = StreamKey.Derive(31, "lanes");

    private delegate void NormalFill(ulong position, Span<double> destination);

    private delegate void RawFill(ulong position, Span<ulong> destination);

    [Theory]
    [InlineData(0UL)]
    [InlineData(5UL)]
    [InlineData(ulong.MaxValue - 30)]
    public void AllConfigurations_MatchScalar(ulong start)
    {
        var expectedNormals = new double[Length];
        var expectedRaw = new ulong[Length];
        CounterKernels.FillNormal<ScalarLanes, ulong, double>(Key, start, expectedNormals, 0, 1, false);
        CounterKernels.FillRaw<ScalarLanes, ulong, double>(Key, CounterKernels.RawDomain, start, expectedRaw);

        var configurations = new List<(string Name, NormalFill Normals, RawFill Raw)>
        {
            ("scalar x2",
                (p, d) => CounterKernels.FillNormal<PairedLanes<ScalarLanes, ulong, double>, LanePair<ulong>, LanePair<double>>(Key, p, d, 0, 1, false),
                (p, d) => CounterKernels.FillRaw<PairedLanes<ScalarLanes, ulong, double>, LanePair<ulong>, LanePair<double>>(Key, 0, p, d)),
        };
        if (Vector256Lanes.IsSupported)
        {
            configurations.Add(("256",
                (p, d) => CounterKernels.FillNormal<Vector256Lanes, Vector256<ulong>, Vector256<double>>(Key, p, d, 0, 1, false),
                (p, d) => CounterKernels.FillRaw<Vector256Lanes, Vector256<ulong>, Vector256<double>>(Key, 0, p, d)));
        }

        if (Vector512Lanes.IsSupported)
        {
            configurations.Add(("512",
                (p, d) => CounterKernels.FillNormal<Vector512Lanes, Vector512<ulong>, Vector512<double>>(Key, p, d, 0, 1, false),
                (p, d) => CounterKernels.FillRaw<Vector512Lanes, Vector512<ulong>, Vector512<double>>(Key, 0, p, d)));
        }

        foreach ((string name, NormalFill normals, RawFill raw) in configurations)
        {
            var actualNormals = new double[Length];
            var actualRaw = new ulong[Length];
            normals(start, actualNormals);
            raw(start, actualRaw);
            Assert.True(SampleStatistics.BitwiseEqual(expectedNormals, actualNormals, out int at), $"{name}: normals differ at {at}");
            Assert.True(expectedRaw.AsSpan().SequenceEqual(actualRaw), $"{name}: raw words differ");
        }
    }
}

using TheoryCheck.Numerics.Random;
using Xunit.Abstractions;

// Not "…Numerics.Random": a namespace named Random under TheoryCheck.Tests.Numerics would shadow System.Random
// in every sibling test namespace (TheoryCheck.Tests.Numerics.*).
namespace TheoryCheck.Tests.Numerics.RandomStreams;

/// <summary>Accuracy of the Box–Muller kernels against the runtime's libm (Math.Log, Math.Sin, Math.Cos).</summary>
public class NormalTransformAccuracyTests(ITestOutputHelper output)
{
    private const double TwoPowMinus52 = 1.0 / 4503599627370496.0;

    [Fact]
    public void Log_RelativeErrorBelow1e15_OnOpenUniformsAndWideRange()
    {
        var inputs = new List<double>
        {
            0.5 * TwoPowMinus52, 1.5 * TwoPowMinus52, 1.0 - (0.5 * TwoPowMinus52), 1.0 - (1.5 * TwoPowMinus52),
            Math.Sqrt(0.5), Math.BitDecrement(Math.Sqrt(0.5)), Math.BitIncrement(Math.Sqrt(0.5)), 0.5, 0.25,
            1.0, 2.0, Math.BitIncrement(1.0), Math.BitDecrement(1.0), double.Epsilon * 4503599627370496.0,
            double.MaxValue, 1e-300, 1e300, Math.E,
        };
        var words = new ulong[200_000];
        RandomStream.FillUInt64(new StreamKey(3, 1), 0, words);
        foreach (ulong w in words)
        {
            inputs.Add(((w >> 12) + 0.5) * TwoPowMinus52);                 // the open uniforms Box–Muller uses
            inputs.Add(BitConverter.UInt64BitsToDouble((w >> 2) % 0x7FE0_0000_0000_0000UL + 0x0010_0000_0000_0000UL)); // any normal double
            inputs.Add(1.0 + ((w >> 12) * TwoPowMinus52 * 1e-3) - 5e-4);    // near 1, where ln x → 0
        }

        double worst = 0;
        foreach (double x in inputs)
        {
            double expected = Math.Log(x);
            double actual = NormalMath.Log(x);
            double error = expected == 0 ? Math.Abs(actual) : Math.Abs((actual - expected) / expected);
            worst = Math.Max(worst, error);
        }

        output.WriteLine($"max relative error of Log vs Math.Log over {inputs.Count} inputs: {worst:E3}");
        Assert.True(worst <= 1e-15, $"max relative error {worst:E3}");
    }

    [Fact]
    public void SinCosKernel_RelativeErrorBelow1e15_OnReducedRange()
    {
        // On s ∈ [−½, ½] the reference argument (π/2)·s carries one rounding (relative 1.1e-16), so relative
        // errors are meaningful even near s = 0.
        double worstSin = 0, worstCos = 0;
        const int count = 400_001;
        for (int i = 0; i < count; i++)
        {
            double s = -0.5 + ((double)i / (count - 1));
            (double sine, double cosine) = NormalMath.SinCosQuarterTurns(s < 0 ? s + 4.0 : s);
            if (s < 0)
            {
                // x = s + 4 is rounded; use the exactly representable reduced value for the reference.
                double reduced = (s + 4.0) - 4.0;
                s = reduced;
            }

            double angle = Math.PI / 2 * s;
            if (s != 0)
            {
                worstSin = Math.Max(worstSin, Math.Abs((sine - Math.Sin(angle)) / Math.Sin(angle)));
            }

            worstCos = Math.Max(worstCos, Math.Abs((cosine - Math.Cos(angle)) / Math.Cos(angle)));
        }

        output.WriteLine($"max relative error on [-pi/4, pi/4]: sin {worstSin:E3}, cos {worstCos:E3}");
        Assert.True(worstSin <= 1e-15, $"sin {worstSin:E3}");
        Assert.True(worstCos <= 1e-15, $"cos {worstCos:E3}");
    }

    [Fact]
    public void SinCos_AllQuadrants_AbsoluteErrorBelow2e15()
    {
        // Over a full turn the reference Math.Sin((π/2)·x) has an argument error up to 2π·2^-53 ≈ 7e-16.
        double worst = 0;
        const int count = 1 << 20;
        for (int i = 0; i < count; i++)
        {
            double x = 4.0 * i / count; // exactly representable quarter turns, every quadrant and every boundary
            (double sine, double cosine) = NormalMath.SinCosQuarterTurns(x);
            double angle = Math.PI / 2 * x;
            worst = Math.Max(worst, Math.Max(Math.Abs(sine - Math.Sin(angle)), Math.Abs(cosine - Math.Cos(angle))));
        }

        output.WriteLine($"max absolute error over [0, 2pi): {worst:E3}");
        Assert.True(worst <= 2e-15, $"max absolute error {worst:E3}");

        // Exact values at the quadrant boundaries.
        Assert.Equal((0.0, 1.0), NormalMath.SinCosQuarterTurns(0.0));
        Assert.Equal((1.0, -0.0), NormalMath.SinCosQuarterTurns(1.0));
        Assert.Equal((-0.0, -1.0), NormalMath.SinCosQuarterTurns(2.0));
        Assert.Equal((-1.0, 0.0), NormalMath.SinCosQuarterTurns(3.0));
    }

    [Fact]
    public void Normals_MatchBoxMullerWithLibm_FromTheDocumentedWords()
    {
        // z(2j) = r cos 2πt, z(2j+1) = r sin 2πt with r = √(−2 ln u₁), u₁ = (⌊w₀/2^12⌋ + ½)·2^-52, t = ⌊w₁/2^12⌋·2^-52,
        // (w₀, w₁) the two 64-bit words of block j in the normal domain.
        var key = new StreamKey(99, 12345);
        const int pairs = 100_000;
        var normals = new double[2 * pairs];
        RandomStream.FillNormal(key, 0, normals);
        var words = new ulong[2 * pairs];
        RandomStream.FillWords(key, 0x8000_0000, 0, words, SimdPath.Scalar);

        double worst = 0;
        for (int j = 0; j < pairs; j++)
        {
            double u1 = ((words[2 * j] >> 12) + 0.5) * TwoPowMinus52;
            double t = (words[(2 * j) + 1] >> 12) * TwoPowMinus52;
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            double z0 = r * Math.Cos(2 * Math.PI * t);
            double z1 = r * Math.Sin(2 * Math.PI * t);
            double scale = Math.Max(r, 1.0);
            worst = Math.Max(worst, Math.Max(Math.Abs(normals[2 * j] - z0), Math.Abs(normals[(2 * j) + 1] - z1)) / scale);
        }

        output.WriteLine($"max |z - z_libm| / max(r, 1): {worst:E3}");
        Assert.True(worst <= 4e-15, $"deviation {worst:E3}");
    }

    [Fact]
    public void Normals_NeverExceedTheBoxMullerBound()
    {
        // u₁ ≥ 2^-53 gives |z| ≤ √(106 ln 2) ≈ 8.5717; the bound is attained by the smallest u₁.
        double bound = Math.Sqrt(-2.0 * Math.Log(Math.Pow(2, -53)));
        var normals = new double[1 << 22];
        RandomStream.FillNormal(new StreamKey(1, 2), 0, normals);
        double max = 0;
        foreach (double z in normals)
        {
            max = Math.Max(max, Math.Abs(z)); // Math.Max propagates NaN, so a NaN fails the check below
        }

        Assert.True(max <= bound * (1 + 1e-15), $"max |z| = {max}");
    }
}

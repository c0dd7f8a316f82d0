using TheoryCheck.Numerics.Random;
using Xunit.Abstractions;

// Not "…Numerics.Random": a namespace named Random under TheoryCheck.Tests.Numerics would shadow System.Random
// in every sibling test namespace (TheoryCheck.Tests.Numerics.*).
namespace TheoryCheck.Tests.Numerics.RandomStreams;

/// <summary>
/// Distribution checks with pinned keys. Moment and frequency checks allow 5 standard errors; Kolmogorov–Smirnov
/// checks require p &gt; 0.001 (a correct generator fails one of them with probability 0.1%).
/// </summary>
public class RandomStreamDistributionTests(ITestOutputHelper output)
{
    [Fact]
    public void Normals_HaveStandardMoments()
    {
        const int n = 1 << 23;
        var z = new double[n];
        new RandomStream(StreamKey.Derive(2024, "moments")).FillNormal(z);

        (double mean, double variance, double skewness, double kurtosis) = SampleStatistics.Moments(z);
        output.WriteLine($"n={n}: mean {mean:E3}, var-1 {variance - 1:E3}, skew {skewness:E3}, exkurt {kurtosis:E3}");

        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance - 1, -5 * Math.Sqrt(2.0 / n), 5 * Math.Sqrt(2.0 / n));
        Assert.InRange(skewness, -5 * Math.Sqrt(6.0 / n), 5 * Math.Sqrt(6.0 / n));
        Assert.InRange(kurtosis, -5 * Math.Sqrt(24.0 / n), 5 * Math.Sqrt(24.0 / n));
    }

    [Fact]
    public void Normals_PassKolmogorovSmirnovAgainstPhi()
    {
        const int n = 1_000_000;
        var z = new double[n];
        RandomStream.FillNormal(StreamKey.Derive(2024, "ks-normal"), 17, z);

        double d = SampleStatistics.KolmogorovSmirnov(z, SampleStatistics.NormalCdf);
        double p = SampleStatistics.KolmogorovPValue(d, n);
        output.WriteLine($"KS normal: D={d:E3} (1% critical {1.63 / Math.Sqrt(n):E3}), p={p:F4}");
        Assert.True(p > 0.001, $"D={d}, p={p}");
    }

    [Fact]
    public void Normals_TailFrequenciesMatchPhi()
    {
        const int n = 1 << 24;
        var z = new double[n];
        RandomStream.FillNormal(StreamKey.Derive(2024, "tails"), 0, z);

        // Two-sided tail probabilities 2Φ(−a), from erfc (independent of the generator's own log/sin/cos).
        double[] thresholds = [1.0, 2.0, 3.0, 4.0, 4.5];
        var counts = new long[thresholds.Length];
        long upper = 0, lower = 0;
        foreach (double v in z)
        {
            double magnitude = Math.Abs(v);
            for (int k = 0; k < thresholds.Length; k++)
            {
                counts[k] += magnitude > thresholds[k] ? 1 : 0;
            }

            upper += v > 3.0 ? 1 : 0;
            lower += v < -3.0 ? 1 : 0;
        }

        for (int k = 0; k < thresholds.Length; k++)
        {
            double a = thresholds[k];
            double p = MathNet.Numerics.SpecialFunctions.Erfc(a / Math.Sqrt(2.0));
            long count = counts[k];
            double expected = n * p;
            double standardError = Math.Sqrt(n * p * (1 - p));
            output.WriteLine($"|z| > {a}: {count} observed, {expected:F1} expected, {(count - expected) / standardError:F2} SE");
            Assert.InRange(count, expected - (5 * standardError), expected + (5 * standardError));
        }

        // The two signs of each tail are equally likely (the quadrant logic must not favour a side).
        double se = Math.Sqrt(upper + lower);
        Assert.InRange(upper - lower, -5 * se, 5 * se);
    }

    [Fact]
    public void AffineNormals_AreFmaOfStandardNormals()
    {
        var key = StreamKey.Derive(5, "affine");
        var standard = new double[1001];
        var shifted = new double[1001];
        RandomStream.FillNormal(key, 3, standard);
        RandomStream.FillNormal(key, 3, shifted, mean: -2.5, standardDeviation: 0.75);

        for (int i = 0; i < standard.Length; i++)
        {
            Assert.Equal(Math.FusedMultiplyAdd(standard[i], 0.75, -2.5), shifted[i]);
        }
    }

    [Fact]
    public void AffineNormals_RejectBadParameters()
    {
        var stream = new RandomStream(new StreamKey(1, 1));
        var buffer = new double[4];
        Assert.Throws<ArgumentException>(() => stream.FillNormal(buffer, 0, -1));
        Assert.Throws<ArgumentException>(() => stream.FillNormal(buffer, 0, double.NaN));
        Assert.Throws<ArgumentException>(() => stream.FillNormal(buffer, double.PositiveInfinity, 1));
        Assert.Equal(0UL, stream.Position);
    }

    [Fact]
    public void Uniforms_PassKolmogorovSmirnovAndAre53BitGrid()
    {
        const int n = 1_000_000;
        var u = new double[n];
        new RandomStream(StreamKey.Derive(2024, "ks-uniform"), 5).FillUniform(u);

        double d = SampleStatistics.KolmogorovSmirnov(u, x => x);
        double p = SampleStatistics.KolmogorovPValue(d, n);
        output.WriteLine($"KS uniform: D={d:E3}, p={p:F4}");
        Assert.True(p > 0.001, $"D={d}, p={p}");

        const double scale = 9007199254740992.0; // 2^53
        int offGrid = 0;
        foreach (double x in u)
        {
            if (!(x >= 0 && x < 1) || Math.Floor(x * scale) != x * scale)
            {
                offGrid++;
            }
        }

        Assert.Equal(0, offGrid);
    }

    [Fact]
    public void Uniforms_EqualTopBitsOfRawWords()
    {
        var key = StreamKey.Derive(8, "uniform-bits");
        var words = new ulong[333];
        var u = new double[333];
        RandomStream.FillUInt64(key, 1, words);
        RandomStream.FillUniform(key, 1, u);
        var open = new RandomStream(key, 1);
        for (int i = 0; i < words.Length; i++)
        {
            Assert.Equal((words[i] >> 11) * (1.0 / 9007199254740992.0), u[i]);
            Assert.Equal(((words[i] >> 12) + 0.5) * (1.0 / 4503599627370496.0), open.NextOpenDouble());
        }
    }

    [Fact]
    public void OpenUniforms_StayInsideTheOpenInterval()
    {
        var stream = new RandomStream(StreamKey.Derive(8, "open"));
        double sum = 0;
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            double u = stream.NextOpenDouble();
            Assert.True(u > 0 && u < 1);
            sum += u;
        }

        double standardError = Math.Sqrt(1.0 / 12 / n);
        Assert.InRange(sum / n, 0.5 - (5 * standardError), 0.5 + (5 * standardError));
    }

    [Fact]
    public void NextInt_IsUniformByChiSquare()
    {
        var stream = new RandomStream(StreamKey.Derive(2024, "next-int"));
        const int outcomes = 7, n = 700_000;
        var counts = new int[outcomes];
        for (int i = 0; i < n; i++)
        {
            counts[stream.NextInt(outcomes)]++;
        }

        double expected = (double)n / outcomes;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        output.WriteLine($"chi^2 (6 dof) = {chiSquare:F2}; 0.1% critical value 22.46");
        Assert.True(chiSquare < 22.46, $"chi^2 = {chiSquare}");
    }

    [Fact]
    public void NextInt_RangeAndArguments()
    {
        var stream = new RandomStream(new StreamKey(4, 4));
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(0, stream.NextInt(1));
            Assert.InRange(stream.NextInt(int.MaxValue), 0, int.MaxValue - 1);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => stream.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.NextInt(-3));
    }

    [Fact]
    public void NextInt_LargeRangeHasNoModuloBias()
    {
        // n = 3·2^29: a naive 32-bit "x mod n" gives [0, 2^32 − 2n) ≈ [0, 2n/3) three preimages and the rest two,
        // making the lowest third 1.5 times as likely as the highest; an unbiased draw makes them equally likely.
        var stream = new RandomStream(StreamKey.Derive(2024, "next-int-large"));
        const int n = 3 << 29, draws = 300_000;
        int low = 0, high = 0;
        for (int i = 0; i < draws; i++)
        {
            int x = stream.NextInt(n);
            if (x < n / 3)
            {
                low++;
            }
            else if (x >= 2 * (n / 3))
            {
                high++;
            }
        }

        double se = Math.Sqrt(low + high);
        Assert.InRange(low - high, -5 * se, 5 * se);
    }

    [Fact]
    public void KolmogorovPValue_MatchesTabulatedCriticalValues()
    {
        // Asymptotic critical values of √n·D: 1.358 at 5%, 1.628 at 1% (Smirnov's table).
        const int n = 10_000_000;
        Assert.InRange(SampleStatistics.KolmogorovPValue(1.3581 / Math.Sqrt(n), n), 0.0495, 0.0505);
        Assert.InRange(SampleStatistics.KolmogorovPValue(1.6276 / Math.Sqrt(n), n), 0.0099, 0.0101);
    }
}

using TheoryCheck.Models.Kgmm;

namespace TheoryCheck.Tests.Models.Kgmm;

public sealed class KgmmSampleTests
{
    private static readonly double[] Logits = [0.3, -1.2, 2.5, 0.7];

    [Fact]
    public void SoftmaxSumsToOneAndIsShiftInvariant()
    {
        var pi = new double[4];
        double lse = KgmmSample.Softmax(Logits, pi);
        Assert.Equal(1.0, pi.Sum(), 15);
        Assert.Equal(Math.Log(Logits.Sum(Math.Exp)), lse, 14);
        var shifted = Logits.Select(z => z + 1000).ToArray(); // exp(1002.5) overflows without max subtraction
        var pi2 = new double[4];
        double lse2 = KgmmSample.Softmax(shifted, pi2);
        for (int c = 0; c < 4; c++) Assert.Equal(pi[c], pi2[c], 12); // z + 1000 itself is rounded at 1e-13
        Assert.Equal(lse + 1000, lse2, 11);
        Assert.True(double.IsFinite(KgmmSample.CrossEntropy(shifted, 1)));
    }

    [Fact]
    public void CrossEntropyIsMinusLogPi()
    {
        var pi = new double[4];
        KgmmSample.Softmax(Logits, pi);
        for (int b = 0; b < 4; b++) Assert.Equal(-Math.Log(pi[b]), KgmmSample.CrossEntropy(Logits, b), 14);
        Assert.Equal(-Math.Log(pi[2]) + 0.5 * 0.1 * 7.0, KgmmSample.Loss(Logits, 2, 0.1, 7.0), 14);
    }

    [Fact]
    public void GradientWeightsAreTheLogitGradientOfTheCrossEntropy()
    {
        // ∂(−log π_b)/∂ζ_c = π_c − δ_bc; check against central differences.
        var pi = new double[4];
        KgmmSample.Softmax(Logits, pi);
        var w = new double[4];
        const int b = 1;
        KgmmSample.GradientWeights(pi, b, w);
        const double h = 1e-6;
        for (int c = 0; c < 4; c++)
        {
            var plus = (double[])Logits.Clone();
            var minus = (double[])Logits.Clone();
            plus[c] += h;
            minus[c] -= h;
            double fd = (KgmmSample.CrossEntropy(plus, b) - KgmmSample.CrossEntropy(minus, b)) / (2 * h);
            Assert.Equal(fd, w[c], 8);
        }
    }

    [Fact]
    public void HessianWeightsAreTheSoftmaxJacobian()
    {
        var pi = new double[4];
        KgmmSample.Softmax(Logits, pi);
        var hw = new double[16];
        KgmmSample.HessianWeights(pi, hw);
        const double h = 1e-6;
        for (int e = 0; e < 4; e++)
        {
            var plus = (double[])Logits.Clone();
            var minus = (double[])Logits.Clone();
            plus[e] += h;
            minus[e] -= h;
            var pp = new double[4];
            var pm = new double[4];
            KgmmSample.Softmax(plus, pp);
            KgmmSample.Softmax(minus, pm);
            for (int c = 0; c < 4; c++) Assert.Equal((pp[c] - pm[c]) / (2 * h), hw[c * 4 + e], 8);
        }
        for (int c = 0; c < 4; c++)
        {
            double rowSum = 0;
            for (int e = 0; e < 4; e++) rowSum += hw[c * 4 + e];
            Assert.Equal(0, rowSum, 15);
            Assert.Equal(KgmmSample.HessianBlockWeight(pi, c), hw[c * 5], 15);
        }
    }

    [Fact]
    public void GWeightsAreTheOuterProductOfGradientWeights()
    {
        var pi = new double[4];
        KgmmSample.Softmax(Logits, pi);
        var w = new double[4];
        var g = new double[16];
        const int b = 3;
        KgmmSample.GradientWeights(pi, b, w);
        KgmmSample.GWeights(pi, b, g);
        for (int c = 0; c < 4; c++)
        {
            for (int e = 0; e < 4; e++) Assert.Equal(w[c] * w[e], g[c * 4 + e], 15);
            Assert.Equal(w[c] * w[c], KgmmSample.GBlockWeight(pi, b, c), 15);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => KgmmSample.GWeights(pi, 4, g));
    }
}

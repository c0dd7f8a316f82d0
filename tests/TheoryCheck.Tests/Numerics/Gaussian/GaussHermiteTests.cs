using TheoryCheck.Numerics.Gaussian;
using static TheoryCheck.Tests.Numerics.Gaussian.GaussianTestSupport;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public class GaussHermiteTests
{
    [Fact]
    public void SmallRulesMatchClosedForms()
    {
        var one = GaussHermite.Rule1D(1);
        Assert.Equal(0.0, one.Node(0)[0]);
        Assert.Equal(1.0, one.Weights[0], 1e-15);

        // Tolerance 1e-15: a few units in the last place.
        // He_2 = z² − 1: nodes ±1, weights ½.
        var two = GaussHermite.Rule1D(2);
        Assert.Equal(-1.0, two.Node(0)[0], 1e-15);
        Assert.Equal(1.0, two.Node(1)[0], 1e-15);
        Assert.Equal(0.5, two.Weights[0], 1e-15);
        Assert.Equal(0.5, two.Weights[1], 1e-15);

        // He_3 = z³ − 3z: nodes 0, ±√3, weights 2/3 and 1/6.
        var three = GaussHermite.Rule1D(3);
        Assert.Equal(-Math.Sqrt(3), three.Node(0)[0], 1e-15);
        Assert.Equal(0.0, three.Node(1)[0], 1e-15);
        Assert.Equal(Math.Sqrt(3), three.Node(2)[0], 1e-15);
        Assert.Equal(1.0 / 6, three.Weights[0], 1e-15);
        Assert.Equal(2.0 / 3, three.Weights[1], 1e-15);
        Assert.Equal(1.0 / 6, three.Weights[2], 1e-15);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(100)]
    public void MomentsAreExactUpToDegreeTwoNMinusOneAndNotBeyond(int n)
    {
        var rule = GaussHermite.Rule1D(n);
        Assert.Equal(2 * n - 1, rule.ExactDegree);
        for (int k = 0; k <= 2 * n - 1; k++)
        {
            double q = Apply(rule, z => Math.Pow(z[0], k));
            double scale = ApplyAbsolute(rule, z => Math.Pow(z[0], k));
            Assert.True(Math.Abs(q - StandardMoment(k)) <= 1e-13 * scale + 1e-300,
                $"n={n}, k={k}: {q:R} vs {StandardMoment(k):R}");
        }
        // Degree 2n is the first failure, with the known defect E z^{2n} − Q(z^{2n}) = E He_n(z)² = n! (the nodes are
        // the roots of He_n). Visible above round-off for moderate n only.
        if (n <= 20)
        {
            double q2n = Apply(rule, z => Math.Pow(z[0], 2 * n));
            double factorial = 1;
            for (int i = 2; i <= n; i++) factorial *= i;
            Assert.Equal(1.0, (StandardMoment(2 * n) - q2n) / factorial, 6);
        }
    }

    [Fact]
    public void LargeRuleIsSymmetricPositiveAndIntegratesAnEntireFunction()
    {
        var rule = GaussHermite.Rule1D(100);
        double sum = 0;
        for (int j = 0; j < rule.Count; j++)
        {
            Assert.True(rule.Weights[j] > 0);
            Assert.Equal(-rule.Node(j)[0], rule.Node(rule.Count - 1 - j)[0]);
            Assert.Equal(rule.Weights[j], rule.Weights[rule.Count - 1 - j]);
            sum += rule.Weights[j];
        }
        Assert.Equal(1.0, sum, 14);
        // E cos(5z) = e^{−12.5} ≈ 3.7e-6: a strongly cancelling integral that needs accurate weights everywhere.
        double q = Apply(rule, z => Math.Cos(5 * z[0]));
        Assert.True(Math.Abs(q - Math.Exp(-12.5)) <= 1e-15, $"{q:R} vs {Math.Exp(-12.5):R}");
    }

    [Fact]
    public void TensorRuleHasProductStructure()
    {
        var rule = GaussHermite.Tensor(3, 4);
        Assert.Equal(64, rule.Count);
        var (x, w) = GaussHermite.OneDimensional(4);
        for (int j = 0; j < rule.Count; j++)
        {
            int i0 = j / 16, i1 = j / 4 % 4, i2 = j % 4; // last coordinate fastest
            Assert.Equal(x[i0], rule.Node(j)[0]);
            Assert.Equal(x[i1], rule.Node(j)[1]);
            Assert.Equal(x[i2], rule.Node(j)[2]);
            Assert.Equal(w[i0] * w[i1] * w[i2], rule.Weights[j], 15);
        }
        Assert.Equal(512, rule.Refinement!.Count); // refinement: n + 4 = 8 nodes per axis
    }

    [Fact]
    public void ConvergenceOnAnEntireIntegrandIsGeometric()
    {
        // E cos(aᵀx), x ~ N(m, Σ) in 2-d = cos(aᵀm) e^{−aᵀΣa/2}; the tensor rule error falls like ρⁿ/n!-type rates.
        double[] mean = [0.3, -0.2];
        var sigma = new double[,] { { 1.0, 0.4 }, { 0.4, 0.8 } };
        double[] a = [1.1, -0.7];
        double exact = Math.Cos(Dot(a, mean)) * Math.Exp(-0.5 * Quadratic(a, sigma));
        var root = PsdSquareRoot.Compute(sigma);
        var errors = new List<double>();
        var orders = new[] { 4, 6, 8, 10, 12 };
        foreach (int n in orders)
        {
            var value = new double[1];
            GaussianExpectation.Integrate(GaussHermite.Tensor(2, n), mean, root, (x, o) => o[0] = Math.Cos(a[0] * x[0] + a[1] * x[1]), value);
            errors.Add(Math.Abs(value[0] - exact));
        }
        for (int i = 0; i + 1 < errors.Count; i++)
            Assert.True(errors[i + 1] < errors[i] / 10 || errors[i + 1] < 1e-15, $"n={orders[i + 1]}: {errors[i + 1]:E2} not ≪ {errors[i]:E2}");
        Assert.True(errors[0] > 1e-5, $"n=4 error {errors[0]:E2} suspiciously small");
        Assert.True(errors[^1] < 1e-13, $"n=12 error {errors[^1]:E2}");
        // Fitted slope of log10(error) in n over n = 4..8 (before round-off): at least one decade per 2 nodes.
        double slope = (Math.Log10(errors[2]) - Math.Log10(errors[0])) / (orders[2] - orders[0]);
        Assert.True(slope < -0.5, $"slope {slope:F2} decades per node");
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentException>(() => GaussHermite.Rule1D(0));
        Assert.Throws<ArgumentException>(() => GaussHermite.Rule1D(GaussHermite.MaxOrder + 1));
        Assert.Throws<ArgumentException>(() => GaussHermite.Tensor(0, 5));
        Assert.Throws<ArgumentException>(() => GaussHermite.Tensor(8, 10)); // 10^8 nodes
    }
}

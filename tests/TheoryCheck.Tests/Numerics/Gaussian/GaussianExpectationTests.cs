using TheoryCheck.Numerics.Gaussian;
using static TheoryCheck.Tests.Numerics.Gaussian.GaussianTestSupport;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public class GaussianExpectationTests
{
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>All index tuples i₁ ≤ … ≤ i_d of length 1..4 over k coordinates.</summary>
    private static List<int[]> MomentIndices(int k)
    {
        var list = new List<int[]>();
        void Recurse(List<int> current, int start)
        {
            if (current.Count > 0) list.Add(current.ToArray());
            if (current.Count == 4) return;
            for (int i = start; i < k; i++)
            {
                current.Add(i);
                Recurse(current, i);
                current.RemoveAt(current.Count - 1);
            }
        }
        Recurse([], 0);
        return list;
    }

    /// <summary>E Π_p x_{idx[p]} for x ~ N(m, Σ): expand x = m + y and use Isserlis (Wick) for the central moments.</summary>
    private static double RawMoment(int[] idx, double[] m, double[,] s)
    {
        int d = idx.Length;
        double total = 0;
        for (int mask = 0; mask < 1 << d; mask++)
        {
            var central = new List<int>();
            double meanPart = 1;
            for (int p = 0; p < d; p++)
                if ((mask >> p & 1) == 1) central.Add(idx[p]); else meanPart *= m[idx[p]];
            double c = central.Count switch
            {
                0 => 1,
                2 => s[central[0], central[1]],
                4 => s[central[0], central[1]] * s[central[2], central[3]]
                     + s[central[0], central[2]] * s[central[1], central[3]]
                     + s[central[0], central[3]] * s[central[1], central[2]],
                _ => 0,
            };
            total += meanPart * c;
        }
        return total;
    }

    public static TheoryData<string, int> MomentRules => new()
    {
        { "gh", 3 },
        { "sparse", 3 },
        { "sparse", 5 },
    };

    [Theory]
    [MemberData(nameof(MomentRules))]
    public void FirstToFourthMomentsAreExact(string family, int k)
    {
        // Tensor GH n = 3 is exact to degree 5 per coordinate; the level-3 sparse grid to total degree 5.
        var rule = family == "gh" ? GaussHermite.Tensor(k, 3) : SparseGrid.GenzKeister(k, 3);
        var mean = Enumerable.Range(0, k).Select(i => 0.3 * i - 0.4).ToArray();
        var sigma = Covariance(k, 0.8, 3);
        var indices = MomentIndices(k);
        var result = GaussianExpectation.Evaluate(rule, mean, sigma, (x, o) =>
        {
            for (int c = 0; c < indices.Count; c++)
            {
                double v = 1;
                foreach (int i in indices[c]) v *= x[i];
                o[c] = v;
            }
        }, indices.Count);
        for (int c = 0; c < indices.Count; c++)
        {
            double expected = RawMoment(indices[c], mean, sigma);
            double error = Math.Abs(result.Value[c] - expected);
            Assert.True(error <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"({string.Join(",", indices[c])}): {result.Value[c]:R} vs {expected:R}");
            // Both the rule and its refinement are exact: the estimate is round-off sized and still covers the error
            // (plus the reference's own round-off).
            Assert.True(result.ErrorEstimate[c] < 1e-12, $"estimate {result.ErrorEstimate[c]:E2}");
            Assert.True(error <= result.ErrorEstimate[c] + 8 * Epsilon * Math.Abs(expected), $"error {error:E2} > estimate {result.ErrorEstimate[c]:E2}");
        }
        Assert.Equal(rule.Count + rule.Refinement!.Count + (rule.Coarsening?.Count ?? 0), result.Evaluations);
        Assert.Equal(GaussianErrorMethod.Refinement, result.ErrorMethod);
    }

    [Theory]
    [InlineData("gh", 2, 10)]
    [InlineData("gh", 3, 8)]
    [InlineData("sparse", 5, 5)]
    [InlineData("sparse", 8, 5)]
    public void ExponentialAndCosineMatchClosedForms(string family, int k, int order)
    {
        var rule = family == "gh" ? GaussHermite.Tensor(k, order) : SparseGrid.GenzKeister(k, order);
        var mean = Enumerable.Range(0, k).Select(i => 0.1 * (i % 3) - 0.1).ToArray();
        var sigma = Covariance(k, 0.5 / k, 17);
        var a = Enumerable.Range(0, k).Select(i => i % 2 == 0 ? 0.9 : -0.6).ToArray();
        double aSa = Quadratic(a, sigma), am = Dot(a, mean);
        double[] exact = [Math.Exp(am + 0.5 * aSa), Math.Cos(am) * Math.Exp(-0.5 * aSa)];
        var result = GaussianExpectation.Evaluate(rule, mean, sigma, (x, o) =>
        {
            double t = Dot(a, x);
            o[0] = Math.Exp(t);
            o[1] = Math.Cos(t);
        }, 2);
        for (int c = 0; c < 2; c++)
        {
            double error = Math.Abs(result.Value[c] - exact[c]);
            Assert.True(error <= result.ErrorEstimate[c], $"{rule.Name}, component {c}: error {error:E2} > estimate {result.ErrorEstimate[c]:E2}");
            Assert.True(result.ErrorEstimate[c] <= 1e-6, $"{rule.Name}: estimate {result.ErrorEstimate[c]:E2} uninformative");
        }
    }

    [Fact]
    public void LogisticNormalMatchesAOneDimensionalReference()
    {
        // E σ(aᵀx) = E σ(aᵀm + √(aᵀΣa) z): a 3-d rule against adaptive Gauss–Kronrod in 1-d.
        double[] mean = [0.5, -0.3, 0.2];
        var sigma = new double[,] { { 1.0, 0.3, -0.2 }, { 0.3, 0.7, 0.1 }, { -0.2, 0.1, 1.2 } };
        double[] a = [1.2, -0.8, 0.6];
        double reference = OneDimensionalReference(Logistic, Dot(a, mean), Math.Sqrt(Quadratic(a, sigma)));
        var result = GaussianExpectation.Evaluate(GaussHermite.Tensor(3, 20), mean, sigma, (x, o) => o[0] = Logistic(Dot(a, x)), 1);
        double error = Math.Abs(result.Value[0] - reference);
        Assert.True(error <= result.ErrorEstimate[0], $"error {error:E2} > estimate {result.ErrorEstimate[0]:E2}");
        Assert.True(error < 1e-9, $"error {error:E2}");
    }

    [Fact]
    public void RankOneCovarianceMatchesTheOneDimensionalIntegral()
    {
        // Σ = vvᵀ in 3-d: x = m + v t, t ~ N(0,1). Full 3-d rule, rank-reduced 1-d rule and Auto must all agree with a
        // direct 1-d Gauss–Kronrod integral of f(m + v t).
        double[] v = [0.8, -1.1, 0.5];
        double[] mean = [0.2, 0.1, -0.3];
        var sigma = new double[3, 3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) sigma[i, j] = v[i] * v[j];
        GaussianIntegrand f = (x, o) =>
        {
            o[0] = Logistic(x[0] - x[1] + 0.3 * x[2]);
            o[1] = Math.Exp(0.2 * x[0]) * Math.Cos(x[2]);
        };
        Func<double, double>[] along =
        [
            t => Logistic((mean[0] + v[0] * t) - (mean[1] + v[1] * t) + 0.3 * (mean[2] + v[2] * t)),
            t => Math.Exp(0.2 * (mean[0] + v[0] * t)) * Math.Cos(mean[2] + v[2] * t),
        ];
        double[] reference = along.Select(g => OneDimensionalReference(g, 0, 1)).ToArray();

        // The logistic is analytic only in a strip, so Gauss–Hermite converges like exp(−c√n): the full 3-d tensor
        // rule (whose root has two zero columns, i.e. effectively 16 nodes along v) is only ~1e-6 accurate.
        var full = GaussianExpectation.Evaluate(GaussHermite.Tensor(3, 16), mean, sigma, f, 2);
        var reduced = GaussianExpectation.Evaluate(GaussHermite.Rule1D(80), mean, sigma, f, 2);
        var auto = GaussianExpectation.Auto(mean, sigma, f, 2, tolerance: 1e-11);
        Assert.Equal(1, reduced.RuleDimension);
        Assert.Equal(1, reduced.CovarianceRank);
        Assert.Equal(1, auto.RuleDimension);
        Assert.True(auto.ToleranceMet);
        foreach (var (result, accuracy) in new[] { (full, 1e-5), (reduced, 1e-11), (auto, 1e-11) })
            for (int c = 0; c < 2; c++)
            {
                double error = Math.Abs(result.Value[c] - reference[c]);
                Assert.True(error <= Math.Max(result.ErrorEstimate[c], 1e-14), $"{result.RuleName}[{c}]: error {error:E2} > {result.ErrorEstimate[c]:E2}");
                Assert.True(error < accuracy, $"{result.RuleName}[{c}]: error {error:E2}");
            }
    }

    /// <summary>Softmax of logits ζ (shifted by the maximum).</summary>
    private static void Softmax(ReadOnlySpan<double> zeta, Span<double> output)
    {
        double max = double.NegativeInfinity;
        foreach (double z in zeta) max = Math.Max(max, z);
        double sum = 0;
        for (int i = 0; i < zeta.Length; i++) sum += output[i] = Math.Exp(zeta[i] - max);
        for (int i = 0; i < zeta.Length; i++) output[i] /= sum;
    }

    [Fact]
    public void KgmmSoftmaxWithAZeroDirectionMatchesTheHelmertReduction()
    {
        // kgmm.md §6.1: ξ ~ N(0, R/λ) with R·1 = 0 (R = Q A Qᵀ, Q the Helmert basis of 1⊥). The softmax is invariant
        // under shifts along 1, so E π(m + ξ) = E π(m + Q C z), C Cᵀ = A/λ (2-d, C by explicit Cholesky).
        const int k = 3;
        const double lambda = 3.0;
        double[,] q = { { 1 / Math.Sqrt(2), 1 / Math.Sqrt(6) }, { -1 / Math.Sqrt(2), 1 / Math.Sqrt(6) }, { 0, -2 / Math.Sqrt(6) } };
        double[,] aMatrix = { { 1.3, 0.4 }, { 0.4, 0.9 } };
        var r = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                for (int p = 0; p < 2; p++)
                    for (int s = 0; s < 2; s++) r[i, j] += q[i, p] * aMatrix[p, s] * q[j, s] / lambda;
        double[] mean = [0.7, -0.1, 0.05];

        double l11 = Math.Sqrt(aMatrix[0, 0] / lambda), l21 = aMatrix[1, 0] / lambda / l11;
        double l22 = Math.Sqrt(aMatrix[1, 1] / lambda - l21 * l21);
        double[] factor = new double[k * 2];
        for (int i = 0; i < k; i++)
        {
            factor[i * 2 + 0] = q[i, 0] * l11 + q[i, 1] * l21;
            factor[i * 2 + 1] = q[i, 1] * l22;
        }
        var helmertRoot = PsdSquareRoot.FromFactor(factor, k, 2);
        var referenceRule = GaussHermite.Tensor(2, 40);
        var reference = new double[k];
        GaussianExpectation.Integrate(referenceRule, mean, helmertRoot, Softmax, reference);

        var result = GaussianExpectation.Evaluate(GaussHermite.Tensor(2, 20), mean, r, Softmax, k); // Σ rank 2 → reduced root
        Assert.Equal(2, result.CovarianceRank);
        for (int c = 0; c < k; c++)
        {
            double error = Math.Abs(result.Value[c] - reference[c]);
            Assert.True(error <= result.ErrorEstimate[c] && error < 1e-11, $"class {c}: error {error:E2}, estimate {result.ErrorEstimate[c]:E2}");
        }
        Assert.Equal(1.0, result.Value.Sum(), 1e-14);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void RulesAgreeWithinTheirErrorEstimates(int k)
    {
        // f = (σ(aᵀx), cos(bᵀx)) with known values: σ-part by 1-d Gauss–Kronrod, cos-part in closed form.
        var mean = Enumerable.Range(0, k).Select(i => 0.2 * Math.Sin(i + 1)).ToArray();
        var sigma = Covariance(k, 0.6 / k, 23);
        var a = Enumerable.Range(0, k).Select(i => 1.0 + 0.3 * Math.Cos(3 * i)).ToArray();
        var b = Enumerable.Range(0, k).Select(i => i % 2 == 0 ? 0.7 : -0.5).ToArray();
        double[] exact =
        [
            OneDimensionalReference(Logistic, Dot(a, mean), Math.Sqrt(Quadratic(a, sigma))),
            Math.Cos(Dot(b, mean)) * Math.Exp(-0.5 * Quadratic(b, sigma)),
        ];
        GaussianIntegrand f = (x, o) =>
        {
            o[0] = Logistic(Dot(a, x));
            o[1] = Math.Cos(Dot(b, x));
        };

        var deterministic = new List<GaussianExpectationResult>();
        int n = k switch { 2 => 8, 4 => 6, _ => 4 };
        if (k <= 6) deterministic.Add(GaussianExpectation.Evaluate(GaussHermite.Tensor(k, n), mean, sigma, f, 2));
        deterministic.Add(GaussianExpectation.Evaluate(SparseGrid.GenzKeister(k, 4), mean, sigma, f, 2));
        foreach (var result in deterministic)
            for (int c = 0; c < 2; c++)
            {
                double error = Math.Abs(result.Value[c] - exact[c]);
                Assert.True(error <= result.ErrorEstimate[c], $"{result.RuleName}[{c}]: error {error:E2} > estimate {result.ErrorEstimate[c]:E2}");
                Assert.True(result.ErrorEstimate[c] < 1e-3, $"{result.RuleName}[{c}]: estimate {result.ErrorEstimate[c]:E2} uninformative");
            }

        // Randomised rules: within 4 estimated standard errors (deterministic seeds).
        var qmc = GaussianExpectation.Evaluate(SobolRule.Create(k, 1024, 31, randomizations: 16), mean, sigma, f, 2);
        var mc = GaussianExpectation.Evaluate(MonteCarloRule.Create(k, 20000, 47, antithetic: true), mean, sigma, f, 2);
        foreach (var result in new[] { qmc, mc })
            for (int c = 0; c < 2; c++)
            {
                double error = Math.Abs(result.Value[c] - exact[c]);
                Assert.True(error <= 4 * result.ErrorEstimate[c], $"{result.RuleName}[{c}]: error {error:E2} > 4 × SE {result.ErrorEstimate[c]:E2}");
            }
        // QMC is far more accurate than MC at a similar budget for this smooth integrand.
        Assert.True(qmc.ErrorEstimate[1] < mc.ErrorEstimate[1], $"QMC SE {qmc.ErrorEstimate[1]:E2} vs MC SE {mc.ErrorEstimate[1]:E2}");
    }

    [Fact]
    public void ErrorFactorIsTwoForFastConvergenceAndGrowsForSlowConvergence()
    {
        var unit = PsdSquareRoot.Compute(new double[,] { { 1.0 } });
        // Entire integrand, fast (super-geometric) convergence: estimate = 2·|Q₆ − Q₁₀| + round-off floor.
        GaussianIntegrand cosine = (x, o) => o[0] = Math.Cos(x[0]);
        var result = GaussianExpectation.Evaluate(GaussHermite.Rule1D(6), [0.0], unit, cosine, 1);
        double[] q6 = new double[1], q10 = new double[1];
        GaussianExpectation.Integrate(GaussHermite.Rule1D(6), [0.0], unit, cosine, q6);
        GaussianExpectation.Integrate(GaussHermite.Rule1D(10), [0.0], unit, cosine, q10);
        Assert.Equal(2 * Math.Abs(q6[0] - q10[0]), result.ErrorEstimate[0], 4e-15);
        Assert.True(Math.Abs(result.Value[0] - Math.Exp(-0.5)) <= result.ErrorEstimate[0]);

        // Logistic with σ = 3: analytic only in a strip, Gauss–Hermite converges like exp(−c√n) with successive
        // differences shrinking by ρ ≈ 0.5–0.8 per 4 nodes; a fixed factor 2 under-estimates there, κ must not.
        double reference = OneDimensionalReference(Logistic, 0.3, 3.0);
        var wide = PsdSquareRoot.Compute(new double[,] { { 9.0 } });
        foreach (int n in new[] { 12, 24, 40, 60, 80 })
        {
            var r = GaussianExpectation.Evaluate(GaussHermite.Rule1D(n), [0.3], wide, (x, o) => o[0] = Logistic(x[0]), 1);
            double error = Math.Abs(r.Value[0] - reference);
            Assert.True(error <= r.ErrorEstimate[0], $"n={n}: error {error:E2} > estimate {r.ErrorEstimate[0]:E2}");
            Assert.True(r.ErrorEstimate[0] <= 30 * error + 1e-15, $"n={n}: estimate {r.ErrorEstimate[0]:E2} far above error {error:E2}");
        }
    }

    [Fact]
    public void AutoPicksTensorGaussHermiteInLowDimensions()
    {
        double[] mean = [0.4, -0.2];
        var sigma = new double[,] { { 0.5, 0.1 }, { 0.1, 0.3 } };
        double[] a = [1.0, 2.0];
        double exact = Math.Cos(Dot(a, mean)) * Math.Exp(-0.5 * Quadratic(a, sigma));
        var result = GaussianExpectation.Auto(mean, sigma, (x, o) => o[0] = Math.Cos(Dot(a, x)), 1, tolerance: 1e-12);
        Assert.Contains("Gauss–Hermite tensor", result.RuleName);
        Assert.True(result.ToleranceMet);
        Assert.True(Math.Abs(result.Value[0] - exact) <= result.ErrorEstimate[0]);
        Assert.True(result.ErrorEstimate[0] <= 1e-12);
    }

    [Fact]
    public void AutoPicksSparseGridsFromFiveDimensions()
    {
        const int k = 6;
        var mean = new double[k];
        var sigma = Covariance(k, 0.4 / k, 5);
        var a = Enumerable.Repeat(0.8, k).ToArray();
        double exact = Math.Exp(0.5 * Quadratic(a, sigma));
        var result = GaussianExpectation.Auto(mean, sigma, (x, o) => o[0] = Math.Exp(Dot(a, x)), 1, tolerance: 1e-8);
        Assert.Contains("sparse grid", result.RuleName);
        Assert.True(result.ToleranceMet);
        Assert.True(Math.Abs(result.Value[0] - exact) <= result.ErrorEstimate[0], $"{result.Value[0]:R} vs {exact:R}");
    }

    [Fact]
    public void AutoStartsFromTheKgmmOrderRuleAndHandlesAPointMass()
    {
        Assert.Equal(10, GaussianExpectation.StartingOrder(0.6));
        Assert.Equal(28, GaussianExpectation.StartingOrder(3.0));
        Assert.Equal(40, GaussianExpectation.StartingOrder(10.0));

        // 1-d, σ = 3: E cos(x) = e^{−4.5}; starts at n = 28.
        var wide = GaussianExpectation.Auto([0.0], new double[,] { { 9.0 } }, (x, o) => o[0] = Math.Cos(x[0]), 1, 1e-12);
        Assert.True(wide.ToleranceMet);
        Assert.Contains("n=32", wide.RuleName);
        Assert.Equal(Math.Exp(-4.5), wide.Value[0], 1e-12);

        var point = GaussianExpectation.Auto([0.5, 1.0], new double[2, 2], (x, o) => o[0] = x[0] * x[1], 1, 1e-12);
        Assert.Equal(GaussianErrorMethod.Exact, point.ErrorMethod);
        Assert.Equal(0.5, point.Value[0]);
        Assert.Equal(1, point.Evaluations);
    }

    [Fact]
    public void AutoReportsWhenTheBudgetStopsRefinement()
    {
        // A kink (|x|) converges slowly; with a tiny budget the tolerance cannot be met and the result says so.
        var result = GaussianExpectation.Auto([0.0], new double[,] { { 1.0 } }, (x, o) => o[0] = Math.Abs(x[0]), 1, 1e-14, maxEvaluations: 60);
        Assert.False(result.ToleranceMet);
        // σ = 1: n = 12 (plus its coarsening n = 8 for the convergence ratio), 16, 20; n = 24 would exceed the budget.
        Assert.Equal(8 + 12 + 16 + 20, result.Evaluations);
        Assert.Contains("n=20", result.RuleName);
        Assert.True(Math.Abs(result.Value[0] - Math.Sqrt(2 / Math.PI)) < 0.05);
    }

    [Fact]
    public void HotPathsAgreeWithEvaluate()
    {
        double[] mean = [0.1, 0.2, -0.3];
        var sigma = Covariance(3, 0.3, 8);
        var root = PsdSquareRoot.Compute(sigma);
        var rule = GaussHermite.Tensor(3, 6);

        var integrated = new double[3];
        GaussianExpectation.Integrate(rule, mean, root, Softmax, integrated);
        var evaluated = GaussianExpectation.Evaluate(rule, mean, root, Softmax, 3);
        for (int c = 0; c < 3; c++) Assert.Equal(evaluated.Value[c], integrated[c], 1e-15);

        // Transform: x_j = m + C z_j, then the caller's own loop gives the same value.
        var x = new double[rule.Count * 3];
        rule.Transform(mean, root, x);
        var manual = new double[3];
        var p = new double[3];
        for (int j = 0; j < rule.Count; j++)
        {
            var z = rule.Node(j);
            for (int i = 0; i < 3; i++)
            {
                double expected = mean[i];
                for (int l = 0; l < 3; l++) expected += root[i, l] * z[l];
                Assert.Equal(expected, x[j * 3 + i], 1e-15);
            }
            Softmax(x.AsSpan(j * 3, 3), p);
            for (int c = 0; c < 3; c++) manual[c] += rule.Weights[j] * p[c];
        }
        for (int c = 0; c < 3; c++) Assert.Equal(integrated[c], manual[c], 1e-15);
    }

    [Fact]
    public void RejectsMismatchedArguments()
    {
        var sigma = new double[,] { { 1, 0 }, { 0, 1 } };
        GaussianIntegrand f = (x, o) => o[0] = x[0];
        Assert.Throws<ArgumentException>(() => GaussianExpectation.Evaluate(GaussHermite.Tensor(3, 4), [0, 0], sigma, f, 1));
        Assert.Throws<ArgumentException>(() => GaussianExpectation.Evaluate(GaussHermite.Tensor(2, 4), [0, 0, 0], sigma, f, 1));
        Assert.Throws<ArgumentException>(() => GaussianExpectation.Evaluate(GaussHermite.Tensor(2, 4), [0, 0], sigma, f, 0));
        // The order-35 Genz–Keister rule has no refinement, so no error estimate.
        Assert.Throws<ArgumentException>(() => GaussianExpectation.Evaluate(GenzKeister.Rule1D(35), [0], new double[,] { { 1 } }, f, 1));
        Assert.Throws<ArgumentException>(() => GaussianExpectation.Auto([0], new double[,] { { 1 } }, f, 1, 0));
    }
}

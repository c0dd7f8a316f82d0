using TheoryCheck.Numerics.Gaussian;
using static TheoryCheck.Tests.Numerics.Gaussian.GaussianTestSupport;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public class GenzKeisterTests
{
    [Fact]
    public void StoredTableEqualsTheExactConstructionBitForBit()
    {
        var (nodes, weights) = GenzKeisterConstruction.Build();
        for (int g = 0; g < GenzKeisterTable.Orders.Length; g++)
        {
            Assert.Equal(GenzKeisterTable.Nodes[g], nodes[g]);
            Assert.Equal(GenzKeisterTable.Weights[g], weights[g]);
        }
    }

    /// <summary>
    /// Independent published values (Genz–Keister data as tabulated by J. Burkardt, sandia_rules, for the weight
    /// e^{−x²}): node x_phys = z/√2, weight w_phys = √π·w.
    /// </summary>
    [Fact]
    public void MatchesPublishedPhysicistsTable()
    {
        (int Order, double[] PositiveNodes)[] published =
        [
            (3, [1.2247448713915889]),
            (9, [0.52403354748695763, 1.2247448713915889, 2.0232301911005157, 2.9592107790638380]),
            (19, [0.52403354748695763, 0.87004089535290285, 1.2247448713915889, 1.8357079751751868, 2.0232301911005157,
                  2.2665132620567876, 2.9592107790638380, 3.6677742159463378, 4.4995993983103881]),
            (35, [0.17606414208200893, 0.52403354748695763, 0.87004089535290285, 1.2247448713915889, 1.5794121348467671,
                  1.8357079751751868, 2.0232301911005157, 2.2665132620567876, 2.5705583765842968, 2.9592107790638380,
                  3.3491639537131945, 3.6677742159463378, 4.0292201405043713, 4.4995993983103881, 5.0360899444730940,
                  5.6432578578857449, 6.3759392709822356]),
        ];
        foreach (var (order, expected) in published)
        {
            var rule = GenzKeister.Rule1D(order);
            var positive = Enumerable.Range(0, rule.Count).Select(j => rule.Node(j)[0]).Where(z => z > 0).Order().ToArray();
            Assert.Equal(expected.Length, positive.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(positive[i] / Math.Sqrt(2) - expected[i]) <= 2e-16 * expected[i] * 4, $"order {order}, node {i}");
        }

        // Weights (physicists' normalisation √π), including the negative weight of order 19 and the extreme tail of 35.
        double sqrtPi = Math.Sqrt(Math.PI);
        var r19 = GenzKeister.Rule1D(19);
        Assert.Equal(-1.1232438489069229E-02, r19.Weights[4] * sqrtPi, 1e-15);
        Assert.Equal(5.3788160700510168E-01, r19.Weights[9] * sqrtPi, 1e-15);
        Assert.Equal(1.5295717705322357E-09, r19.Weights[0] * sqrtPi, 1e-15 * 1.5e-9 * 10);
        // Extreme tail weights are ill-conditioned in the nodes (they are the interpolatory weights of the rounded
        // nodes here): agreement to 1e-12 relative; both sets reproduce all moments ≤ 51 to ~4e-15 relative.
        var r35 = GenzKeister.Rule1D(35);
        Assert.Equal(1.8684014894510604E-18, r35.Weights[0] * sqrtPi, 1e-12 * 1.87e-18);
        Assert.Equal(5.4896836948499462E-12, r35.Weights[2] * sqrtPi, 1e-12 * 5.5e-12);
        Assert.Equal(9.1262675363737921E-04, r35.Weights[17] * sqrtPi, 1e-15);
        Assert.Equal(3.3988595585585218E-01, r35.Weights[16] * sqrtPi, 1e-15);
    }

    [Fact]
    public void EachRuleIsExactToItsDegreeAndNotBeyond()
    {
        foreach (int order in GenzKeister.Orders)
        {
            var rule = GenzKeister.Rule1D(order);
            int degree = GenzKeister.Degree(order);
            Assert.Equal(degree, rule.ExactDegree);
            for (int k = 0; k <= degree; k++)
            {
                double q = Apply(rule, z => Math.Pow(z[0], k));
                double scale = ApplyAbsolute(rule, z => Math.Pow(z[0], k));
                Assert.True(Math.Abs(q - StandardMoment(k)) <= 1e-14 * scale, $"order {order}, k={k}: {q:R}");
            }
            double next = Apply(rule, z => Math.Pow(z[0], degree + 1));
            Assert.True(Math.Abs(next / StandardMoment(degree + 1) - 1) > 1e-9, $"order {order}: degree {degree + 1} unexpectedly exact");
        }
    }

    [Fact]
    public void RulesAreNested()
    {
        for (int g = 0; g + 1 < GenzKeisterTable.Orders.Length; g++)
        {
            var finer = new HashSet<double>(GenzKeisterTable.Nodes[g + 1]);
            Assert.All(GenzKeisterTable.Nodes[g], z => Assert.Contains(z, finer));
        }
    }
}

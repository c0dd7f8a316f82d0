using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Tests.Numerics.Ode;

/// <summary>
/// Butcher's order conditions (Hairer–Nørsett–Wanner, Solving ODE I, Thm II.2.13): a Runge–Kutta method has order p
/// iff Σᵢ bᵢ Φᵢ(τ) = 1/γ(τ) for every rooted tree τ with |τ| ≤ p; a continuous extension b(θ) has order q iff
/// Σᵢ bᵢ(θ) Φᵢ(τ) = θ^|τ|/γ(τ) for |τ| ≤ q. The trees are generated here (1, 1, 2, 4, 9, 20, 48, 115, 286 of orders
/// 1…9), independently of the solver code, and checked against the coefficient tables the steppers use.
/// </summary>
public sealed class ButcherTableauTests
{
    private static readonly IReadOnlyList<RootedTree>[] TreesByOrder = RootedTree.Generate(9);

    [Fact]
    public void TreeCountsMatchTheKnownSequence()
    {
        int[] expected = [0, 1, 1, 2, 4, 9, 20, 48, 115, 286];
        for (int order = 1; order <= 9; order++)
        {
            Assert.Equal(expected[order], TreesByOrder[order].Count);
        }
    }

    [Fact]
    public void DormandPrince54HasOrderFiveWithFourthOrderEmbeddedAndDenseOutput()
    {
        double[] c = DormandPrince54Tableau.C;
        double[][] a = DormandPrince54Tableau.A;
        double[] b = DormandPrince54Tableau.B;
        AssertRowSums(c, a);

        Assert.Equal(5, HighestSatisfiedOrder(a, b, 1.0, maxOrder: 6));
        double[] embedded = Subtract(b, DormandPrince54Tableau.E);
        Assert.Equal(4, HighestSatisfiedOrder(a, embedded, 1.0, maxOrder: 6));

        foreach (double theta in new[] { 0.1, 0.37, 0.5, 0.81 })
        {
            double[] weights = DenseWeights(b, fsalStage: 6, [DormandPrince54Tableau.D], theta);
            Assert.Equal(4, HighestSatisfiedOrder(a, weights, theta, maxOrder: 5));
        }

        Assert.Equal(b, DenseWeights(b, fsalStage: 6, [DormandPrince54Tableau.D], 1.0), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void DormandPrince853HasOrderEightWithFifthAndThirdOrderEstimatorsAndSeventhOrderDenseOutput()
    {
        double[] c = DormandPrince853Tableau.C;
        double[][] a = DormandPrince853Tableau.A;
        AssertRowSums(c, a);

        double[] b = Pad(DormandPrince853Tableau.B, 16);
        Assert.Equal(8, HighestSatisfiedOrder(a, b, 1.0, maxOrder: 9));
        Assert.Equal(5, HighestSatisfiedOrder(a, Pad(Subtract(DormandPrince853Tableau.B, DormandPrince853Tableau.E5), 16), 1.0, maxOrder: 6));
        Assert.Equal(3, HighestSatisfiedOrder(a, Pad(DormandPrince853Tableau.B3, 16), 1.0, maxOrder: 4));

        foreach (double theta in new[] { 0.1, 0.37, 0.5, 0.81 })
        {
            double[] weights = DenseWeights(b, fsalStage: 12, DormandPrince853Tableau.D, theta);
            Assert.Equal(7, HighestSatisfiedOrder(a, weights, theta, maxOrder: 8));
        }

        Assert.Equal(b, DenseWeights(b, fsalStage: 12, DormandPrince853Tableau.D, 1.0), new ToleranceComparer(1e-13));
    }

    /// <summary>cᵢ = Σⱼ aᵢⱼ for every stage (the stage times are consistent with the stage weights).</summary>
    private static void AssertRowSums(double[] c, double[][] a)
    {
        for (int i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(a[i].Sum() - c[i]) <= 1e-14 * (1 + a[i].Sum(Math.Abs)), $"row {i + 1}: Σa = {a[i].Sum():R}, c = {c[i]:R}");
        }
    }

    /// <summary>The largest p ≤ maxOrder such that all conditions of order ≤ p hold to rounding accuracy.</summary>
    private static int HighestSatisfiedOrder(double[][] a, double[] weights, double theta, int maxOrder)
    {
        for (int order = 1; order <= maxOrder; order++)
        {
            foreach (var tree in TreesByOrder[order])
            {
                double[] phi = tree.ElementaryWeights(a);
                double sum = 0, magnitude = 0;
                for (int i = 0; i < weights.Length; i++)
                {
                    sum += weights[i] * phi[i];
                    magnitude += Math.Abs(weights[i] * phi[i]);
                }

                double target = Math.Pow(theta, order) / tree.Density;
                if (Math.Abs(sum - target) > 1e-13 * (1 + magnitude))
                {
                    return order - 1;
                }
            }
        }

        return maxOrder;
    }

    /// <summary>
    /// Weights bᵢ(θ) of Hairer's dense output: with u₀ = 0, h = 1 and kᵢ the unit vectors, r₂ = b, r₃ = e₁ − b,
    /// r₄ = b − e_FSAL − r₃, r₅… = the rows of D, combined as r₁ + θ(r₂ + θ′(r₃ + θ(r₄ + θ′(r₅ + …)))).
    /// </summary>
    private static double[] DenseWeights(double[] b, int fsalStage, double[][] d, double theta)
    {
        int stages = d[0].Length;
        double[] r2 = Pad(b, stages);
        double[] r3 = new double[stages];
        double[] r4 = new double[stages];
        for (int i = 0; i < stages; i++)
        {
            r3[i] = (i == 0 ? 1 : 0) - r2[i];
            r4[i] = r2[i] - (i == fsalStage ? 1 : 0) - r3[i];
        }

        var vectors = new List<double[]> { new double[stages], r2, r3, r4 };
        vectors.AddRange(d);
        double[] result = (double[])vectors[^1].Clone();
        for (int j = vectors.Count - 2; j >= 0; j--)
        {
            double factor = j % 2 == 0 ? theta : 1 - theta;
            for (int i = 0; i < stages; i++)
            {
                result[i] = vectors[j][i] + factor * result[i];
            }
        }

        return result;
    }

    private static double[] Subtract(double[] x, double[] y) => x.Zip(y, (p, q) => p - q).ToArray();

    private static double[] Pad(double[] x, int length)
    {
        var padded = new double[length];
        x.CopyTo(padded, 0);
        return padded;
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    /// <summary>A rooted tree as the multiset of its root's subtrees, with a canonical string for deduplication.</summary>
    private sealed class RootedTree
    {
        private RootedTree(IReadOnlyList<RootedTree> children)
        {
            Children = children.OrderBy(child => child.Key, StringComparer.Ordinal).ToArray();
            Key = "[" + string.Concat(Children.Select(child => child.Key)) + "]";
            Order = 1 + Children.Sum(child => child.Order);
            Density = Order * Children.Aggregate(1.0, (product, child) => product * child.Density);
        }

        public IReadOnlyList<RootedTree> Children { get; }

        public string Key { get; }

        public int Order { get; }

        /// <summary>γ(τ) = |τ| · Π γ(children).</summary>
        public double Density { get; }

        /// <summary>All trees of orders 1…maxOrder (index = order), each new order by adding a leaf to any vertex.</summary>
        public static IReadOnlyList<RootedTree>[] Generate(int maxOrder)
        {
            var result = new IReadOnlyList<RootedTree>[maxOrder + 1];
            result[0] = [];
            result[1] = [new RootedTree([])];
            for (int order = 2; order <= maxOrder; order++)
            {
                var unique = new Dictionary<string, RootedTree>();
                foreach (var tree in result[order - 1])
                {
                    foreach (var grown in tree.AddLeafEverywhere())
                    {
                        unique.TryAdd(grown.Key, grown);
                    }
                }

                result[order] = unique.Values.ToArray();
            }

            return result;
        }

        /// <summary>Φᵢ(τ) = Π over children τⱼ of (A Φ(τⱼ))ᵢ (the empty product is 1).</summary>
        public double[] ElementaryWeights(double[][] a)
        {
            int stages = a.Length;
            double[] phi = Enumerable.Repeat(1.0, stages).ToArray();
            foreach (var child in Children)
            {
                double[] childPhi = child.ElementaryWeights(a);
                for (int i = 0; i < stages; i++)
                {
                    double sum = 0;
                    for (int j = 0; j < a[i].Length; j++)
                    {
                        sum += a[i][j] * childPhi[j];
                    }

                    phi[i] *= sum;
                }
            }

            return phi;
        }

        private IEnumerable<RootedTree> AddLeafEverywhere()
        {
            yield return new RootedTree([.. Children, new RootedTree([])]);
            for (int i = 0; i < Children.Count; i++)
            {
                foreach (var grownChild in Children[i].AddLeafEverywhere())
                {
                    var children = Children.ToArray();
                    children[i] = grownChild;
                    yield return new RootedTree(children);
                }
            }
        }
    }
}

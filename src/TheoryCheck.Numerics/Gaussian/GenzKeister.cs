namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// The nested Genz–Keister rules for z ~ N(0, 1) (Genz &amp; Keister 1996, sequence 1+2+6+10+16): orders 1, 3, 9, 19,
/// 35, exact for polynomials of degree 1, 5, 15, 29, 51; every rule's nodes contain the previous rule's nodes.
/// Each rule is the Kronrod–Patterson extension of the previous one (new nodes: roots of the monic p with
/// E[π(z) p(z) zⁱ] = 0 for i &lt; deg p, π the previous node polynomial), computed in exact rational arithmetic and
/// stored as doubles; the building block of <see cref="SparseGrid.GenzKeister"/>.
/// </summary>
public static class GenzKeister
{
    /// <summary>The available orders 1, 3, 9, 19, 35.</summary>
    public static IReadOnlyList<int> Orders { get; } = GenzKeisterTable.Orders;

    /// <summary>Polynomial degree of exactness of the rule with the given order (1, 5, 15, 29 or 51).</summary>
    public static int Degree(int order) => GenzKeisterTable.Degrees[IndexOf(order)];

    /// <summary>The 1-d rule with the given order (1, 3, 9, 19 or 35); refinement: the next order (none for 35).</summary>
    public static StandardNormalRule Rule1D(int order)
    {
        int index = IndexOf(order);
        var nodes = (double[])GenzKeisterTable.Nodes[index].Clone();
        var weights = (double[])GenzKeisterTable.Weights[index].Clone();
        Func<StandardNormalRule?> refinement = () => index + 1 < Orders.Count ? Rule1D(Orders[index + 1]) : null;
        Func<StandardNormalRule?> coarsening = () => index > 0 ? Rule1D(Orders[index - 1]) : null;
        return new StandardNormalRule(1, nodes, weights, $"Genz–Keister order {order} (degree {GenzKeisterTable.Degrees[index]})",
            StandardNormalRuleFamily.GenzKeister, GenzKeisterTable.Degrees[index], refinement, coarsening);
    }

    internal static int IndexOf(int order)
    {
        for (int i = 0; i < GenzKeisterTable.Orders.Length; i++)
            if (GenzKeisterTable.Orders[i] == order) return i;
        throw new ArgumentException($"Genz–Keister order must be one of 1, 3, 9, 19, 35 (got {order}).", nameof(order));
    }
}

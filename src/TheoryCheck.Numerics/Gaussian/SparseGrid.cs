using System.Collections.Concurrent;

namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Smolyak sparse grids for z ~ N(0, I_k) over the nested Genz–Keister rules (the "KPN" grids of Heiss &amp;
/// Winschel 2008). Level L is exact for every polynomial of total degree ≤ 2L − 1.
/// </summary>
/// <remarks>
/// The 1-d rule of level l ≥ 1 is the smallest Genz–Keister rule exact to degree 2l − 1 (levels 1; 2–3; 4–8; 9–15;
/// 16–26 use orders 1, 3, 9, 19, 35). With q = L + k − 1 the grid is the combination
/// Σ_{max(k, q−k+1) ≤ |i| ≤ q} (−1)^{q−|i|} C(k−1, q−|i|) U^{i_1} ⊗ … ⊗ U^{i_k}; coincident nodes of the nested rules
/// are merged (weights may be negative) and nodes whose merged weight is a round-off residue of an exact cancellation
/// are dropped. Node counts: k = 4, levels 3–6: 25, 89, 225, 537; k = 8: 129, 625, 2417, 8241.
/// </remarks>
public static class SparseGrid
{
    /// <summary>Largest level (1-d rules up to degree 51).</summary>
    public const int MaxLevel = 26;

    /// <summary>Largest dimension supported by the node-merging keys.</summary>
    public const int MaxDimension = 20;

    private static readonly ConcurrentDictionary<(int K, int Level), StandardNormalRule> s_cache = new();

    /// <summary>The Smolyak grid of the given level in k dimensions (refinement: the next level with a different grid; coarsening: the previous one).</summary>
    /// <param name="k">Dimension, 1 ≤ k ≤ <see cref="MaxDimension"/>.</param>
    /// <param name="level">Level L, 1 ≤ L ≤ <see cref="MaxLevel"/>; exact for total degree ≤ 2L − 1.</param>
    public static StandardNormalRule GenzKeister(int k, int level)
    {
        if (k < 1 || k > MaxDimension) throw new ArgumentException($"Sparse-grid dimension must be in [1, {MaxDimension}] (got {k}).", nameof(k));
        if (level < 1 || level > MaxLevel) throw new ArgumentException($"Sparse-grid level must be in [1, {MaxLevel}] (got {level}).", nameof(level));
        if (s_cache.TryGetValue((k, level), out var cached)) return cached;
        var rule = Build(k, level);
        if (rule.Count <= 65536) s_cache.TryAdd((k, level), rule);
        return rule;
    }

    /// <summary>Index (0..4) of the Genz–Keister rule used at 1-d level l.</summary>
    internal static int RuleIndexForLevel(int l)
    {
        int needed = 2 * l - 1;
        for (int g = 0; g < GenzKeisterTable.Degrees.Length; g++)
            if (GenzKeisterTable.Degrees[g] >= needed) return g;
        throw new ArgumentException($"1-d level {l} exceeds the largest Genz–Keister degree.", nameof(l));
    }

    private static StandardNormalRule Build(int k, int level)
    {
        int q = level + k - 1;
        int lower = Math.Max(k, q - k + 1);

        // 1. Combination coefficients aggregated per tuple of 1-d rules (several levels share a rule).
        var coefficients = new Dictionary<ulong, long>();
        var multiIndex = new int[k];
        EnumerateMultiIndices(multiIndex, 0, 0, lower, q, k, level, coefficients);

        // 2. Master node list: the order-35 rule contains every other rule's nodes.
        var master = GenzKeisterTable.Nodes[GenzKeisterTable.Orders.Length - 1];
        var masterIndex = new int[GenzKeisterTable.Orders.Length][];
        for (int g = 0; g < masterIndex.Length; g++)
        {
            var x = GenzKeisterTable.Nodes[g];
            masterIndex[g] = new int[x.Length];
            for (int j = 0; j < x.Length; j++)
            {
                int m = Array.IndexOf(master, x[j]);
                if (m < 0) throw new InvalidOperationException("Genz–Keister rules are not nested.");
                masterIndex[g][j] = m;
            }
        }

        // 3. Expand each tensor rule and merge coincident nodes.
        var merged = new Dictionary<UInt128, (double Weight, double Magnitude)>();
        var ruleTuple = new int[k];
        var position = new int[k];
        foreach (var (key, coefficient) in coefficients)
        {
            if (coefficient == 0) continue;
            for (int d = 0; d < k; d++) ruleTuple[d] = (int)((key >> (3 * d)) & 7);
            Array.Clear(position);
            while (true)
            {
                UInt128 nodeKey = 0;
                double weight = coefficient;
                for (int d = 0; d < k; d++)
                {
                    int g = ruleTuple[d];
                    nodeKey = (nodeKey << 6) | (UInt128)(uint)masterIndex[g][position[d]];
                    weight *= GenzKeisterTable.Weights[g][position[d]];
                }
                merged[nodeKey] = merged.TryGetValue(nodeKey, out var w0)
                    ? (w0.Weight + weight, w0.Magnitude + Math.Abs(weight))
                    : (weight, Math.Abs(weight));
                if (merged.Count > StandardNormalRule.MaxNodeCount)
                    throw new ArgumentException($"Sparse grid k={k}, level={level} exceeds {StandardNormalRule.MaxNodeCount} nodes.", nameof(level));
                int dd = k - 1;
                for (; dd >= 0; dd--)
                {
                    if (++position[dd] < GenzKeisterTable.Orders[ruleTuple[dd]]) break;
                    position[dd] = 0;
                }
                if (dd < 0) break;
            }
        }

        // 4. Drop nodes whose combined weight is indistinguishable from zero: |w| ≤ 16ε·Σ|contributions| (exact
        //    cancellations leave such round-off residues; a legitimately tiny weight, e.g. a tail weight of 1e-18, has
        //    contributions of its own size and is kept). Sort for reproducibility, unpack.
        var keys = merged.Where(kv => Math.Abs(kv.Value.Weight) > 16 * 2.220446049250313e-16 * kv.Value.Magnitude)
            .Select(kv => kv.Key).ToArray();
        Array.Sort(keys);
        var nodes = new double[keys.Length * k];
        var weights = new double[keys.Length];
        for (int j = 0; j < keys.Length; j++)
        {
            var nodeKey = keys[j];
            weights[j] = merged[nodeKey].Weight;
            for (int d = k - 1; d >= 0; d--)
            {
                nodes[j * k + d] = master[(int)(nodeKey & 63)];
                nodeKey >>= 6;
            }
        }
        string name = $"Smolyak sparse grid (Genz–Keister) level {level}, k={k} ({keys.Length} nodes, degree {2 * level - 1})";
        // Neighbouring levels can coincide (in 1-d levels 2 and 3 are both the 3-node rule): skip identical grids,
        // otherwise the comparison would report a zero error.
        Func<StandardNormalRule?> refinement = () =>
        {
            for (int next = level + 1; next <= MaxLevel; next++)
            {
                StandardNormalRule candidate;
                try { candidate = GenzKeister(k, next); }
                catch (ArgumentException) { return null; }
                if (!SameGrid(candidate, nodes, weights)) return candidate;
            }
            return null;
        };
        Func<StandardNormalRule?> coarsening = () =>
        {
            for (int previous = level - 1; previous >= 1; previous--)
            {
                var candidate = GenzKeister(k, previous);
                if (!SameGrid(candidate, nodes, weights)) return candidate;
            }
            return null;
        };
        return new StandardNormalRule(k, nodes, weights, name, StandardNormalRuleFamily.SparseGrid, 2 * level - 1, refinement, coarsening);
    }

    private static bool SameGrid(StandardNormalRule rule, double[] nodes, double[] weights) =>
        rule.Count == weights.Length && rule.Nodes.SequenceEqual(nodes) && rule.Weights.SequenceEqual(weights);

    private static void EnumerateMultiIndices(int[] index, int dimension, int sum, int lower, int q, int k, int level,
        Dictionary<ulong, long> coefficients)
    {
        if (dimension == k)
        {
            if (sum < lower || sum > q) return;
            int j = q - sum;
            long c = Binomial(k - 1, j) * ((j & 1) == 0 ? 1 : -1);
            ulong key = 0;
            for (int d = 0; d < k; d++) key |= (ulong)RuleIndexForLevel(index[d]) << (3 * d);
            coefficients[key] = coefficients.TryGetValue(key, out var c0) ? c0 + c : c;
            return;
        }
        int remaining = k - dimension - 1; // each later coordinate needs at least 1
        for (int l = 1; sum + l + remaining <= q; l++)
        {
            index[dimension] = l;
            EnumerateMultiIndices(index, dimension + 1, sum + l, lower, q, k, level, coefficients);
        }
    }

    private static long Binomial(int n, int r)
    {
        if (r < 0 || r > n) return 0;
        long result = 1;
        for (int i = 1; i <= r; i++) result = result * (n - r + i) / i;
        return result;
    }
}

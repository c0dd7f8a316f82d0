using System.Globalization;
using TheoryCheck.Models.Cws;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// A partition of the d eigenmodes into bins for the binned ODE (cws.md §9; docs/theory/cws.md §9). Per bin B:
/// its size n_B, representative variances λ_B^{(g)} (the bin mean of λ_i^{(g)} for every variance group g), the Gram
/// matrix G_B = Σ_{i∈B} u_i u_iᵀ of the mean basis (K×K), Σ_{i∈B} m_{c,i}² per class (for the refinement term),
/// and whether B lies in the clean set 𝒞 (bins never straddle 𝒞). The binned equations are exact when every bin
/// has equal variances (<see cref="IsExact"/>), whatever the means inside it; otherwise they approximate the
/// per-mode ODE with an error measured by <see cref="MaxRelativeSpread"/> and by doubling the bins.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CwsBinning
{
    private readonly int[] _size;
    private readonly double[] _variances;
    private readonly double[] _gram;
    private readonly bool[] _clean;
    private readonly double[] _meanSquares;

    private CwsBinning(CwsMixture mixture, int[] binOfMode, int count, string kind)
    {
        int d = mixture.Dimension, groups = mixture.VarianceGroupCount, k = mixture.BasisCount, classes = mixture.Classes;
        Mixture = mixture;
        Count = count;
        Groups = groups;
        BasisCount = k;
        Classes = classes;
        _size = new int[count];
        _variances = new double[count * groups];
        _gram = new double[count * k * k];
        _clean = new bool[count];
        _meanSquares = new double[count * classes];
        var low = new double[count * groups];
        var high = new double[count * groups];
        Array.Fill(low, double.PositiveInfinity);
        Array.Fill(high, double.NegativeInfinity);
        var cleanSeen = new bool[count];
        var noisySeen = new bool[count];
        var groupArrays = Enumerable.Range(0, groups).Select(g => mixture.GroupVariances(g).ToArray()).ToArray();
        var basis = Enumerable.Range(0, k).Select(a => mixture.Basis(a).ToArray()).ToArray();
        var means = Enumerable.Range(0, classes).Select(c => mixture.Mean(c).ToArray()).ToArray();
        for (int i = 0; i < d; i++)
        {
            int b = binOfMode[i];
            _size[b]++;
            if (mixture.IsClean(i)) cleanSeen[b] = true; else noisySeen[b] = true;
            for (int g = 0; g < groups; g++)
            {
                double lambda = groupArrays[g][i];
                _variances[b * groups + g] += lambda;
                low[b * groups + g] = Math.Min(low[b * groups + g], lambda);
                high[b * groups + g] = Math.Max(high[b * groups + g], lambda);
            }
            for (int a = 0; a < k; a++)
            {
                double ua = basis[a][i];
                for (int e = 0; e < k; e++) _gram[(b * k + a) * k + e] += ua * basis[e][i];
            }
            for (int c = 0; c < classes; c++)
            {
                double m = means[c][i];
                _meanSquares[b * classes + c] += m * m;
            }
        }
        bool exact = true;
        double spread = 0;
        for (int b = 0; b < count; b++)
        {
            if (_size[b] == 0) throw new InvalidOperationException("empty bin");
            if (cleanSeen[b] && noisySeen[b]) throw new InvalidOperationException("a bin straddles the clean set");
            _clean[b] = cleanSeen[b];
            for (int g = 0; g < groups; g++)
            {
                int j = b * groups + g;
                _variances[j] /= _size[b];
                if (high[j] != low[j]) exact = false;
                if (high[j] > 0) spread = Math.Max(spread, (high[j] - low[j]) / _variances[j]);
            }
        }
        IsExact = exact;
        MaxRelativeSpread = spread;
        Description = string.Create(CultureInfo.InvariantCulture,
            $"{kind}: {count} bins for d = {d} ({(exact ? "exact: equal variances in every bin" : $"approximate: largest relative variance spread in a bin {spread:G3}")})");
    }

    /// <summary>The data model the bins partition.</summary>
    public CwsMixture Mixture { get; }

    /// <summary>Number of bins.</summary>
    public int Count { get; }

    /// <summary>G: variance groups of the mixture.</summary>
    public int Groups { get; }

    /// <summary>K: rank of the means.</summary>
    public int BasisCount { get; }

    /// <summary>C.</summary>
    public int Classes { get; }

    /// <summary>True when every bin has equal variances (the binned ODE is then exact).</summary>
    public bool IsExact { get; }

    /// <summary>max over bins and groups of (max λ − min λ)/(mean λ) in the bin; 0 when exact.</summary>
    public double MaxRelativeSpread { get; }

    /// <summary>One line, recorded in diagnostics.</summary>
    public string Description { get; }

    /// <summary>n_B.</summary>
    public int Size(int bin) => _size[bin];

    /// <summary>λ_B^{(g)} (the bin mean).</summary>
    public double Variance(int bin, int group) => _variances[bin * Groups + group];

    /// <summary>G_B[a, e] = Σ_{i∈B} u_{a,i} u_{e,i}.</summary>
    public double Gram(int bin, int a, int e) => _gram[(bin * BasisCount + a) * BasisCount + e];

    /// <summary>Σ_{i∈B} m_{c,i}².</summary>
    public double MeanSquare(int bin, int c) => _meanSquares[bin * Classes + c];

    /// <summary>True when the bin lies in the clean set 𝒞.</summary>
    public bool IsClean(int bin) => _clean[bin];

    /// <summary>Every mode its own bin (the per-mode ODE in binned form; for tests).</summary>
    public static CwsBinning Singletons(CwsMixture mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        return new CwsBinning(mixture, Enumerable.Range(0, mixture.Dimension).ToArray(), mixture.Dimension, "singletons");
    }

    /// <summary>
    /// The exact binning: modes with equal variances in every class and the same clean-set membership share a bin
    /// (isotropic: 2 bins, 𝒞 and the rest; zero-one: at most 3; power law: d bins).
    /// </summary>
    public static CwsBinning Exact(CwsMixture mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        return ExactFromOrder(mixture, SortedModes(mixture));
    }

    private static CwsBinning ExactFromOrder(CwsMixture mixture, int[] order)
    {
        var binOfMode = new int[mixture.Dimension];
        int count = 0;
        for (int r = 0; r < order.Length; r++)
        {
            if (r > 0 && !SameKey(mixture, order[r - 1], order[r])) count++;
            binOfMode[order[r]] = count;
        }
        return new CwsBinning(mixture, binOfMode, count + 1, "exact binning");
    }

    /// <summary>
    /// At most about <paramref name="targetBins"/> bins: the exact binning when it has no more bins; otherwise the
    /// modes sorted by (𝒞 first, λ̄, index) are cut at ranks ⌊d^{j/B}⌋ (j = 0..B, geometric: singletons at the
    /// low-variance end, wide bins at the top) and at n_𝒞, with bin means as representative variances.
    /// </summary>
    /// <param name="mixture">The data model.</param>
    /// <param name="targetBins">B ≥ 2.</param>
    public static CwsBinning Geometric(CwsMixture mixture, int targetBins)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        if (targetBins < 2) throw new ArgumentException("at least two bins are needed", nameof(targetBins));
        int d = mixture.Dimension;
        var order = SortedModes(mixture);
        int exactCount = 1;
        for (int r = 1; r < d && exactCount <= targetBins; r++)
            if (!SameKey(mixture, order[r - 1], order[r])) exactCount++;
        if (exactCount <= targetBins) return ExactFromOrder(mixture, order);
        var cuts = new SortedSet<int> { 0, d, mixture.CleanModes.Length };
        for (int j = 0; j <= targetBins; j++) cuts.Add((int)Math.Min(d, Math.Floor(Math.Pow(d, j / (double)targetBins))));
        var edges = cuts.ToArray();
        var binOfMode = new int[d];
        for (int b = 0; b + 1 < edges.Length; b++)
            for (int r = edges[b]; r < edges[b + 1]; r++) binOfMode[order[r]] = b;
        return new CwsBinning(mixture, binOfMode, edges.Length - 1, string.Create(CultureInfo.InvariantCulture, $"geometric binning (target {targetBins})"));
    }

    /// <summary>
    /// Modes sorted by (clean first, λ̄, λ of each group, index); the identity when λ̄ is non-decreasing in i (the three
    /// families), which is such an order up to the group tie-break (equal keys still form runs of exact bins).
    /// </summary>
    private static int[] SortedModes(CwsMixture mixture)
    {
        var order = Enumerable.Range(0, mixture.Dimension).ToArray();
        var average = mixture.AverageVariance.ToArray();
        bool monotone = mixture.CleanIsPrefix;
        for (int i = 1; i < average.Length && monotone; i++) monotone = average[i] >= average[i - 1];
        if (monotone) return order;
        Array.Sort(order, (a, b) =>
        {
            bool ca = mixture.IsClean(a), cb = mixture.IsClean(b);
            if (ca != cb) return ca ? -1 : 1;
            int cmp = average[a].CompareTo(average[b]);
            if (cmp != 0) return cmp;
            for (int g = 0; g < mixture.VarianceGroupCount; g++)
            {
                cmp = mixture.GroupVariances(g)[a].CompareTo(mixture.GroupVariances(g)[b]);
                if (cmp != 0) return cmp;
            }
            return a.CompareTo(b);
        });
        return order;
    }

    private static bool SameKey(CwsMixture mixture, int a, int b)
    {
        if (mixture.IsClean(a) != mixture.IsClean(b)) return false;
        for (int g = 0; g < mixture.VarianceGroupCount; g++)
            if (mixture.GroupVariances(g)[a] != mixture.GroupVariances(g)[b]) return false;
        return true;
    }
}

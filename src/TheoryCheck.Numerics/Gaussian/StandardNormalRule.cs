namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// An immutable cubature rule for the standard normal: E g(z) ≈ Σ_j w_j g(z_j), z ~ N(0, I_k), with nodes
/// z_j ∈ R^k stored row-major (node j at [j·k, j·k + k)) and weights summing to 1 (sparse grids have some
/// negative weights). Build rules with <see cref="GaussHermite"/>, <see cref="GenzKeister"/>,
/// <see cref="SparseGrid"/>, <see cref="SobolRule"/> or <see cref="MonteCarloRule"/>; build them once and reuse them.
/// </summary>
/// <remarks>
/// The error model travels with the rule: deterministic rules (<see cref="GaussianErrorMethod.Refinement"/>)
/// know their <see cref="Refinement"/> and <see cref="Coarsening"/>; randomised rules (<see cref="GaussianErrorMethod.Replicates"/>) consist of
/// <see cref="ReplicateCount"/> contiguous blocks of <see cref="ReplicateSize"/> equally weighted nodes, each block an
/// independent unbiased estimator.
/// </remarks>
public sealed class StandardNormalRule
{
    /// <summary>Largest number of nodes any factory will build (larger requests throw).</summary>
    public const int MaxNodeCount = 1 << 22;

    private readonly double[] _nodes;
    private readonly double[] _weights;
    private readonly Lazy<StandardNormalRule?> _refinement;
    private readonly Lazy<StandardNormalRule?> _coarsening;

    internal StandardNormalRule(
        int dimension,
        double[] nodes,
        double[] weights,
        string name,
        StandardNormalRuleFamily family,
        int? exactDegree,
        Func<StandardNormalRule?>? refinement,
        Func<StandardNormalRule?>? coarsening = null,
        int replicateCount = 0,
        int replicateSize = 0)
    {
        if (dimension < 1) throw new ArgumentException("Rule dimension must be at least 1.", nameof(dimension));
        if (weights.Length == 0) throw new ArgumentException("A rule needs at least one node.", nameof(weights));
        if (nodes.Length != weights.Length * dimension)
            throw new ArgumentException($"Node array length {nodes.Length} is not Count·k = {weights.Length}·{dimension}.", nameof(nodes));
        if (replicateCount > 0 && replicateCount * replicateSize != weights.Length)
            throw new ArgumentException("Replicate blocks must tile the node list.", nameof(replicateCount));
        Dimension = dimension;
        _nodes = nodes;
        _weights = weights;
        Name = name;
        Family = family;
        ExactDegree = exactDegree;
        ReplicateCount = replicateCount;
        ReplicateSize = replicateSize;
        _refinement = new Lazy<StandardNormalRule?>(refinement ?? (() => null), LazyThreadSafetyMode.ExecutionAndPublication);
        _coarsening = new Lazy<StandardNormalRule?>(coarsening ?? (() => null), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Dimension k of the standard normal vector z.</summary>
    public int Dimension { get; }

    /// <summary>Number of nodes.</summary>
    public int Count => _weights.Length;

    /// <summary>Human-readable description, e.g. "Gauss–Hermite tensor n=10, k=2 (100 nodes)".</summary>
    public string Name { get; }

    /// <summary>The construction this rule comes from.</summary>
    public StandardNormalRuleFamily Family { get; }

    /// <summary>
    /// Total polynomial degree D such that the rule is exact for every polynomial of total degree ≤ D
    /// (tensor Gauss–Hermite is exact to degree 2n − 1 in each coordinate separately); null for randomised rules.
    /// </summary>
    public int? ExactDegree { get; }

    /// <summary>How errors are estimated for this rule.</summary>
    public GaussianErrorMethod ErrorMethod =>
        ReplicateCount > 0 ? GaussianErrorMethod.Replicates : GaussianErrorMethod.Refinement;

    /// <summary>Number R of independent replicate blocks (0 for deterministic rules).</summary>
    public int ReplicateCount { get; }

    /// <summary>Nodes per replicate block (0 for deterministic rules).</summary>
    public int ReplicateSize { get; }

    /// <summary>
    /// The finer rule used for the error estimate of a deterministic rule (tensor Gauss–Hermite n → n + 4, sparse
    /// level ℓ → ℓ + 1, Genz–Keister order → next order), built on first access; null when none exists or it would
    /// exceed <see cref="MaxNodeCount"/>, and for randomised rules.
    /// </summary>
    public StandardNormalRule? Refinement => _refinement.Value;

    /// <summary>
    /// The next coarser rule of the same family (n − 4, level − 1, previous order), used to measure the convergence
    /// ratio behind the error estimate; null when none exists and for randomised rules.
    /// </summary>
    public StandardNormalRule? Coarsening => _coarsening.Value;

    /// <summary>All nodes, row-major: node j occupies [j·k, j·k + k).</summary>
    public ReadOnlySpan<double> Nodes => _nodes;

    /// <summary>All weights (sum 1).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Node j (length k).</summary>
    public ReadOnlySpan<double> Node(int j) => new(_nodes, j * Dimension, Dimension);

    /// <summary>
    /// Writes x_j = m + C z_j for every node into <paramref name="destination"/> (row-major, Count × m.Length):
    /// the nodes of the rule for E f(x), x ~ N(m, C Cᵀ). No allocation.
    /// </summary>
    /// <param name="mean">m ∈ R^p.</param>
    /// <param name="root">C, p × k with k = <see cref="Dimension"/>.</param>
    /// <param name="destination">At least Count·p doubles.</param>
    public void Transform(ReadOnlySpan<double> mean, PsdSquareRoot root, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.Rows != mean.Length)
            throw new ArgumentException($"Root has {root.Rows} rows but the mean has length {mean.Length}.", nameof(root));
        Transform(mean, root.Factor, root.Columns, destination);
    }

    /// <summary>
    /// Writes x_j = m + C z_j for every node (row-major, Count × m.Length), with C given row-major as
    /// p × k (k = <see cref="Dimension"/>, p = m.Length). No allocation.
    /// </summary>
    public void Transform(ReadOnlySpan<double> mean, ReadOnlySpan<double> factor, int factorColumns, Span<double> destination)
    {
        int k = Dimension;
        int p = mean.Length;
        if (factorColumns != k)
            throw new ArgumentException($"Factor has {factorColumns} columns but the rule has dimension {k}.", nameof(factorColumns));
        if (factor.Length != p * k)
            throw new ArgumentException($"Factor length {factor.Length} is not p·k = {p}·{k}.", nameof(factor));
        if (destination.Length < Count * p)
            throw new ArgumentException($"Destination needs {Count * p} doubles, has {destination.Length}.", nameof(destination));
        ReadOnlySpan<double> nodes = _nodes;
        for (int j = 0; j < Count; j++)
        {
            var z = nodes.Slice(j * k, k);
            var x = destination.Slice(j * p, p);
            for (int i = 0; i < p; i++)
            {
                var row = factor.Slice(i * k, k);
                double s = mean[i];
                for (int l = 0; l < k; l++) s += row[l] * z[l];
                x[i] = s;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// One finite-d xor run to simulate (xor.md §3): parameters, data dimension d, seed, the output grid, and optionally times
/// at which to keep the full state (for empirical spectra). Validated on construction: d must be an integer ≥ K + 2
/// (parameters.md) and the number of SGD steps T·d/c_δ must fit a long.
/// </summary>
public sealed record XorSimulationProblem
{
    /// <summary>A validated problem.</summary>
    /// <param name="parameters">Model parameters.</param>
    /// <param name="dimension">Data dimension d ≥ K + 2.</param>
    /// <param name="seed">Replicate seed (keys every random stream, <see cref="XorStreams"/>).</param>
    /// <param name="grid">Output times; observables are recorded at the step ℓ nearest to t/δ (claims.md §0).</param>
    /// <param name="snapshotTimes">Times at which the full state is kept (step nearest to t/δ); null or empty for none. The
    /// final state is always kept.</param>
    /// <exception cref="InputException">d out of range, or too many steps.</exception>
    public XorSimulationProblem(XorParameters parameters, int dimension, long seed, TimeGrid grid, IReadOnlyList<double>? snapshotTimes = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(grid);
        parameters.ValidateDimension(dimension);
        double steps = grid.End * dimension / parameters.CDelta;
        if (!(steps < 4e18)) throw new InputException($"T·d/cdelta = {steps:G3} SGD steps is too many");
        var snapshots = (snapshotTimes ?? []).ToArray();
        foreach (double t in snapshots)
            if (!double.IsFinite(t) || t < 0 || t * dimension / parameters.CDelta >= 4e18)
                throw new ArgumentException($"snapshot times must be finite, ≥ 0 and reachable (got {t})", nameof(snapshotTimes));
        Array.Sort(snapshots);
        Parameters = parameters;
        Dimension = dimension;
        Seed = seed;
        Grid = grid;
        SnapshotTimes = snapshots;
    }

    /// <summary>Model parameters.</summary>
    public XorParameters Parameters { get; }

    /// <summary>Data dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Replicate seed.</summary>
    public long Seed { get; }

    /// <summary>Output grid.</summary>
    public TimeGrid Grid { get; }

    /// <summary>Times at which the full state is kept (sorted).</summary>
    public IReadOnlyList<double> SnapshotTimes { get; }

    /// <summary>Step size δ = c_δ/d (xor.md §0, units trap: d is the data dimension).</summary>
    public double StepSize => Parameters.CDelta / Dimension;

    /// <summary>The SGD step ℓ nearest to t/δ = t·d/c_δ (claims.md §0), rounding halves up.</summary>
    public long StepAt(double time) => (long)Math.Floor(time * Dimension / Parameters.CDelta + 0.5);
}

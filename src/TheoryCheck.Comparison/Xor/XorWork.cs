using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models.Xor;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// Cost models of the xor computations in the units of <see cref="WorkEstimate"/> (SGD element-updates, about 4 ns each):
/// SGD steps (xor.md §3), the effective ODE with its QMC right-hand side (xor.md §5.1), the population observables
/// (xor.md §6), empirical spectra (xor.md §9.4) and the spectral predictions (xor.md §9.2–§9.3). Approximate (within a
/// small factor): they exist to refuse what would run for hours, not to predict run times.
/// </summary>
internal static class XorWork
{
    /// <summary>
    /// Units of one evaluation of the population loss and accuracy at a state (both rules, 4 clusters; the accuracy's
    /// line-conditioned rule dominates): measured 37 ms at K = 4 on the development machine, i.e. about 2.3·10⁶·K units.
    /// </summary>
    private static double ObservableUnits(int k) => 2.3e6 * k;

    /// <summary>
    /// One SGD run of engine <c>full</c> to time <paramref name="end"/>: T·d/c_δ steps of (0.5 + 0.5K)·d units (d normals
    /// and one fused SIMD pass over the K rows; measured 1.2 µs per step at d = 150, K = 4), the frame's Gram–Schmidt
    /// (2(K + 2)²d), and at each of the <paramref name="gridPoints"/> records the statistics (K²d) and the observables.
    /// Memory: the rows, the frame and the records.
    /// </summary>
    public static WorkEstimate Sgd(XorParameters p, int d, double end, int gridPoints, int snapshots = 0)
    {
        int k = p.Width;
        double steps = Math.Max(end, 0) * d / p.CDelta;
        double work = steps * (0.5 + 0.5 * k) * d + 2.0 * (k + 2) * (k + 2) * (double)d
                      + gridPoints * ((double)k * k * d + ObservableUnits(k));
        double observables = XorModel.ObservableCount(k);
        double memory = (8.0 + (k + 2) + (double)k * snapshots) * k * d * 8
                        + gridPoints * observables * (8 + WorkEstimate.BytesPerDocumentNumber);
        return new WorkEstimate(work, memory);
    }

    /// <summary>
    /// One run of engine <c>subspace</c> (docs/theory/subspace.md §10): a fixed number of small dense operations per step
    /// in the (K + 2)-dimensional frame, about 1.5·(K + 2)² + 0.03·K³ units (measured 0.21 µs at K = 4, 0.62 µs at K = 8;
    /// docs/performance-xor.md), whatever d is; the observables at each record; memory O(K²) per record.
    /// </summary>
    public static WorkEstimate Subspace(XorParameters p, int d, double end, int gridPoints)
    {
        int k = p.Width;
        double steps = Math.Max(end, 0) * d / p.CDelta;
        double work = steps * (1.5 * (k + 2) * (k + 2) + 0.03 * k * k * k) + gridPoints * ObservableUnits(k);
        double observables = XorModel.ObservableCount(k);
        double memory = 256.0 * (k + 4) * 8 + gridPoints * (k * k + 3.0 * k + observables) * 8
                        + gridPoints * observables * WorkEstimate.BytesPerDocumentNumber;
        return new WorkEstimate(work, memory);
    }

    /// <summary>
    /// The effective ODE to time <paramref name="end"/> (xor.md §5.1): about 40 + 60T right-hand sides of Dormand–Prince at
    /// rtol 1e-5 (measured 344 to T = 6), each N·4 cluster evaluations of K units (N = R·n points), the error estimate's
    /// block solves (RK4, step 0.1: 40T evaluations of n points each per block, i.e. the same N in total), and the
    /// observables at every grid point.
    /// </summary>
    public static WorkEstimate Ode(XorParameters p, int gridPoints, double end, XorTheoryOptions? options = null)
    {
        options ??= XorTheoryOptions.Default;
        int k = p.Width;
        double t = Math.Max(end, 0);
        double perRhs = options.QmcPoints * 4.0 * (k + 2);
        double evaluations = 40 + 60 * t + (options.EstimateQmcError ? 4 * t / options.ErrorEstimateStep : 0);
        double work = evaluations * perRhs + gridPoints * ObservableUnits(k);
        double memory = options.QmcPoints * (double)k * 8 * 2 + gridPoints * XorModel.ObservableCount(k) * (8 + WorkEstimate.BytesPerDocumentNumber);
        return new WorkEstimate(work, memory);
    }

    /// <summary>
    /// Empirical spectra of one state on M = ⌈φd⌉ test samples (xor.md §9.4): drawing the samples (2Md), the pre-activations
    /// (KMd), and per first-layer block a Lanczos run of about 30 + 4·<paramref name="top"/> products of ~M/2 rows each
    /// (2 units per row coordinate), or the K×K second-layer matrix (MK²).
    /// </summary>
    public static WorkEstimate Spectra(XorParameters p, int d, double phi, int firstLayerBlocks, int top, bool secondLayer)
    {
        int k = p.Width;
        double m = Math.Ceiling(phi * d);
        double work = m * d * (2.0 + k) + firstLayerBlocks * (30.0 + 4 * top) * m * d + (secondLayer ? m * k * k * 2.0 : 0);
        double memory = m * d * 8 * (firstLayerBlocks > 0 ? 1.5 : 1) + m * k * 8 + (top + 30.0) * d * 8;
        return new WorkEstimate(work, memory);
    }

    /// <summary>
    /// The spectral prediction of one first-layer block (xor.md §9.2; solving the effective spectrum on the QMC nodes, once
    /// plus once per scrambling for the error estimate) or the second-layer matrices (§9.3): about 2000·N·(K + 2)² units.
    /// </summary>
    public static WorkEstimate Prediction(XorParameters p, XorTheoryOptions? options = null)
    {
        options ??= XorTheoryOptions.Default;
        double q = p.Width + 2;
        return new WorkEstimate(2000.0 * options.QmcPoints * q * q / 64, options.QmcPoints * q * q * 8.0);
    }
}

namespace TheoryCheck.Models.Xor;

/// <summary>
/// Which clusters a classifier covers (xor.md §7.3) [convention]: cluster ϑ is covered iff its noiseless output
/// s(ϑ) = Σ_j v_j g(W_j·ϑ) exceeds τ for the label-1 clusters ±μ, or is below −τ for the label-0 clusters ±ν, with
/// τ = 0.05. A function of (v, W·μ, W·ν) alone, so the ODE and SGD report it alike (observable <c>covered</c>).
/// </summary>
public static class XorCoverage
{
    /// <summary>The threshold τ = 0.05 of xor.md §7.3.</summary>
    public const double Threshold = 0.05;

    /// <summary>Whether cluster ϑ (0..3: +μ, −μ, +ν, −ν) is covered at threshold τ.</summary>
    public static bool IsCovered(XorStatistics statistics, int cluster, double threshold = Threshold)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        double s = statistics.ClusterScore(cluster);
        return XorClusters.Label(cluster) == 1 ? s > threshold : s < -threshold;
    }

    /// <summary>Number of covered clusters (0..4) at threshold τ.</summary>
    public static int Count(XorStatistics statistics, double threshold = Threshold)
    {
        int count = 0;
        for (int cluster = 0; cluster < XorClusters.Count; cluster++)
            if (IsCovered(statistics, cluster, threshold)) count++;
        return count;
    }
}

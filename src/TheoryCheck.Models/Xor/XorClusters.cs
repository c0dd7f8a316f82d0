namespace TheoryCheck.Models.Xor;

/// <summary>
/// The four clusters ϑ ∈ {+μ, −μ, +ν, −ν} of the XOR mixture (xor.md §2), each with probability 1/4, indexed
/// 0..3 in that order: a_ϑ = μ·ϑ ∈ (1, −1, 0, 0), b_ϑ = ν·ϑ ∈ (0, 0, 1, −1), label y_ϑ = 1 on ±μ and 0 on ±ν.
/// </summary>
public static class XorClusters
{
    /// <summary>Number of clusters.</summary>
    public const int Count = 4;

    /// <summary>Probability of each cluster, 1/4.</summary>
    public const double Probability = 0.25;

    private static readonly double[] s_a = [1, -1, 0, 0];
    private static readonly double[] s_b = [0, 0, 1, -1];
    private static readonly int[] s_label = [1, 1, 0, 0];
    private static readonly string[] s_names = ["+mu", "-mu", "+nu", "-nu"];

    /// <summary>a_ϑ = μ·ϑ.</summary>
    public static double MuCoordinate(int cluster) => s_a[Check(cluster)];

    /// <summary>b_ϑ = ν·ϑ.</summary>
    public static double NuCoordinate(int cluster) => s_b[Check(cluster)];

    /// <summary>y_ϑ: 1 on ±μ, 0 on ±ν.</summary>
    public static int Label(int cluster) => s_label[Check(cluster)];

    /// <summary>Display name: +mu, -mu, +nu, -nu.</summary>
    public static string Name(int cluster) => s_names[Check(cluster)];

    /// <summary>The cluster of a uniform u ∈ [0, 1): ⌊4u⌋ (clamped to 3 against round-off).</summary>
    public static int FromUniform(double uniform) => Math.Min(Count - 1, (int)(uniform * Count));

    private static int Check(int cluster) =>
        (uint)cluster < Count ? cluster : throw new ArgumentOutOfRangeException(nameof(cluster), "cluster index must lie in [0, 3]");
}

using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// The exact expected second-moment recursion of quadratic.md §2: per coordinate
/// v_i(t+1) = (1 − ηλ_i)² v_i(t) + η² s̄_i(t) for the coordinates the step moves, v_i(t+1) = v_i(t) for the
/// frozen ones (Dom-SGD freezes B, Bulk-SGD freezes D), with s̄_i = σ² (additive), σ²λ_i (hessian) or
/// (1/b)[λ_i²v_i + λ_i(Σ_j λ_j v_j + σ²)] (streaming). The two-level path costs O(1) per step; the
/// per-coordinate path (general diagonal H, dominant block = first k coordinates) costs O(d).
/// </summary>
public static class SecondMomentRecursion
{
    /// <summary>
    /// Conditional noise variance s̄_i of one coordinate (§2) with curvature <paramref name="lambda"/>, second
    /// moment <paramref name="secondMoment"/> and 𝓛 = Σ_j λ_j v_j (<paramref name="curvatureWeightedSum"/>, streaming only).
    /// </summary>
    public static double NoiseVariance(QuadraticNoise noise, double sigma2, int batch, double lambda, double secondMoment, double curvatureWeightedSum) =>
        noise switch
        {
            QuadraticNoise.Additive => sigma2,
            QuadraticNoise.Hessian => sigma2 * lambda,
            QuadraticNoise.Streaming => (lambda * lambda * secondMoment + lambda * (curvatureWeightedSum + sigma2)) / batch,
            _ => throw new ArgumentOutOfRangeException(nameof(noise)),
        };

    /// <summary>The noise variances (s̄_D, s̄_B) of the two-level state <paramref name="v"/>.</summary>
    public static (double Dominant, double Bulk) NoiseVariances(QuadraticParameters p, TwoLevelMoments v)
    {
        double sum = p.DominantCount * p.LambdaDominant * v.Dominant + (double)p.BulkCount * p.LambdaBulk * v.Bulk;
        return (NoiseVariance(p.Noise, p.NoiseVariance, p.Batch, p.LambdaDominant, v.Dominant, sum),
                NoiseVariance(p.Noise, p.NoiseVariance, p.Batch, p.LambdaBulk, v.Bulk, sum));
    }

    /// <summary>One step of the two-level recursion with update rule <paramref name="method"/> and step size <paramref name="eta"/>.</summary>
    public static TwoLevelMoments Step(QuadraticParameters p, TwoLevelMoments v, QuadraticMethod method, double eta)
    {
        var (sd, sb) = NoiseVariances(p, v);
        double ad = 1 - eta * p.LambdaDominant, ab = 1 - eta * p.LambdaBulk;
        double nextD = method == QuadraticMethod.Bulk ? v.Dominant : ad * ad * v.Dominant + eta * eta * sd;
        double nextB = method == QuadraticMethod.Dom ? v.Bulk : ab * ab * v.Bulk + eta * eta * sb;
        return new(nextD, nextB);
    }

    /// <summary>Block moments (D, B) of the two-level state <paramref name="v"/>.</summary>
    public static (BlockMoments Dominant, BlockMoments Bulk) Blocks(QuadraticParameters p, TwoLevelMoments v)
    {
        var (sd, sb) = NoiseVariances(p, v);
        return (BlockMoments.Uniform(p.DominantCount, p.LambdaDominant, v.Dominant, sd),
                BlockMoments.Uniform(p.BulkCount, p.LambdaBulk, v.Bulk, sb));
    }

    /// <summary>
    /// Per-coordinate noise variances s̄_i of the state <paramref name="v"/> for a general diagonal
    /// H = diag(<paramref name="lambda"/>) (noise model, σ² and b from <paramref name="p"/>).
    /// </summary>
    public static void NoiseVariances(QuadraticParameters p, ReadOnlySpan<double> lambda, ReadOnlySpan<double> v, Span<double> noiseVariances)
    {
        CheckLengths(lambda, v, noiseVariances);
        double sum = 0;
        for (int i = 0; i < lambda.Length; i++) sum += lambda[i] * v[i];
        for (int i = 0; i < lambda.Length; i++)
            noiseVariances[i] = NoiseVariance(p.Noise, p.NoiseVariance, p.Batch, lambda[i], v[i], sum);
    }

    /// <summary>
    /// One step of the per-coordinate recursion for a general diagonal H = diag(<paramref name="lambda"/>)
    /// whose first <paramref name="dominantCount"/> coordinates form D: writes v(t+1) into <paramref name="next"/>
    /// (which may not alias <paramref name="v"/>). <paramref name="scratch"/> receives s̄(t).
    /// </summary>
    public static void Step(QuadraticParameters p, ReadOnlySpan<double> lambda, int dominantCount, ReadOnlySpan<double> v,
        Span<double> next, Span<double> scratch, QuadraticMethod method, double eta)
    {
        CheckLengths(lambda, v, next);
        if ((uint)dominantCount > (uint)lambda.Length) throw new ArgumentOutOfRangeException(nameof(dominantCount));
        NoiseVariances(p, lambda, v, scratch);
        for (int i = 0; i < lambda.Length; i++)
        {
            bool dominant = i < dominantCount;
            bool frozen = method == QuadraticMethod.Dom ? !dominant : method == QuadraticMethod.Bulk && dominant;
            double a = 1 - eta * lambda[i];
            next[i] = frozen ? v[i] : a * a * v[i] + eta * eta * scratch[i];
        }
    }

    /// <summary>Block moments (D = first k coordinates, B = the rest) of a per-coordinate state.</summary>
    public static (BlockMoments Dominant, BlockMoments Bulk) Blocks(QuadraticParameters p, ReadOnlySpan<double> lambda, int dominantCount, ReadOnlySpan<double> v)
    {
        var s = new double[lambda.Length];
        NoiseVariances(p, lambda, v, s);
        return (BlockMoments.Of(lambda[..dominantCount], v[..dominantCount], s.AsSpan(0, dominantCount)),
                BlockMoments.Of(lambda[dominantCount..], v[dominantCount..], s.AsSpan(dominantCount)));
    }

    /// <summary>
    /// Noise floor v* = ηs/(λ(2 − ηλ)) of one coordinate with state-independent noise variance s (additive:
    /// s = σ², hessian: s = σ²λ) under constant η (§2); the closed form is v(t) = (1 − ηλ)^{2t}(v(0) − v*) + v*.
    /// </summary>
    public static double NoiseFloor(double eta, double lambda, double noiseVariance) => eta * noiseVariance / (lambda * (2 - eta * lambda));

    /// <summary>
    /// Streaming stability (§2): Σ_i (η/b)λ_i/(2 − ηλ_i(1 + 1/b)) &lt; 1 with every denominator positive
    /// (two-level spectrum of <paramref name="p"/>, SGD at its step size).
    /// </summary>
    public static bool StreamingStable(QuadraticParameters p)
    {
        double b = p.Batch, eta = p.StepSize;
        double denD = 2 - eta * p.LambdaDominant * (1 + 1 / b), denB = 2 - eta * p.LambdaBulk * (1 + 1 / b);
        if (denD <= 0 || denB <= 0) return false;
        return p.DominantCount * eta / b * p.LambdaDominant / denD + p.BulkCount * eta / b * p.LambdaBulk / denB < 1;
    }

    private static void CheckLengths(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        if (a.Length != b.Length || a.Length != c.Length) throw new ArgumentException("per-coordinate spans must have the same length d");
    }
}

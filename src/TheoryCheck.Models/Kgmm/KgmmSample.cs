namespace TheoryCheck.Models.Kgmm;

/// <summary>
/// Per-sample kernels of the kgmm network (kgmm.md §2) on the logits ζ_c = x^c·Y of one sample with label b
/// (0-based class index). Every per-sample matrix of the model has the form h·YYᵀ; these functions return the
/// scalar weights h. Spans in, caller-owned spans out, no allocation.
/// </summary>
public static class KgmmSample
{
    /// <summary>
    /// Softmax π_c = exp(ζ_c − max ζ)/Σ_e exp(ζ_e − max ζ) (maximum subtracted, so no overflow) written to
    /// <paramref name="pi"/>; returns log Σ_e exp(ζ_e) (the log-partition, computed stably).
    /// </summary>
    public static double Softmax(ReadOnlySpan<double> logits, Span<double> pi)
    {
        int k = logits.Length;
        if (pi.Length != k) throw new ArgumentException("pi must have the length of logits");
        double max = double.NegativeInfinity;
        for (int c = 0; c < k; c++) if (logits[c] > max) max = logits[c];
        double sum = 0;
        for (int c = 0; c < k; c++)
        {
            double e = Math.Exp(logits[c] - max);
            pi[c] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int c = 0; c < k; c++) pi[c] *= inv;
        return max + Math.Log(sum);
    }

    /// <summary>Cross-entropy −log π_b = log Σ_e exp(ζ_e) − ζ_b (stable; no softmax buffer needed).</summary>
    public static double CrossEntropy(ReadOnlySpan<double> logits, int label)
    {
        CheckLabel(label, logits.Length);
        double max = double.NegativeInfinity;
        foreach (double z in logits) if (z > max) max = z;
        double sum = 0;
        foreach (double z in logits) sum += Math.Exp(z - max);
        return max + Math.Log(sum) - logits[label];
    }

    /// <summary>
    /// Per-sample loss L = −log π_b + (β/2)Σ_c‖x^c‖² (kgmm.md §2), given the logits and Σ_c‖x^c‖² = tr R.
    /// </summary>
    public static double Loss(ReadOnlySpan<double> logits, int label, double beta, double squaredNormSum) =>
        CrossEntropy(logits, label) + 0.5 * beta * squaredNormSum;

    /// <summary>
    /// Gradient weights w_c = π_c − y_c = π_c − δ_{bc}: ∇_{x^c}L = w_c·Y + βx^c (kgmm.md §2). Writes k numbers.
    /// </summary>
    public static void GradientWeights(ReadOnlySpan<double> pi, int label, Span<double> weights)
    {
        int k = pi.Length;
        CheckLabel(label, k);
        if (weights.Length != k) throw new ArgumentException("weights must have length k");
        pi.CopyTo(weights);
        weights[label] -= 1.0;
    }

    /// <summary>
    /// Hessian weights h_{cc'} = π_c(δ_{cc'} − π_{c'}) of the data term ∇²_{x^c x^{c'}}L = h_{cc'}·YYᵀ + βδ_{cc'}I
    /// (kgmm.md §2). Writes the k×k matrix row-major into <paramref name="weights"/> (length k²).
    /// </summary>
    public static void HessianWeights(ReadOnlySpan<double> pi, Span<double> weights)
    {
        int k = pi.Length;
        if (weights.Length != k * k) throw new ArgumentException("weights must have length k²");
        for (int c = 0; c < k; c++)
        {
            var row = weights.Slice(c * k, k);
            double pc = pi[c];
            for (int e = 0; e < k; e++) row[e] = -pc * pi[e];
            row[c] += pc;
        }
    }

    /// <summary>
    /// G weights g_{cc'} = (π_c − δ_{bc})(π_{c'} − δ_{bc'}) of the per-sample gradient second moment (data term
    /// only, kgmm.md §2). Writes the k×k matrix row-major into <paramref name="weights"/> (length k²).
    /// </summary>
    public static void GWeights(ReadOnlySpan<double> pi, int label, Span<double> weights)
    {
        int k = pi.Length;
        CheckLabel(label, k);
        if (weights.Length != k * k) throw new ArgumentException("weights must have length k²");
        for (int c = 0; c < k; c++)
        {
            double wc = pi[c] - (c == label ? 1.0 : 0.0);
            var row = weights.Slice(c * k, k);
            for (int e = 0; e < k; e++) row[e] = wc * (pi[e] - (e == label ? 1.0 : 0.0));
        }
    }

    /// <summary>Diagonal Hessian weight π_c(1 − π_c) of block (c, c).</summary>
    public static double HessianBlockWeight(ReadOnlySpan<double> pi, int c) => pi[c] * (1.0 - pi[c]);

    /// <summary>Diagonal G weight (π_c − δ_{bc})² of block (c, c).</summary>
    public static double GBlockWeight(ReadOnlySpan<double> pi, int label, int c)
    {
        double w = pi[c] - (c == label ? 1.0 : 0.0);
        return w * w;
    }

    private static void CheckLabel(int label, int k)
    {
        if ((uint)label >= (uint)k) throw new ArgumentOutOfRangeException(nameof(label), $"label must lie in [0, {k - 1}] (0-based)");
    }
}

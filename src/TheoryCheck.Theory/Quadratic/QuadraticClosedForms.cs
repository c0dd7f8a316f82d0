using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// Leading-order closed forms of quadratic.md §6 for constant η and a large initialisation: the turning time
/// t_min, the minimum χ²_min and the plateau χ²_∞ for additive noise (§6.1), and the streaming plateau odds (§6.2).
/// Parameters are read from a <see cref="QuadraticParameters"/> (two-level spectrum).
/// </summary>
public static class QuadraticClosedForms
{
    /// <summary>
    /// v_D^turn = ησ²/[2(λ_D − λ_B) − η(λ_D² − λ_B²) + ησ²/v_B] (§6.1, additive): the alignment turns when v_D falls
    /// below it; v_B ≈ R² in phase 1 unless given.
    /// </summary>
    public static double TurningMoment(QuadraticParameters p, double? bulkMoment = null)
    {
        double eta = p.StepSize, s2 = p.NoiseVariance, ld = p.LambdaDominant, lb = p.LambdaBulk;
        double vb = bulkMoment ?? p.InitScale * p.InitScale;
        return eta * s2 / (2 * (ld - lb) - eta * (ld * ld - lb * lb) + eta * s2 / vb);
    }

    /// <summary>
    /// t_min ≈ ln((R² − v_D*)/(v_D^turn − v_D*)) / (−2 ln|1 − ηλ_D|) with v_D* = ησ²/(λ_D(2 − ηλ_D)) (§6.1, additive
    /// noise). NaN when degenerate (ηλ_D = 1, or v_D^turn ≤ v_D*: the alignment never turns by this mechanism).
    /// </summary>
    public static double TurningTime(QuadraticParameters p)
    {
        double eta = p.StepSize, ld = p.LambdaDominant;
        double floor = SecondMomentRecursion.NoiseFloor(eta, ld, p.NoiseVariance);
        double turn = TurningMoment(p), r2 = p.InitScale * p.InitScale;
        double contraction = Math.Abs(1 - eta * ld);
        if (contraction == 0 || turn <= floor || r2 <= turn) return double.NaN;
        return Math.Log((r2 - floor) / (turn - floor)) / (-2 * Math.Log(contraction));
    }

    /// <summary>χ²_min ≈ kλ_D²v_D*/(kλ_D²v_D* + (d − k)λ_B²R²) (§6.1, additive noise).</summary>
    public static double MinimumAlignment(QuadraticParameters p)
    {
        double gd = p.DominantCount * p.LambdaDominant * p.LambdaDominant * SecondMomentRecursion.NoiseFloor(p.StepSize, p.LambdaDominant, p.NoiseVariance);
        double gb = (double)p.BulkCount * p.LambdaBulk * p.LambdaBulk * p.InitScale * p.InitScale;
        return gd / (gd + gb);
    }

    /// <summary>
    /// Plateau odds r_∞ = G_D*/G_B* with G_S* = |S|λ_S²v_S*, v_S* = ηs_S/(λ_S(2 − ηλ_S)) (§6.1): for additive noise
    /// r_∞ = kλ_D(2 − ηλ_B)/((d − k)λ_B(2 − ηλ_D)); for hessian noise (s_S = σ²λ_S) the same with an extra factor λ_D/λ_B.
    /// Not defined for streaming noise (see <see cref="StreamingPlateauOdds"/>).
    /// </summary>
    public static double PlateauOdds(QuadraticParameters p)
    {
        double sd, sb;
        switch (p.Noise)
        {
            case QuadraticNoise.Additive: sd = sb = p.NoiseVariance; break;
            case QuadraticNoise.Hessian: sd = p.NoiseVariance * p.LambdaDominant; sb = p.NoiseVariance * p.LambdaBulk; break;
            default: throw new InvalidOperationException("the constant-noise plateau (§6.1) needs additive or hessian noise");
        }
        double gd = p.DominantCount * p.LambdaDominant * p.LambdaDominant * SecondMomentRecursion.NoiseFloor(p.StepSize, p.LambdaDominant, sd);
        double gb = (double)p.BulkCount * p.LambdaBulk * p.LambdaBulk * SecondMomentRecursion.NoiseFloor(p.StepSize, p.LambdaBulk, sb);
        return gd / gb;
    }

    /// <summary>χ²_∞ = r_∞/(1 + r_∞) (§6.1).</summary>
    public static double PlateauAlignment(QuadraticParameters p)
    {
        double r = PlateauOdds(p);
        return r / (1 + r);
    }

    /// <summary>
    /// Streaming plateau odds r ≈ kηλ_D²/(λ_B[b(2 − ηλ_D(1 + 1/b)) − kηλ_D]) (§6.2), valid while the bracket is
    /// positive (NaN otherwise), the bulk part of the loss dominates σ² and ηλ_B ≪ 1.
    /// </summary>
    public static double StreamingPlateauOdds(QuadraticParameters p)
    {
        double eta = p.StepSize, ld = p.LambdaDominant, b = p.Batch, k = p.DominantCount;
        double bracket = b * (2 - eta * ld * (1 + 1 / b)) - k * eta * ld;
        return bracket > 0 ? k * eta * ld * ld / (p.LambdaBulk * bracket) : double.NaN;
    }

    /// <summary>Streaming plateau alignment r/(1 + r) (§6.2).</summary>
    public static double StreamingPlateauAlignment(QuadraticParameters p)
    {
        double r = StreamingPlateauOdds(p);
        return r / (1 + r);
    }
}

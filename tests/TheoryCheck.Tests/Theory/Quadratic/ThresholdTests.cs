using TheoryCheck.Models.Quadratic;
using TheoryCheck.Theory.Quadratic;

namespace TheoryCheck.Tests.Theory.Quadratic;

/// <summary>η*_t, η_dom, η_bulk and the one-step predictions of quadratic.md §4–§5.</summary>
public class ThresholdTests
{
    private static double NextAlignment(QuadraticParameters p, TwoLevelMoments v, double eta)
    {
        var n = SecondMomentRecursion.Step(p, v, QuadraticMethod.Sgd, eta);
        double gd = p.DominantCount * p.LambdaDominant * p.LambdaDominant * n.Dominant;
        double gb = p.BulkCount * p.LambdaBulk * p.LambdaBulk * n.Bulk;
        return gd / (gd + gb);
    }

    [Theory]
    [InlineData(QuadraticNoise.Additive, 0.5, 5)]
    [InlineData(QuadraticNoise.Additive, 0.5, 8)]
    [InlineData(QuadraticNoise.Additive, 0.25, 20)]
    [InlineData(QuadraticNoise.Hessian, 0.5, 3)]
    [InlineData(QuadraticNoise.Streaming, 0.05, 2)]
    public void EtaStarSeparatesDecreasingFromIncreasingSteps(QuadraticNoise noise, double eta, long t)
    {
        // The one-step criterion is exact for the recursion: a step slightly below η*_t decreases χ²_RE, slightly above increases it.
        var p = QuadraticParameters.Base with { Noise = noise, StepSize = eta, Batch = 8, InitScale = noise == QuadraticNoise.Streaming ? 30 : 100 };
        var s = QuadraticTheory.Solve(p, t);
        var a = s.Analysis(t);
        Assert.Equal(AlignmentRegime.LowAlignment, a.Regime);
        double star = a.EtaStar, now = s.Alignment(t);
        Assert.True(star > 0 && double.IsFinite(star));
        Assert.True(NextAlignment(p, s.Moments(t), star * 0.999) < now);
        Assert.True(NextAlignment(p, s.Moments(t), star * 1.001) > now);
        // The predicted change is the change of the recursion itself (the recursion with a different η for one step).
        foreach (double h in new[] { 0.1, 0.7, 1.3, 1.9 })
            Assert.Equal(NextAlignment(p, s.Moments(t), h) - now, a.AlignmentChange(h), 1e-12);
    }

    [Fact]
    public void TwoLevelAdditiveEtaStarHasTheClosedForm()
    {
        // §4: η*_t = 2(λ_D − λ_B)/[λ_D² − λ_B² + σ²/v_D − σ²/v_B].
        var p = QuadraticParameters.Base with { NoiseVariance = 2.5 };
        var s = QuadraticTheory.Solve(p, 40);
        foreach (long t in new long[] { 0, 4, 9, 13, 40 })
        {
            var v = s.Moments(t);
            double expected = 2 * (1 - 0.001) / (1 - 1e-6 + 2.5 / v.Dominant - 2.5 / v.Bulk);
            Assert.Equal(expected, s.EtaStar(t), 1e-10 * expected);
        }
        // Hessian: σ²λ_S/v_S.
        var h = QuadraticTheory.Solve(p with { Noise = QuadraticNoise.Hessian }, 10);
        var w = h.Moments(10);
        double eh = 2 * (1 - 0.001) / (1 - 1e-6 + 2.5 / w.Dominant - 2.5 * 0.001 / w.Bulk);
        Assert.Equal(eh, h.EtaStar(10), 1e-10 * eh);
    }

    [Fact]
    public void NoiseFreeLimitOfEtaStarIsTwoOverTheSumOfCurvatures()
    {
        // §4: η*_0 → 2/(λ_D + λ_B) for large initialisation; the first step decreases χ² iff |1 − ηλ_D| < |1 − ηλ_B|.
        var p = QuadraticParameters.Base with { LambdaBulk = 0.2, InitScale = 1e6 };
        var a = QuadraticTheory.Solve(p, 0).Analysis(0);
        Assert.Equal(2 / 1.2, a.EtaStar, 1e-9);
        // Reference (d = 2000, k = 20, λ_B = 0.2, σ² = 1, R = 100): η*_0 = 1.6667 (4 decimals).
        var r = QuadraticTheory.Solve(p with { InitScale = 100 }, 0).Analysis(0);
        Assert.Equal(1.6667, r.EtaStar, 5e-5);
    }

    [Fact]
    public void HighAlignmentStateSelfCorrectsForEveryStepSize()
    {
        // §4 reference: d = 2000, k = 200, λ_B = 0.2, deterministic e_i = 1 on D, 0.5 on B: χ² = 200/218, Δ = −2.04.
        var p = QuadraticParameters.Base with { DominantCount = 200, LambdaBulk = 0.2 };
        var (dom, bulk) = SecondMomentRecursion.Blocks(p, new TwoLevelMoments(1, 0.25));
        var a = new OneStepAnalysis(dom, bulk);
        Assert.Equal(200.0 / 218.0, a.Alignment, 1e-12);
        // Δ = (1 + 1/1) − (0.04 + 1/0.25) = 2 − 4.04 = −2.04 exactly (κ_S = λ_S², ν_S = σ²/v_S).
        Assert.Equal(-2.04, a.Delta, 1e-12);
        Assert.Equal(AlignmentRegime.HighAlignment, a.Regime);
        Assert.Equal(double.PositiveInfinity, a.EtaStar);
        double[] etas = [0.1, 0.5, 1.0, 1.5, 1.9];
        double[] reference = [-0.0164, -0.1632, -0.2120, -0.1721, -0.1493];
        for (int i = 0; i < etas.Length; i++)
        {
            Assert.True(a.AlignmentChange(etas[i]) < 0);
            Assert.Equal(reference[i], a.AlignmentChange(etas[i]), 6e-5);
        }
        for (double eta = 0.01; eta < 2; eta += 0.01) Assert.True(a.AlignmentChange(eta) < 0);
    }

    [Theory]
    [InlineData(QuadraticNoise.Additive)]
    [InlineData(QuadraticNoise.Hessian)]
    [InlineData(QuadraticNoise.Streaming)]
    public void EtaDomEqualsEtaAtTheDominantFloor(QuadraticNoise noise)
    {
        // §5 key identity. The dominant floor solves v_D = (1 − ηλ_D)²v_D + η²s̄_D; for streaming s̄_D depends on v_D:
        // s̄_D = (λ²v_D + λ(kλv_D + c + σ²))/b with c = (d − k)λ_B v_B, a linear equation in v_D.
        var p = QuadraticParameters.Base with { Noise = noise, StepSize = 0.3, Batch = 16, NoiseVariance = 0.8 };
        double eta = p.StepSize, l = p.LambdaDominant, vb = 37.0;
        double vd = noise switch
        {
            QuadraticNoise.Additive => eta * 0.8 / (l * (2 - eta * l)),
            QuadraticNoise.Hessian => eta * 0.8 * l / (l * (2 - eta * l)),
            _ => eta * eta * l * (p.BulkCount * p.LambdaBulk * vb + 0.8) / 16
                 / (1 - (1 - eta * l) * (1 - eta * l) - eta * eta * (l * l + p.DominantCount * l * l) / 16),
        };
        var v = new TwoLevelMoments(vd, vb);
        Assert.Equal(vd, SecondMomentRecursion.Step(p, v, QuadraticMethod.Dom, eta).Dominant, 1e-12 * vd);
        var (dom, bulk) = SecondMomentRecursion.Blocks(p, v);
        Assert.Equal(eta, new OneStepAnalysis(dom, bulk).EtaDom, 1e-12);
    }

    [Theory]
    [InlineData(QuadraticNoise.Additive, 300)]
    [InlineData(QuadraticNoise.Streaming, 100)]
    public void LossChangesAreThoseOfTheFrozenBlockRecursion(QuadraticNoise noise, long t)
    {
        var p = QuadraticParameters.Base with { Noise = noise, StepSize = noise == QuadraticNoise.Streaming ? 0.05 : 0.5, Batch = 8, InitScale = 30 };
        var s = QuadraticTheory.Solve(p, t);
        var a = s.Analysis(t);
        var v = s.Moments(t);
        double Loss(TwoLevelMoments m) => 0.5 * (p.DominantCount * p.LambdaDominant * m.Dominant + p.BulkCount * p.LambdaBulk * m.Bulk);
        foreach (double eta in new[] { 0.05, 0.3, 0.55, 1.2, 1.9 })
        {
            Assert.Equal(Loss(SecondMomentRecursion.Step(p, v, QuadraticMethod.Dom, eta)) - Loss(v), a.LossChangeDominant(eta), 1e-9 * Loss(v));
            Assert.Equal(Loss(SecondMomentRecursion.Step(p, v, QuadraticMethod.Bulk, eta)) - Loss(v), a.LossChangeBulk(eta), 1e-9 * Loss(v));
            // Sign rules: ΔL_dom > 0 iff η > η_dom, ΔL_bulk < 0 iff η < η_bulk.
            Assert.Equal(eta > a.EtaDom, a.LossChangeDominant(eta) > 0);
            Assert.Equal(eta < a.EtaBulk, a.LossChangeBulk(eta) < 0);
        }
        // Two-level additive: η_S = (2/λ_S)·SNR_S/(1 + SNR_S), SNR_S = λ_S²v_S/σ².
        if (noise == QuadraticNoise.Additive)
        {
            double snr = p.LambdaBulk * p.LambdaBulk * v.Bulk;
            Assert.Equal(2 / p.LambdaBulk * snr / (1 + snr), a.EtaBulk, 1e-10 * a.EtaBulk);
        }
    }
}

using TheoryCheck.Models.Quadratic;
using TheoryCheck.Theory.Quadratic;

namespace TheoryCheck.Tests.Theory.Quadratic;

/// <summary>The closed forms of quadratic.md §6 against the exact recursion.</summary>
public class ClosedFormTests
{
    [Theory]
    [InlineData(0.25, 2000, 20)]
    [InlineData(0.5, 2000, 20)]
    [InlineData(0.75, 2000, 20)]
    [InlineData(0.5, 20000, 200)]
    [InlineData(0.4, 1000, 50)]
    public void TurningTimeAndMinimumMatchTheRecursion(double eta, int d, int k)
    {
        var p = QuadraticParameters.Base with { StepSize = eta, Dimension = d, DominantCount = k };
        var s = QuadraticTheory.Solve(p, 200);
        long argmin = s.ArgMinAlignment(200);
        // The recursion turns exactly at the first t with η*_t < η (one-step criterion, §4).
        Assert.Equal(argmin, s.FirstStepBelowEtaStar(eta, 200));
        Assert.True(Math.Abs(QuadraticClosedForms.TurningTime(p) - argmin) <= 1.5, $"t_min {QuadraticClosedForms.TurningTime(p)} vs argmin {argmin}");
        Assert.True(Math.Abs(QuadraticClosedForms.MinimumAlignment(p) - s.Alignment(argmin)) <= 0.01);
        // Monotone on both sides of the turn (up to t = 200).
        for (long t = 0; t < argmin; t++) Assert.True(s.Alignment(t + 1) < s.Alignment(t));
        for (long t = argmin; t < 200; t++) Assert.True(s.Alignment(t + 1) > s.Alignment(t));
    }

    [Theory]
    [InlineData(QuadraticNoise.Additive, 0.5)]
    [InlineData(QuadraticNoise.Additive, 0.25)]
    [InlineData(QuadraticNoise.Hessian, 0.5)]
    public void PlateauIsTheFixedPointOfTheRecursion(QuadraticNoise noise, double eta)
    {
        var p = QuadraticParameters.Base with { Noise = noise, StepSize = eta };
        var s = QuadraticTheory.Solve(p, 60000);
        Assert.Equal(QuadraticClosedForms.PlateauAlignment(p), s.Alignment(60000), 1e-9);
        // The claim's check at T = 8000 (within 0.002) for the base run.
        if (noise == QuadraticNoise.Additive && eta == 0.5)
            Assert.True(Math.Abs(QuadraticClosedForms.PlateauAlignment(p) - s.Alignment(8000)) <= 0.002);
    }

    [Theory]
    [InlineData(4, 0.05)]
    [InlineData(8, 0.05)]
    [InlineData(16, 0.05)]
    [InlineData(8, 0.1)]
    public void StreamingPlateauMatchesTheRecursion(int batch, double eta)
    {
        // §6.2: the odds settle on a plateau on [100, 4000]; formula vs recursion within 0.002 (claims.md §4.7).
        var p = QuadraticParameters.Base with { Noise = QuadraticNoise.Streaming, Batch = batch, StepSize = eta, InitScale = 30 };
        var s = QuadraticTheory.Solve(p, 4000);
        double formula = QuadraticClosedForms.StreamingPlateauAlignment(p);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (long t = 100; t <= 4000; t++) { min = Math.Min(min, s.Alignment(t)); max = Math.Max(max, s.Alignment(t)); }
        Assert.True(max - min < 0.002, $"variation {max - min}");
        Assert.True(Math.Abs(s.Alignment(2000) - formula) <= 0.002, $"recursion {s.Alignment(2000)} formula {formula}");
    }

    [Fact]
    public void EtaDomSettlesOnEtaOnceTheDominantBlockIsAtItsFloor()
    {
        // §5: η_dom = 0.500 for t ≥ 12 in the base run (the dominant block equilibrates in ~12 steps), and the key
        // identity η_dom = η is exact once v_D is at its floor. v_D − v_D* = (1 − ηλ_D)^{2t}(R² − v_D*) = 0.25^t·1e4,
        // so |η_dom − η| must fall by (1 − ηλ_D)^{16} = 0.25^8 from t = 12 to t = 20 (to first order in v_D − v_D*,
        // whose relative size at t = 12 is ~2e-3) and be at rounding level once 0.25^t·1e4 ≪ 1e-16 (t ≥ 40).
        var s = QuadraticTheory.Solve(QuadraticParameters.Base, 8000);
        foreach (long t in new long[] { 12, 20, 1280, 2000, 5120, 8000 })
            Assert.Equal(0.5, s.EtaDom(t), 1e-3);
        double ratio = (s.EtaDom(20) - 0.5) / (s.EtaDom(12) - 0.5);
        Assert.True(Math.Abs(ratio / Math.Pow(0.25, 8) - 1) <= 0.01, $"decay ratio {ratio:E4} vs 0.25^8 = {Math.Pow(0.25, 8):E4}");
        foreach (long t in new long[] { 40, 1280, 2000, 5120, 8000 })
            Assert.True(Math.Abs(s.EtaDom(t) - 0.5) <= 1e-14, $"η_dom({t}) − η = {s.EtaDom(t) - 0.5:E3}");
    }
}

using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Statistics;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Tests.Theory.Kgmm;

/// <summary>The own-sample shift of training samples (kgmm.md §14.2) and the training prediction (§14.3).</summary>
public sealed class KgmmTrainingShiftTests
{
    private static readonly KgmmParameters Reference = new(3, 10, 0.25, 1);

    /// <summary>
    /// s(0) is the own update −(c_δ/λ)(π − e_b) (mean −(c_δ/λ)D_{·b} with D from the Gaussian moments), and s(a) solves
    /// ds/da = −(βI + H̄/λ)s, integrated here by RK4 independently of the eigen-decomposition the class uses; the shift
    /// has no component along 𝟏, and β is one of the decay rates (A𝟏 = β𝟏).
    /// </summary>
    [Fact]
    public void ShiftStartsAsTheOwnUpdateAndDecaysWithTheLinearisedDynamics()
    {
        var p = Reference;
        int k = p.K;
        var state = KgmmTheory.StateAt(p, 20);
        var shift = new KgmmTrainingShift(p, state, 3);
        var d = new double[k * k];
        var hbar = new double[k * k];
        KgmmQuadrature.Moments(p, state.R).Evaluate(state.M, state.R, d, hbar, new double[k * k]);
        Assert.Contains(shift.DecayRates, rate => Math.Abs(rate - p.Beta) <= 1e-12);
        Assert.Equal(3.0, shift.WindowLength, 12);
        double[] Rk4(double[] v, double age)
        {
            int steps = 4000;
            double h = age / steps;
            double[] F(double[] x)
            {
                var r = new double[k];
                for (int c = 0; c < k; c++)
                {
                    double s = p.Beta * x[c];
                    for (int e = 0; e < k; e++) s += hbar[c * k + e] / p.Lambda * x[e];
                    r[c] = -s;
                }
                return r;
            }
            var x = (double[])v.Clone();
            for (int i = 0; i < steps; i++)
            {
                var k1 = F(x);
                var k2 = F(x.Select((t, j) => t + h / 2 * k1[j]).ToArray());
                var k3 = F(x.Select((t, j) => t + h / 2 * k2[j]).ToArray());
                var k4 = F(x.Select((t, j) => t + h * k3[j]).ToArray());
                x = x.Select((t, j) => t + h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j])).ToArray();
            }
            return x;
        }
        for (int b = 0; b < k; b++)
        {
            var start = Enumerable.Range(0, k).Select(c => -p.CDelta / p.Lambda * d[c * k + b]).ToArray();
            var atZero = shift.MeanShift(b, 0);
            for (int c = 0; c < k; c++) Assert.True(Math.Abs(atZero[c] - start[c]) <= 1e-14, $"b = {b}, c = {c}: {atZero[c]} vs {start[c]}");
            Assert.True(start[b] > 0.01, "the own logit moves up (D_bb < 0)");
            var later = shift.MeanShift(b, 2.5);
            var expected = Rk4(start, 2.5);
            for (int c = 0; c < k; c++) Assert.True(Math.Abs(later[c] - expected[c]) <= 1e-12, $"b = {b}, c = {c}: {later[c]} vs {expected[c]}");
            Assert.True(Math.Abs(later.Sum()) <= 1e-12);
            Assert.True(later[b] < 0.6 * start[b] && later[b] > 0.4 * start[b], "decay e^{−(β + O(1/λ))·2.5} ≈ 0.5");
        }
        // Per sample: s(a) = −(c_δ/λ)e^{−Aa}(π − e_b).
        double[] pi = [0.2, 0.5, 0.3];
        var sample = new double[k];
        shift.Shift(pi, 1, 1.5, sample);
        var residual = new double[] { 0.2, -0.5, 0.3 }.Select(x => -p.CDelta / p.Lambda * x).ToArray();
        var propagated = Rk4(residual, 1.5);
        for (int c = 0; c < k; c++) Assert.True(Math.Abs(sample[c] - propagated[c]) <= 1e-12);
    }

    /// <summary>With the shift scaled to 0 the training prediction is the test prediction of §11 (same rule, ages merged).</summary>
    [Theory]
    [InlineData(KgmmMatrixKind.Hessian)]
    [InlineData(KgmmMatrixKind.G)]
    public void ZeroShiftGivesTheTestPrediction(KgmmMatrixKind kind)
    {
        var p = Reference;
        var state = KgmmTheory.StateAt(p, 20);
        var test = KgmmTheory.PredictSpectrum(p, state, kind, 0, 3);
        var zero = KgmmTheory.PredictTrainingSpectrum(p, state, kind, 0, 3, shiftScale: 0);
        var train = KgmmTheory.PredictTrainingSpectrum(p, state, kind, 0, 3);
        Assert.Equal(test.Outliers.Count, zero.Outliers.Count);
        for (int j = 0; j < test.Outliers.Count; j++)
            Assert.True(Math.Abs(test.Outliers[j].Eigenvalue - zero.Outliers[j].Eigenvalue) <= 1e-10 * test.Outliers[j].Eigenvalue);
        Assert.True(Math.Abs(test.UpperEdge - zero.UpperEdge) <= 1e-10 * test.UpperEdge);
        Assert.True(Math.Abs(test.AlignmentError - zero.AlignmentError) <= 1e-9);
        // The shift changes the prediction, and improves the alignment (kgmm.md §14.3–14.4).
        Assert.True(Math.Abs(train.Outliers[0].Eigenvalue - test.Outliers[0].Eigenvalue) > 1e-4);
        Assert.True(train.AlignmentError < test.AlignmentError - 0.01);
    }

    /// <summary>
    /// The derivation against a seed ensemble at small d: the youngest third of the training window (ages [0, 1) at
    /// φ = 3, c_δ = 1) has mean own-class margin shift u = x^b·Z − (1/k)Σ_c x^c·Z as predicted by (14.2) within
    /// 3 SE + 10%, clearly above 0, while fresh samples of the same states have mean 0 within 3 SE.
    /// </summary>
    [Fact]
    public void TrainingSamplesCarryThePredictedMarginShift()
    {
        var p = Reference;
        int k = p.K, d = 300;
        const double phi = 3, end = 20;
        var shift = new KgmmTrainingShift(p, KgmmTheory.StateAt(p, end), phi);
        double predicted = 0;
        const int ages = 200;
        for (int q = 0; q < ages; q++)
            for (int b = 0; b < k; b++)
            {
                var s = shift.MeanShift(b, (q + 0.5) / ages);
                predicted += p.Probabilities[b] * (s[b] - s.Average()) / ages;
            }
        var young = new List<double>();
        var fresh = new List<double>();
        for (int seed = 0; seed < 8; seed++)
        {
            var sim = new KgmmSgdSimulation(p, d, 500 + seed);
            sim.AdvanceTo((long)(end * d / p.CDelta));
            var state = sim.Snapshot();
            young.Add(MeanMargin(state, KgmmTestSamples.Training(state, phi), maxAgeSteps: d));
            fresh.Add(MeanMargin(state, KgmmTestSamples.Draw(state, phi), maxAgeSteps: int.MaxValue));
        }
        var y = EnsembleSummary.Of(young.ToArray());
        var f = EnsembleSummary.Of(fresh.ToArray());
        Assert.True(Math.Abs(y.Mean - predicted) <= 3 * y.StandardError + 0.1 * predicted, $"training: {y.Mean} ± {y.StandardError}, predicted {predicted}");
        Assert.True(y.Mean > 3 * y.StandardError, $"the shift must be visible: {y.Mean} ± {y.StandardError}");
        Assert.True(Math.Abs(f.Mean) <= 3 * f.StandardError, $"fresh: {f.Mean} ± {f.StandardError}");
    }

    /// <summary>Mean of u_j over the samples whose age (M − 1 − j) in steps is below <paramref name="maxAgeSteps"/>.</summary>
    private static double MeanMargin(KgmmState state, KgmmTestSamples samples, int maxAgeSteps)
    {
        int k = state.K, d = state.Dimension, m = samples.Count;
        double sum = 0;
        int count = 0;
        for (int j = 0; j < m; j++)
        {
            if (m - 1 - j >= maxAgeSteps) continue;
            int b = samples.Labels[j];
            var logits = new double[k];
            for (int c = 0; c < k; c++)
                for (int i = 0; i < d; i++) logits[c] += state.Weight(c)[i] * (samples.Sample(j)[i] - state.Mean(b)[i]);
            sum += logits[b] - logits.Average();
            count++;
        }
        return sum / count;
    }
}

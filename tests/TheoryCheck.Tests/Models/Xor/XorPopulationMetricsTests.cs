using TheoryCheck.Models.Xor;

namespace TheoryCheck.Tests.Models.Xor;

public sealed class XorPopulationMetricsTests
{
    /// <summary>
    /// Loss and accuracy of the K-dimensional reduction (loss: RQMC; accuracy: exact line integral + RQMC) against the
    /// independent (K + 2)-dimensional plain Monte Carlo of xor.md §5.1 with the raw indicator, within 4 combined
    /// standard errors, at the warm start and at a state with correlated R⊥.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AgreesWithFullDimensionalMonteCarlo(bool correlated)
    {
        var p = XorParameters.Default;
        var s = correlated
            ? new XorStatistics([0.9, 0.6, -0.8, -0.5], [0.6, -0.5, 0.1, 0.0], [0.05, -0.1, 0.55, -0.4],
                [0.5, 0.1, 0, -0.05, 0.1, 0.4, 0.05, 0, 0, 0.05, 0.45, 0.1, -0.05, 0, 0.1, 0.3])
            : XorStatistics.WarmStart(p);
        var value = new XorPopulationMetrics(p).Evaluate(s);
        var reference = new XorReferenceSampler(s, p.Lambda).Expectation(1 << 17, 3, 2, (cluster, draw) =>
        {
            double output = XorSample.Output(s.V, draw.U);
            int label = XorClusters.Label(cluster);
            return [XorSample.Loss(output, label), XorSample.Predict(output) == label ? 1 : 0];
        });
        double penalty = 0.5 * p.Beta * s.SquaredNorm();
        Assert.InRange(value.DataLoss - reference.Mean[0], -4 * Combined(reference.StandardError[0], value.LossStandardError), 4 * Combined(reference.StandardError[0], value.LossStandardError));
        Assert.Equal(value.DataLoss + penalty, value.Loss, 14);
        Assert.InRange(value.Accuracy - reference.Mean[1], -4 * Combined(reference.StandardError[1], value.AccuracyStandardError), 4 * Combined(reference.StandardError[1], value.AccuracyStandardError));
        // The line integral makes the accuracy far more precise than the raw indicator with the same number of points.
        Assert.True(value.AccuracyStandardError < 1e-3, $"accuracy SE {value.AccuracyStandardError}");
        Assert.True(value.LossStandardError < 1e-5, $"loss SE {value.LossStandardError}");
    }

    /// <summary>
    /// K = 1 has closed forms: s = v·g(u) with u ~ N(a m^μ + b m^ν, Q/λ), so for v &gt; 0 the accuracy is
    /// (1/4)[Φ(m^μ/σ) + Φ(−m^μ/σ)] + (1/4)[Φ(−m^ν/σ) + Φ(m^ν/σ)] = 1/2 exactly, and the data loss is a 1-d integral
    /// (here by a fine midpoint rule).
    /// </summary>
    [Fact]
    public void WidthOneHasClosedForms()
    {
        var p = new XorParameters(1, 5, 0.1, 1, [1.3], [0.4], [-0.2], 0.3);
        var s = XorStatistics.WarmStart(p);
        var value = new XorPopulationMetrics(p).Evaluate(s);
        Assert.Equal(0.5, value.Accuracy, 14);
        double sigma = Math.Sqrt((0.4 * 0.4 + 0.2 * 0.2 + 0.3) / 5);
        double loss = 0;
        const int n = 200_000;
        double h = 20.0 / n;
        for (int cluster = 0; cluster < 4; cluster++)
        {
            double mean = XorClusters.MuCoordinate(cluster) * 0.4 + XorClusters.NuCoordinate(cluster) * -0.2;
            for (int i = 0; i < n; i++)
            {
                double z = -10 + (i + 0.5) * h;
                double u = mean + sigma * z;
                loss += 0.25 * h * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI) * XorSample.Loss(1.3 * Math.Max(u, 0), XorClusters.Label(cluster));
            }
        }
        Assert.InRange(value.DataLoss - loss, -2e-6, 2e-6);
    }

    [Fact]
    public void ObservablesAreTheStatisticsThenLossAccuracyCovered()
    {
        var p = XorParameters.Default;
        var s = XorStatistics.WarmStart(p);
        var observables = new XorObservables(p);
        var values = observables.Evaluate(s);
        Assert.Equal(XorModel.ObservableNames(4), observables.Names);
        Assert.Equal(s.ToPacked(), values.Take(22));
        var population = new XorPopulationMetrics(p).Evaluate(s);
        Assert.Equal(population.Loss, values[observables.LossIndex]);
        Assert.Equal(population.Accuracy, values[observables.AccuracyIndex]);
        Assert.Equal(4, values[observables.CoveredIndex]);
        // Deterministic: fixed scramblings.
        Assert.Equal(values, new XorObservables(p).Evaluate(s));
    }

    private static double Combined(double a, double b) => Math.Sqrt(a * a + b * b);
}

using TheoryCheck.Models.Cws;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Tests.Models.Cws;

public sealed class CwsObservablesTests
{
    [Fact]
    public void AtTheOriginRiskIsLogTwoOrOneHalfAndErrorOneHalf()
    {
        var logistic = new CwsObservables(new CwsParameters(dimension: 10).CreateMixture(), CwsLoss.Logistic).Evaluate(CwsStatistics.Zero(2));
        Assert.Equal(Math.Log(2), logistic[0], 1e-14);
        Assert.Equal([0.0, 0, 0, 0, 0.5], logistic[1..]);
        var squares = new CwsObservables(new CwsParameters(loss: CwsLoss.Squares, dimension: 10).CreateMixture(), CwsLoss.Squares).Evaluate(CwsStatistics.Zero(2));
        Assert.Equal(0.5, squares[0], 15);
        Assert.Equal(0.5, squares[5]);
    }

    /// <summary>
    /// The population risk and error of a fixed X against a direct Monte Carlo over fresh samples (both losses, three
    /// classes, power-law spectra): r given c is exactly N(M_c, S_c), so the observables need no sampling.
    /// </summary>
    [Theory]
    [InlineData(CwsLoss.Logistic)]
    [InlineData(CwsLoss.Squares)]
    public void RiskAndErrorOfAnIterateMatchMonteCarlo(CwsLoss loss)
    {
        const int d = 12;
        var p = new CwsParameters(loss: loss, covariance: CwsCovariance.PowerLaw, classes: 3, dimension: d, meanExponent: 0, probabilities: [0.2, 0.3, 0.5],
            labels: loss == CwsLoss.Logistic ? [1, 0, 0.3] : [1, -1, 0.5]);
        var mixture = p.CreateMixture();
        double[] x = [0.9, -0.4, 0.3, 1.2, -0.8, 0.5, 0.1, -0.6, 0.2, 0.7, -0.3, 0.4];
        var means = new double[3];
        var variances = new double[3];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < d; i++)
            {
                means[c] += x[i] * mixture.Mean(c)[i];
                variances[c] += mixture.Variances(c)[i] * x[i] * x[i];
            }
        var observables = new CwsObservables(mixture, loss);
        var values = observables.Evaluate(new CwsStatistics(means, variances, x.Sum(v => v * v), 0, 0));
        var stream = new RandomStream(StreamKey.Derive(9, "test", 0));
        const int n = 250_000;
        double risk = 0, riskSquare = 0, errors = 0;
        var z = new double[d];
        for (int s = 0; s < n; s++)
        {
            double u = stream.NextDouble();
            int c = u < 0.2 ? 0 : u < 0.5 ? 1 : 2;
            stream.FillNormal(z);
            double r = 0;
            for (int i = 0; i < d; i++) r += x[i] * (mixture.Mean(c)[i] + Math.Sqrt(mixture.Variances(c)[i]) * z[i]);
            double y = mixture.Labels[c];
            double l = loss == CwsLoss.Logistic ? Math.Log(1 + Math.Exp(r)) - y * r : 0.5 * (r - y) * (r - y);
            risk += l;
            riskSquare += l * l;
            double side = Math.Sign(y - observables.DecisionThreshold);
            errors += side > 0 ? (r <= 0 ? 1 : 0) : side < 0 ? (r > 0 ? 1 : 0) : 0.5;
        }
        risk /= n;
        double se = Math.Sqrt((riskSquare / n - risk * risk) / n);
        Assert.True(Math.Abs(values[0] - risk) < 4 * se, $"risk {values[0]} vs MC {risk} ± {se}");
        double error = errors / n;
        Assert.True(Math.Abs(values[5] - error) < 4 * Math.Sqrt(0.25 / n), $"error {values[5]} vs MC {error}");
        // Per-class families: risk = Σ p_c risk[c], error = Σ p_c error[c], overlap[c] = M_c.
        Assert.Equal(values[0], 0.2 * values[6] + 0.3 * values[7] + 0.5 * values[8], 13);
        Assert.Equal(means, values[9..12]);
        Assert.Equal(values[5], 0.2 * values[12] + 0.3 * values[13] + 0.5 * values[14], 13);
    }

    [Fact]
    public void CosineAndCleanShareFollowTheirDefinitions()
    {
        var mixture = new CwsParameters(meanNorm: 2, dimension: 20).CreateMixture();
        var observables = new CwsObservables(mixture, CwsLoss.Logistic);
        var v = observables.Evaluate(new CwsStatistics([1.5, -1.5], [4, 4], 9, 1.5, 0.6));
        Assert.Equal(1.5 / (3 * 2), v[3], 15);
        Assert.Equal(0.4, v[4], 15);
        Assert.Equal(0.5 * (CwsObservables.ClassError(1, 1.5, 4) + CwsObservables.ClassError(-1, -1.5, 4)), v[5], 15);
        Assert.Equal(0.5, CwsObservables.ClassError(1, 0, 0)); // Φ(−0/0) := ½
        Assert.Equal(1, CwsObservables.ClassError(1, -0.1, 0));
        Assert.Equal(0, CwsObservables.ClassError(-1, -0.1, 0));
    }
}

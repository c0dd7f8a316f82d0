using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Sweeps;

namespace TheoryCheck.Tests.Comparison.Sweeps;

public class ErrorSweepTests
{
    // Sizes given out of order on purpose. Means 0.05, 0.1, 0.025 = d^{-1/2} exactly.
    private static readonly int[] s_sizes = [400, 100, 1600];
    private static readonly double[][] s_errors = [[0.04, 0.06], [0.09, 0.11], [0.02, 0.03]];

    [Fact]
    public void MeansStandardErrorsAndTheFitFollowTheDefinitions()
    {
        var sweep = ErrorSweep.Of(s_sizes, s_errors);
        Assert.Equal([0.05, 0.1, 0.025], sweep.Means.Select(m => Math.Round(m, 15)));
        // SE of {a − h, a + h} is h: s = h√2, s/√2 = h.
        Assert.Equal(0.01, sweep.StandardErrors[0], 14);
        Assert.Equal(0.005, sweep.StandardErrors[2], 14);
        Assert.Equal(-0.5, sweep.Fit.Exponent, 12);
        Assert.Equal(1, sweep.Fit.Prefactor, 12);
        Assert.Equal(2, sweep.LargestIndex);
        Assert.Equal("slope −0.5 [−0.5, −0.5]", sweep.FitText);
    }

    /// <summary>
    /// The rule of docs/theory/claims.md §0.6 on data whose interval is known by construction: log E = −½ log d + r
    /// with residuals r = (+a, −2a, +a) at log-spaced d (orthogonal to 1 and log d, so the slope stays −½ and the
    /// interval's half-width grows with a): small a → holds; a wide interval containing 0 → undecided; −½ excluded
    /// → fails; two sizes → undecided (no interval).
    /// </summary>
    [Theory]
    [InlineData(0.01, -0.5, CheckOutcome.Passed)]
    [InlineData(0.6, -0.5, CheckOutcome.Undecided)]
    [InlineData(0.01, -1.0, CheckOutcome.Failed)]
    public void RateCheckHoldsFailsOrIsUndecidedByTheInterval(double a, double predicted, CheckOutcome expected)
    {
        int[] sizes = [100, 1000, 10000];
        double[] r = [a, -2 * a, a];
        var errors = sizes.Select((d, i) => new[] { Math.Pow(d, -0.5) * Math.Exp(r[i]) }).ToArray();
        var sweep = ErrorSweep.Of(sizes, errors);
        Assert.Equal(-0.5, sweep.Fit.Exponent, 12);
        var check = sweep.RateCheck(predicted);
        Assert.Equal(expected, check.Outcome);
        Assert.Equal(expected == CheckOutcome.Undecided, check.Hint is not null);
        bool containsPrediction = sweep.Fit.ExponentLower <= predicted && predicted <= sweep.Fit.ExponentUpper;
        bool containsZero = sweep.Fit.ExponentLower <= 0 && 0 <= sweep.Fit.ExponentUpper;
        Assert.Equal(expected == CheckOutcome.Failed, !containsPrediction);
        Assert.Equal(expected == CheckOutcome.Undecided, containsPrediction && containsZero);
        var two = ErrorSweep.Of([100, 1000], [[0.1], [0.03]]);
        Assert.Equal(CheckOutcome.Undecided, two.RateCheck(-0.5).Outcome);
    }

    [Fact]
    public void ExponentAndBoundChecks()
    {
        var sweep = ErrorSweep.Of(s_sizes, s_errors);
        var exponent = sweep.RateCheck(-0.5);
        Assert.True(exponent.Passed);
        Assert.Equal("exponent of E_d vs d", exponent.Name);
        Assert.Contains("95% CI", exponent.Detail);
        Assert.Contains("n = 3", exponent.Detail);
        Assert.Equal(CheckOutcome.Failed, sweep.RateCheck(-0.45).Outcome); // the exact −½ data: the CI is the point −½
        var bound = sweep.BoundCheck(0.03);
        Assert.True(bound.Passed);
        Assert.Equal("E_d at d = 1600", bound.Name);
        Assert.Equal(0.025, bound.Measured!.Value, 15);
        Assert.Contains("over 2 seeds", bound.Detail);
        Assert.False(sweep.BoundCheck(0.02).Passed);
    }

    [Fact]
    public void NoisySweepIntervalContainsThePointEstimate()
    {
        var sweep = ErrorSweep.Of([250, 500, 1000, 2000], [[0.19, 0.2], [0.1, 0.11], [0.07, 0.072], [0.046, 0.048]]);
        Assert.True(sweep.Fit.ExponentLower < sweep.Fit.Exponent && sweep.Fit.Exponent < sweep.Fit.ExponentUpper);
        Assert.Matches(@"^slope −0\.\d+ \[−0\.\d+, −0\.\d+\]$", sweep.FitText);
    }

    [Fact]
    public void JsonHasTheDocumentedFieldPaths()
    {
        var json = ErrorSweep.Of(s_sizes, s_errors).ToJson();
        Assert.Equal("d", json["variable"]!.GetValue<string>());
        Assert.Equal(1600, json["d"]![2]!.GetValue<double>());
        Assert.Equal(0.025, json["E_d"]![2]!.GetValue<double>(), 15);
        Assert.Equal(0.01, json["SE_d"]![0]!.GetValue<double>(), 14);
        Assert.Equal(0.11, json["e"]![1]![1]!.GetValue<double>());
        Assert.Equal(-0.5, json["fit"]!["slope"]!.GetValue<double>(), 12);
        Assert.Equal(3, json["fit"]!["n"]!.GetValue<int>());
        Assert.NotNull(json["fit"]!["ci_low"]);
        var lambda = ErrorSweep.Of([10.0, 30, 100], [[0.4], [0.2], [0.1]], "lambda").ToJson();
        Assert.NotNull(lambda["E_lambda"]);
        Assert.Equal("NaN", lambda["SE_lambda"]![0]!.GetValue<string>()); // one seed: no standard error (not a number, written as "NaN")
    }

    [Fact]
    public void FigureIsLogLogWithErrorBarsFitReferenceAndBound()
    {
        var sweep = ErrorSweep.Of(s_sizes, s_errors);
        var figure = sweep.Figure(referenceExponent: -0.5, bound: 0.03);
        Assert.True(figure.LogX && figure.LogY);
        Assert.Equal("error-vs-d", figure.Name);
        Assert.Equal(sweep.FitText, figure.Annotation);
        var points = figure.Series[0];
        Assert.Equal(SeriesKind.ErrorBars, points.Kind);
        Assert.Equal([400.0, 100, 1600], points.X);
        Assert.Equal(0.05 - 0.01, points.Lower![0], 14);
        Assert.Equal(0.05 + 0.01, points.Upper![0], 14);
        var line = figure.Series[1];
        Assert.Equal(100, line.X[0], 10);
        Assert.Equal(1600, line.X[^1], 8);
        Assert.Equal(0.1, line.Y[0], 12);
        Assert.Equal(0.025, line.Y[^1], 12);
        var reference = figure.Series[2];
        Assert.True(reference.Dashed);
        Assert.Equal(0.1 * Math.Pow(16, -0.5), reference.Y[^1], 12);
        var marker = Assert.Single(figure.Lines);
        Assert.False(marker.Vertical);
        Assert.Equal(0.03, marker.Position);
        Assert.All(figure.Series, s => Assert.All(s.Y, y => Assert.True(y > 0)));
    }

    [Fact]
    public void LowerErrorBarsStayPositiveOnLogAxes()
    {
        var figure = ErrorSweep.Of([10, 20], [[0.001, 0.2], [0.001, 0.1]]).Figure();
        Assert.All(figure.Series[0].Lower!, l => Assert.True(l > 0));
    }

    [Fact]
    public void RejectsBadErrors()
    {
        Assert.Throws<ArgumentException>(() => ErrorSweep.Of([10], [[0.1]]));
        Assert.Throws<ArgumentException>(() => ErrorSweep.Of([10, 20], [[0.1], [-0.1]]));
        Assert.Throws<ArgumentException>(() => ErrorSweep.Of([10, 20], [[0.1], []]));
        Assert.Throws<ArgumentException>(() => ErrorSweep.Of([10, 20], [[0.1], [double.NaN]]));
        Assert.Throws<ArgumentException>(() => ErrorSweep.Of([10, 20], [[0.1], [0.0]])); // E_d = 0 has no logarithm
    }

    [Fact]
    public void FromAPlanSplitsJobOrderedErrors()
    {
        var context = new ClaimContext("toy.plan", Profile.Test);
        var plan = new SweepPlan([100, 400], 2);
        var sweep = ErrorSweep.Of(plan, [0.09, 0.11, 0.04, 0.06]);
        Assert.Equal([0.1, 0.05], sweep.Means.Select(m => Math.Round(m, 15)));
        Assert.Equal(4, plan.Seeds(context).Count);
    }
}

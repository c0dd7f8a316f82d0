using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Emergence;

namespace TheoryCheck.Tests.Comparison.Emergence;

/// <summary>
/// The shared emergence checks (docs/theory/claims.md §0.10) judge every block against its own prediction: two blocks with
/// different predicted counts, locations and errors, two seeds, two times.
/// </summary>
public class EmergenceJudgementTests
{
    // Block A predicts 2 outliers at (10, 8) and err 0.5 → 0.2; block B predicts 1 outlier at 6 and err 0.9 → 0.4.
    private static EmergenceTrace Trace(int[][]? counts = null, double[][]? errors = null, double[][][]? values = null) => new(
        "Ĥ", [0, 1], ["A", "B"],
        [[2, 2], [1, 1]], [[true, true], [true, false]], [[0.5, 0.2], [0.9, 0.4]], 2,
        counts ?? [[2, 2], [1, 3], [2, 2], [1, 1]],
        errors ?? [[0.51, 0.21], [0.89, 0.41], [0.49, 0.19], [0.91, 0.39]])
    {
        PredictedLocations = [[[10, 8], [10, 8]], [[6], [6]]],
        PredictedEdges = [[2, 2], [3, 3]],
        MeasuredValues = values ?? [[[10.2, 8.1, 1], [10, 8, 1]], [[6.1, 1], [6, 1]], [[9.9, 7.9, 1], [10, 8, 1]], [[5.9, 1], [6, 1]]],
    };

    [Fact]
    public void EachBlockIsJudgedAgainstItsOwnPrediction()
    {
        var checks = EmergenceJudgement.Checks(Trace(), tolerance: 0.05);
        Assert.Equal(3, checks.Count);
        // Unit (seed 1, B) counts 3 at t = 1, where B is not decisive: not judged; everything else matches its own block.
        Assert.All(checks, c => Assert.Equal(CheckOutcome.Passed, c.Outcome));
        Assert.Equal(0, checks[0].Measured);
        Assert.Equal(0, checks[2].Measured!.Value, 12); // seed means 0.50, 0.90, 0.20, 0.40: exactly the predictions
    }

    [Fact]
    public void ACountRightForAnotherBlockButWrongForItsOwnFails()
    {
        // Seed 2, block B counts 2 at t = 0: block A's prediction, not B's.
        var checks = EmergenceJudgement.Checks(Trace(counts: [[2, 2], [1, 1], [2, 2], [2, 1]]), tolerance: 0.05);
        Assert.Equal(CheckOutcome.Failed, checks[0].Outcome);
        Assert.Equal(1, checks[0].Measured);
    }

    [Fact]
    public void AlignmentAndLocationsArePerBlockSeedMeans()
    {
        // Block B's err at t = 1 is 0.46 in both seeds against 0.4: off by 0.06 > 0.05, while the mean over blocks is not.
        var errors = EmergenceJudgement.Checks(Trace(errors: [[0.51, 0.21], [0.89, 0.46], [0.49, 0.19], [0.91, 0.46]]), tolerance: 0.05);
        Assert.Equal(CheckOutcome.Failed, errors[2].Outcome);
        Assert.Equal(0.06, errors[2].Measured!.Value, 12);
        // Block B's top eigenvalue at 7.2 (+20%) in both seeds at t = 0: the location check fails on B.
        var moved = EmergenceJudgement.Checks(Trace(values: [[[10.2, 8.1, 1], [10, 8, 1]], [[7.2, 1], [6, 1]], [[9.9, 7.9, 1], [10, 8, 1]], [[7.2, 1], [6, 1]]]), tolerance: 0.05);
        Assert.Equal(CheckOutcome.Failed, moved[1].Outcome);
        Assert.Equal(0.2, moved[1].Measured!.Value, 12);
    }

    [Fact]
    public void MeasurementsAndFiguresCarryEveryBlock()
    {
        var trace = Trace();
        var json = EmergenceJudgement.Measurements(trace);
        Assert.Equal(["A", "B"], json["blocks"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["seed 1, A", "seed 1, B", "seed 2, A", "seed 2, B"], json["units"]!.AsArray().Select(n => n!.GetValue<string>()));
        var row = json["trace"]![1]!;
        Assert.Equal([0.2, 0.4], row["err_pred"]!.AsArray().Select(n => n!.GetValue<double>()));
        Assert.Equal([true, false], row["decisive"]!.AsArray().Select(n => n!.GetValue<bool>()));
        var figures = EmergenceJudgement.Figures(trace, "test", "caption");
        Assert.Equal(2, figures.Count);
        // The error figure's prediction is the block mean: (0.5 + 0.9)/2 at t = 0.
        Assert.Equal(0.7, figures[0].Series[1].Y[0], 12);
    }
}

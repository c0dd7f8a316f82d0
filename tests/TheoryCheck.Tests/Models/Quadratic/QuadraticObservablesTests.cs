using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Tests.Models.Quadratic;

public class QuadraticObservablesTests
{
    [Fact]
    public void AlignmentAndLossMatchAHandComputation()
    {
        // d = 4, k = 1, λ_D = 2, λ_B = 0.5, e = (1, 2, −2, 4):
        // He = (2, 1, −1, 2) ⇒ ‖P_D He‖² = 4, ‖He‖² = 4 + 1 + 1 + 4 = 10, χ² = 0.4;
        // ½eᵀHe = ½(2·1 + 0.5·(4 + 4 + 16)) = 7.
        var p = new QuadraticParameters { Dimension = 4, DominantCount = 1, LambdaDominant = 2, LambdaBulk = 0.5, StepSize = 0.1 };
        double[] e = [1, 2, -2, 4];
        Assert.Equal(0.4, QuadraticObservables.Alignment(e, p), 15);
        Assert.Equal(7.0, QuadraticObservables.Loss(e, p), 15);
        double[] lambda = [2, 0.5, 0.5, 0.5];
        Assert.Equal(0.4, QuadraticObservables.Alignment(e, lambda, 1), 15);
        Assert.Equal(7.0, QuadraticObservables.Loss(e, lambda), 15);
    }

    [Fact]
    public void GeneralAndTwoLevelKernelsAgreeOnLongVectors()
    {
        var p = QuadraticParameters.Base;
        var rng = new Random(3);
        var e = new double[p.Dimension];
        var lambda = new double[p.Dimension];
        for (int i = 0; i < e.Length; i++) { e[i] = rng.NextDouble() * 4 - 2; lambda[i] = p.Lambda(i); }
        Assert.Equal(QuadraticObservables.Alignment(e, lambda, p.DominantCount), QuadraticObservables.Alignment(e, p), 12);
        Assert.Equal(QuadraticObservables.Loss(e, lambda), QuadraticObservables.Loss(e, p), 9);
    }

    [Fact]
    public void WrongLengthIsRejected() =>
        Assert.Throws<ArgumentException>(() => QuadraticObservables.Alignment(new double[3], QuadraticParameters.Base));
}

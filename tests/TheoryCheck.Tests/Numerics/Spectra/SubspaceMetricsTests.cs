using TheoryCheck.Numerics.Spectra;
using static TheoryCheck.Tests.Numerics.Spectra.SpectraTestData;

namespace TheoryCheck.Tests.Numerics.Spectra;

public sealed class SubspaceMetricsTests
{
    private static readonly double[] E1 = [1, 0, 0], E2 = [0, 1, 0], E3 = [0, 0, 1];

    [Theory]
    [InlineData(0.3)]
    [InlineData(1e-6)]
    [InlineData(1.2)]
    [InlineData(Math.PI / 2)]
    public void PlanesAtAngleThetaInR3(double theta)
    {
        // span(e1, e2) and span(e1, cos θ e2 + sin θ e3) meet in e1 and open at angle θ.
        double[][] u = [E1, E2];
        double[][] w = [E1, [0, Math.Cos(theta), Math.Sin(theta)]];
        double[] cosines = SubspaceMetrics.PrincipalAngleCosines(u, w);
        Assert.Equal(2, cosines.Length);
        Assert.Equal(1.0, cosines[0], 15);
        Assert.Equal(Math.Cos(theta), cosines[1], 15);
        double[] angles = SubspaceMetrics.PrincipalAngles(u, w);
        Assert.Equal(0.0, angles[0], 15);
        // Small angles from sines: relative accuracy, which arccos of the cosine cannot give for θ = 1e-6.
        Assert.True(Math.Abs(angles[1] - theta) <= 1e-15 * theta + 1e-300, $"angle {angles[1]:R} vs {theta:R}");
        double[] swapped = SubspaceMetrics.PrincipalAngles(w, u);
        for (int i = 0; i < 2; i++) Assert.True(Math.Abs(swapped[i] - angles[i]) <= 4e-16 * Math.Max(angles[i], 1e-300));
    }

    [Fact]
    public void ProjectionResidualOfKnownVectors()
    {
        double[][] plane = [E1, E2];
        Assert.Equal(12.0 / 13.0, SubspaceMetrics.ProjectionResidual(plane, [3, 4, 12]), 15);
        Assert.Equal(0.0, SubspaceMetrics.ProjectionResidual(plane, [3, -4, 0]), 15);
        Assert.Equal(1.0, SubspaceMetrics.ProjectionResidual(plane, [0, 0, -2]), 15);
        Assert.Equal(1.0, SubspaceMetrics.ProjectionResidual([], [1, 2, 3]), 15);
        // A tilted line: v at angle φ from the line has residual sin φ.
        double phi = 0.7;
        double[] line = [Math.Cos(0.2), Math.Sin(0.2), 0];
        double[] v = [Math.Cos(0.2 + phi), Math.Sin(0.2 + phi), 0];
        Assert.Equal(Math.Sin(phi), SubspaceMetrics.ProjectionResidual([line], v), 15);
        Assert.Throws<ArgumentException>(() => SubspaceMetrics.ProjectionResidual(plane, [0, 0, 0]));
        Assert.Throws<ArgumentException>(() => SubspaceMetrics.ProjectionResidual([[1, 0, 0], [1, 1, 0]], [1, 0, 0]));
    }

    [Fact]
    public void CosinesToTheSpanOfNonOrthonormalVectors()
    {
        double[][] means = [[1, 1, 0], [2, 0, 0]];
        Assert.Throws<ArgumentException>(() => SubspaceMetrics.PrincipalAngleCosines([E1, E2], means));
        double[] same = SubspaceMetrics.PrincipalAngleCosinesToSpan([E1, E2], means);
        Assert.All(same, c => Assert.Equal(1.0, c, 15));
        Assert.Equal([0.0], SubspaceMetrics.PrincipalAngleCosinesToSpan([E3], means));
        // span{(1,1,0)} vs e1: angle π/4.
        Assert.Equal(Math.Sqrt(0.5), SubspaceMetrics.PrincipalAngleCosinesToSpan([E1], [[1, 1, 0]])[0], 15);
    }

    [Fact]
    public void OrthonormalizeDetectsDependentVectors()
    {
        double[] v = [1, 2, 2];
        double[] w = [0, 1, -3];
        OrthonormalBasis basis = SubspaceMetrics.Orthonormalize([v, [2, 4, 4], w, [0, 0, 0]]);
        Assert.Equal(2, basis.Rank);
        Assert.Equal(4, basis.InputCount);
        Assert.Equal([1, 3], basis.DependentIndices);
        Assert.True(OrthonormalityDefect(basis.Vectors) <= 1e-15);
        Assert.True(SubspaceMetrics.ProjectionResidual(basis.Vectors, v) <= 1e-15);
        Assert.True(SubspaceMetrics.ProjectionResidual(basis.Vectors, w) <= 1e-15);
        Assert.Equal(1.0 / 3.0, basis.Vectors[0][0], 15);
    }

    [Fact]
    public void CosinesAgreeWithAnIndependentGramRoute()
    {
        const int n = 50;
        double[][] u = OrthonormalColumns(n, 5, 7);
        // W shares two directions with U, the rest random.
        double[][] raw = [u[0], [.. u[1].Zip(new GaussianSource(8).Vector(n), (a, b) => a + 0.1 * b)], new GaussianSource(9).Vector(n)];
        double[][] w = SubspaceMetrics.Orthonormalize(raw).Vectors.ToArray();
        double[] cosines = SubspaceMetrics.PrincipalAngleCosines(u, w);
        double[] reference = CosinesViaGram(u, w);
        Assert.Equal(3, cosines.Length);
        for (int i = 0; i < 3; i++) Assert.Equal(reference[i], cosines[i], 12);
        Assert.Equal(1.0, cosines[0], 14);
        double[] angles = SubspaceMetrics.PrincipalAngles(u, w);
        for (int i = 0; i < 3; i++) Assert.Equal(Math.Acos(cosines[i]), angles[i], 7);
    }
}

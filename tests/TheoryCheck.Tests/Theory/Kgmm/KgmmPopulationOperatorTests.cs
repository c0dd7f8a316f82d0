using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Tests.Theory.Kgmm;

public sealed class KgmmPopulationOperatorTests
{
    [Theory]
    [InlineData(KgmmMatrixKind.Hessian)]
    [InlineData(KgmmMatrixKind.G)]
    public void OperatorEqualsTheDenseMatrices(KgmmMatrixKind kind)
    {
        const int k = 3, d = 11;
        var p = new KgmmParameters(k, 6, 0.1, 1, [0.3, 0.3, 0.4]);
        var (means, weights) = KgmmPopulationMatricesTests.FiniteState(k, d, 9);
        var s = KgmmStatistics.FromVectors(k, d, means, weights);
        var population = KgmmPopulationMatricesTests.Population(p, s, 10);
        var (basis, _) = population.Coordinates.Basis(means, weights, d);
        var full = new KgmmPopulationOperator(population, kind, basis, d);
        Assert.Equal(k * d, full.Dimension);
        var x = new double[k * d];
        var y = new double[k * d];
        for (int j = 0; j < k * d; j++)
        {
            Array.Clear(x);
            x[j] = 1;
            full.Apply(x, y);
            int c2 = j / d, jj = j % d;
            for (int c = 0; c < k; c++)
            {
                var dense = population.DenseBlock(kind, c, c2, basis, d);
                for (int i = 0; i < d; i++) Assert.Equal(dense[i * d + jj], y[c * d + i], 13);
            }
        }
        for (int c = 0; c < k; c++)
        {
            var blockOp = new KgmmPopulationOperator(population, kind, basis, d, block: c, shift: 0.25);
            var dense = population.DenseBlock(kind, c, c, basis, d);
            var xb = new double[d];
            var yb = new double[d];
            for (int j = 0; j < d; j++)
            {
                Array.Clear(xb);
                xb[j] = 1;
                blockOp.Apply(xb, yb);
                for (int i = 0; i < d; i++) Assert.Equal(dense[i * d + j] + (i == j ? 0.25 : 0), yb[i], 13);
            }
        }
    }

    [Fact]
    public void OperatorSpectrumIsTheSmallSpectrumPlusBulkLevels()
    {
        // Dense oracle on the kd operator vs eigenvalues of 𝒦 merged with the bulk levels (multiplicity d − q each).
        const int k = 3, d = 14;
        var p = new KgmmParameters(k, 10, 0.1, 1);
        var (means, weights) = KgmmPopulationMatricesTests.FiniteState(k, d, 4);
        var s = KgmmStatistics.FromVectors(k, d, means, weights);
        var population = KgmmPopulationMatricesTests.Population(p, s, 10);
        var (basis, _) = population.Coordinates.Basis(means, weights, d);
        foreach (var kind in new[] { KgmmMatrixKind.Hessian, KgmmMatrixKind.G })
        {
            var oracle = DenseEigenOracle.Decompose(new KgmmPopulationOperator(population, kind, basis, d));
            var predicted = population.FullSpectrum(kind).Top(k * d, d);
            for (int j = 0; j < k * d; j++) Assert.Equal(predicted[j], oracle.Values[j], 12);
            var blockOracle = DenseEigenOracle.Decompose(new KgmmPopulationOperator(population, kind, basis, d, block: 1));
            var blockPredicted = population.BlockSpectrum(kind, 1).Top(d, d);
            for (int j = 0; j < d; j++) Assert.Equal(blockPredicted[j], blockOracle.Values[j], 12);
        }
    }
}

using TheoryCheck.Models.Xor;

namespace TheoryCheck.Tests.Models.Xor;

public sealed class XorReducedNoiseTests
{
    private static readonly XorStatistics Correlated = new(
        [0.7, -0.4, 0.2], [0.5, -0.3, 0.05], [0.1, 0.6, -0.2],
        [0.4, 0.1, -0.05, 0.1, 0.3, 0.02, -0.05, 0.02, 0.2]);

    /// <summary>
    /// The reduction reproduces the covariances of xor.md §4: Cov(u) = LLᵀ = Q/λ, Cov(u, μ·X) = L c_μ = m^μ/λ,
    /// Cov(u, ν·X) = m^ν/λ, Cov(u_i, W_j⊥·X) = (L C⊥ᵀ)_ij = R⊥_ij/λ — also for singular Q (R⊥ = 0: rank 2).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReducedCoefficientsReproduceTheJointCovariances(bool singular)
    {
        var s = singular ? Correlated.With(rperp: new double[9]) : Correlated;
        const double lambda = 7;
        var r = XorReducedNoise.At(s, lambda);
        Assert.Equal(singular ? 2 : 3, r.Rank);
        int k = 3;
        var q = new double[9];
        s.Gram(q);
        var l = r.Factor;
        for (int i = 0; i < k; i++)
        {
            double covMu = 0, covNu = 0;
            for (int m = 0; m < k; m++)
            {
                covMu += l[i * k + m] * r.MuCoefficients[m];
                covNu += l[i * k + m] * r.NuCoefficients[m];
            }
            Assert.Equal(s.Mmu[i] / lambda, covMu, 12);
            Assert.Equal(s.Mnu[i] / lambda, covNu, 12);
            for (int j = 0; j < k; j++)
            {
                double llt = 0, perp = 0;
                for (int m = 0; m < k; m++)
                {
                    llt += l[i * k + m] * l[j * k + m];
                    perp += l[i * k + m] * r.PerpCoefficients[j * k + m];
                }
                Assert.Equal(q[i * k + j] / lambda, llt, 12);
                Assert.Equal(s.RperpAt(i, j) / lambda, perp, 12);
            }
        }
        // Var E[μ·X | z] ≤ Var μ·X = 1/λ.
        Assert.True(r.MuCoefficients.ToArray().Sum(c => c * c) <= 1 / lambda + 1e-12);
    }

    /// <summary>L and P are functions of Q: a tiny perturbation of a state with a repeated eigenvalue (R⊥ = I at the
    /// default warm start, Q has eigenvalue 1 twice) moves them by a tiny amount, whatever eigenvectors Jacobi picks.</summary>
    [Fact]
    public void FactorIsContinuousThroughRepeatedEigenvalues()
    {
        var s = XorStatistics.WarmStart(XorParameters.Default);
        var a = XorReducedNoise.At(s, 20);
        var perturbed = s.With(rperp: [1, 1e-11, 0, 0, 1e-11, 1, 0, 0, 0, 0, 1 + 2e-11, 0, 0, 0, 0, 1]);
        var b = XorReducedNoise.At(perturbed, 20);
        for (int i = 0; i < 16; i++)
        {
            Assert.True(Math.Abs(a.Factor[i] - b.Factor[i]) < 1e-9);
            Assert.True(Math.Abs(a.PerpCoefficients[i] - b.PerpCoefficients[i]) < 1e-9);
        }
    }
}

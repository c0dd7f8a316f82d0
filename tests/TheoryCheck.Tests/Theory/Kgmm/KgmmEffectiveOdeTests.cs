using TheoryCheck.Models.Kgmm;
using TheoryCheck.Tests.Models.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Tests.Theory.Kgmm;

public sealed class KgmmEffectiveOdeTests
{
    internal static KgmmEffectiveOde Ode(KgmmParameters p, int n = 12, bool corrector = true)
    {
        var (nodes, weights) = TestRules.Tensor(p.K - 1, n);
        return new KgmmEffectiveOde(p, new KgmmGaussianMoments(p, nodes, weights, $"test GH n={n}"), corrector);
    }

    private static KgmmStatistics RandomStatistics(int k, int seed)
    {
        var rng = new Random(seed);
        var m = new double[k * k];
        for (int i = 0; i < m.Length; i++) m[i] = rng.NextDouble() - 0.4;
        var perp = TestRules.RandomSpd(rng, k, 0.2, 0.8);
        var r = new double[k * k];
        for (int c = 0; c < k; c++)
            for (int e = 0; e < k; e++)
            {
                double s = perp[c * k + e];
                for (int a = 0; a < k; a++) s += m[c * k + a] * m[e * k + a];
                r[c * k + e] = s;
            }
        return new KgmmStatistics(k, m, r);
    }


    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ConservationLawsHold(int k)
    {
        var p = new KgmmParameters(k, 2.5, 0.13, 0.7, Enumerable.Range(1, k).Select(i => 2.0 * i / (k * (k + 1))).ToArray());
        var s = RandomStatistics(k, 3 * k);
        var du = Ode(p, 8).Derivative(s);
        var dm = du[..(k * k)];
        var dr = new double[k * k];
        KgmmStatistics.UnpackR(k, du[(k * k)..], dr);
        // d(1ᵀm)/dt = −β 1ᵀm, column by column.
        for (int a = 0; a < k; a++)
        {
            double sumDm = 0, sumM = 0;
            for (int c = 0; c < k; c++) { sumDm += dm[c * k + a]; sumM += s.MAt(c, a); }
            Assert.Equal(-p.Beta * sumM, sumDm, 13);
        }
        // d(1ᵀR⊥1)/dt = −2β 1ᵀR⊥1 with dR⊥ = dR − dm mᵀ − m dmᵀ.
        double dPerp = 0, perp = 0;
        for (int c = 0; c < k; c++)
            for (int e = 0; e < k; e++)
            {
                double x = dr[c * k + e];
                for (int a = 0; a < k; a++) x -= dm[c * k + a] * s.MAt(e, a) + s.MAt(c, a) * dm[e * k + a];
                dPerp += x;
                perp += s.RperpAt(c, e);
            }
        Assert.Equal(-2 * p.Beta * perp, dPerp, 12);
    }

    [Fact]
    public void PermutingTheClassesPermutesTheDerivative()
    {
        const int k = 4;
        int[] sigma = [2, 0, 3, 1];
        double[] probabilities = [0.1, 0.2, 0.3, 0.4];
        var p = new KgmmParameters(k, 3, 0.1, 1, probabilities);
        var pp = new KgmmParameters(k, 3, 0.1, 1, sigma.Select(i => probabilities[i]).ToArray());
        var s = RandomStatistics(k, 17);
        var m2 = new double[k * k];
        var r2 = new double[k * k];
        for (int c = 0; c < k; c++)
            for (int a = 0; a < k; a++)
            {
                m2[c * k + a] = s.MAt(sigma[c], sigma[a]);
                r2[c * k + a] = s.RAt(sigma[c], sigma[a]);
            }
        // The tensor rule lives in Helmert coordinates, which a class permutation rotates: equivariance holds up to
        // the quadrature error, about 1e-10 at n = 24 for this state (measured: 2e-7 at n = 8).
        var du = Ode(p, 24).Derivative(s);
        var du2 = Ode(pp, 24).Derivative(new KgmmStatistics(k, m2, r2));
        for (int c = 0; c < k; c++)
            for (int a = 0; a < k; a++)
            {
                Assert.Equal(du[sigma[c] * k + sigma[a]], du2[c * k + a], 9);
                Assert.Equal(du[k * k + KgmmModel.UpperIndex(k, sigma[c], sigma[a])], du2[k * k + KgmmModel.UpperIndex(k, c, a)], 9);
            }
    }

    [Fact]
    public void SymmetricStatesStaySymmetric()
    {
        const int k = 3;
        double alpha = 0.4, gamma = -0.15, rho = 1.3, rho2 = -0.2;
        var m = new double[k * k];
        var r = new double[k * k];
        for (int c = 0; c < k; c++)
            for (int a = 0; a < k; a++)
            {
                m[c * k + a] = c == a ? alpha : gamma;
                r[c * k + a] = c == a ? rho : rho2;
            }
        // Exact only up to the quadrature error of the (non-symmetric) tensor grid: measured asymmetry 5e-9 at n = 10,
        // 5e-12 at n = 20, 5e-16 at n = 30.
        var du = Ode(new KgmmParameters(k, 3, 0.1, 1), 30).Derivative(new KgmmStatistics(k, m, r));
        var dr = new double[k * k];
        KgmmStatistics.UnpackR(k, du[(k * k)..], dr);
        for (int c = 0; c < k; c++)
            for (int a = 0; a < k; a++)
            {
                Assert.Equal(c == a ? du[0] : du[1], du[c * k + a], 13);
                Assert.Equal(c == a ? dr[0] : dr[1], dr[c * k + a], 13);
            }
    }

    [Fact]
    public void CorrectorIsExactlyTheScaledGTermInR()
    {
        const int k = 3;
        var p = new KgmmParameters(k, 3, 0.1, 1.7);
        var s = RandomStatistics(k, 23);
        var with = Ode(p, 8, corrector: true);
        var du = with.Derivative(s);
        var du0 = Ode(p, 8, corrector: false).Derivative(s);
        var d = new double[k * k]; var h = new double[k * k]; var g = new double[k * k];
        with.Moments.Evaluate(s.M, s.R, d, h, g);
        for (int i = 0; i < k * k; i++) Assert.Equal(du[i], du0[i]);
        for (int c = 0; c < k; c++)
            for (int e = c; e < k; e++)
            {
                int i = k * k + KgmmModel.UpperIndex(k, c, e);
                Assert.Equal(p.CDelta / p.Lambda * g[c * k + e], du[i] - du0[i], 14);
            }
    }

    [Fact]
    public void AgreesWithAnIndependentMonteCarloRightHandSide()
    {
        // Independent: sample the class b ~ p and ξ ~ N(0, R/λ) (full k-dim Cholesky) and average the SGD increments
        // of (3.1)–(3.2) written directly from §5.3: E[(π − y)·(μ_a·Y)] with the Stein form replaced by its definition:
        // drift_m = E[(π_c − y_c)(𝕄_{ab} + μ_a·Z)], where (μ_a·Z, ξ) are jointly Gaussian with Cov(μ_a·Z, ξ_e) = m_{ea}/λ.
        const int k = 3, samples = 400_000;
        var p = new KgmmParameters(k, 4, 0.1, 1, [0.25, 0.35, 0.4]);
        var s = RandomStatistics(k, 31);
        // Joint covariance of (μ_1..μ_k·Z, x^1..x^k·Z) = Gram([μ; x])/λ = [[I, mᵀ], [m, R]]/λ.
        var joint = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2 * k, 2 * k, (i, j) =>
        {
            if (i < k && j < k) return (i == j ? 1.0 : 0.0) / p.Lambda;
            if (i < k) return s.MAt(j - k, i) / p.Lambda;
            if (j < k) return s.MAt(i - k, j) / p.Lambda;
            return s.RAt(i - k, j - k) / p.Lambda;
        });
        var chol = joint.Cholesky().Factor;
        var rng = new Random(4242);
        int len = KgmmStatistics.PackedLength(k);
        var sum = new double[len];
        var sq = new double[len];
        var z = new double[2 * k];
        var u = new double[2 * k];
        var pi = new double[k];
        var sample = new double[len];
        for (int n = 0; n < samples; n++)
        {
            double v = rng.NextDouble();
            int b = 0;
            for (double acc = p.P[0]; v > acc && b < k - 1; acc += p.P[++b]) { }
            for (int i = 0; i < 2 * k; i++) z[i] = TestRules.Normal(rng);
            for (int i = 0; i < 2 * k; i++) { double t = 0; for (int l = 0; l <= i; l++) t += chol[i, l] * z[l]; u[i] = t; }
            // μ_a·Y = δ_ab + u_a; ζ_c = x^c·Y = m_{cb} + u_{k+c}.
            var zeta = new double[k];
            for (int c = 0; c < k; c++) zeta[c] = s.MAt(c, b) + u[k + c];
            KgmmSample.Softmax(zeta, pi);
            for (int c = 0; c < k; c++)
                for (int a = 0; a < k; a++)
                    sample[c * k + a] = -(pi[c] - (c == b ? 1 : 0)) * ((a == b ? 1 : 0) + u[a]) - p.Beta * s.MAt(c, a);
            int i2 = k * k;
            for (int c = 0; c < k; c++)
                for (int e = c; e < k; e++, i2++)
                {
                    // −E[(π_c − y_c) ζ_e + (π_e − y_e) ζ_c] − 2βR_ce + (c_δ/λ)·(π_c − y_c)(π_e − y_e)  (‖Y‖²/d → 1/λ)
                    double gc = pi[c] - (c == b ? 1 : 0), ge = pi[e] - (e == b ? 1 : 0);
                    sample[i2] = -(gc * zeta[e] + ge * zeta[c]) - 2 * p.Beta * s.RAt(c, e) + p.CDelta / p.Lambda * gc * ge;
                }
            for (int i = 0; i < len; i++) { sum[i] += sample[i]; sq[i] += sample[i] * sample[i]; }
        }
        var du = Ode(p, 14).Derivative(s);
        for (int i = 0; i < len; i++)
        {
            double mean = sum[i] / samples;
            double se = Math.Sqrt((sq[i] / samples - mean * mean) / samples);
            Assert.True(Math.Abs(du[i] - mean) <= 5 * se, $"entry {i}: quadrature {du[i]:R} vs Monte Carlo {mean:R} ± {se:E2}");
        }
    }
}

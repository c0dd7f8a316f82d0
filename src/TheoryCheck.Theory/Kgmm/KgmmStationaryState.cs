using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Stationary point of the kgmm effective ODE (kgmm.md §8.3), found by integrating to <see cref="Horizon"/> and
/// polishing with Newton's method on the packed right-hand side.
/// </summary>
/// <param name="Statistics">The stationary (m, R).</param>
/// <param name="Residual">max |d(state)/dt| at the returned point.</param>
/// <param name="IntegrationResidual">max |d(state)/dt| after the integration, before Newton.</param>
/// <param name="Horizon">Integration time used before Newton.</param>
/// <param name="NewtonIterations">Newton iterations taken.</param>
/// <param name="QuadratureRule">Quadrature rule of the right-hand side.</param>
public sealed record KgmmStationaryState(KgmmStatistics Statistics, double Residual, double IntegrationResidual, double Horizon,
    int NewtonIterations, string QuadratureRule)
{
    /// <summary>
    /// R⊥ from the Lyapunov equation A R⊥ + R⊥ A = (c_δ/λ)Ḡ, A = βI + H̄/λ, with H̄, Ḡ evaluated at the stationary point
    /// by <paramref name="moments"/> (§8.3); returns R⊥ (k×k row-major) and the Lyapunov residual.
    /// </summary>
    public (double[] Perp, double Residual) LyapunovPerp(KgmmParameters parameters, KgmmGaussianMoments moments, bool corrector = true)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(moments);
        int k = parameters.K;
        var d = new double[k * k];
        var h = new double[k * k];
        var g = new double[k * k];
        moments.Evaluate(Statistics.M, Statistics.R, d, h, g);
        var a = new double[k * k];
        var c = new double[k * k];
        double scale = corrector ? parameters.CDelta / parameters.Lambda : 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                a[i * k + j] = (i == j ? parameters.Beta : 0) + h[i * k + j] / parameters.Lambda;
                c[i * k + j] = scale * g[i * k + j];
            }
        return SymmetricLyapunov.Solve(a, c, k);
    }
}

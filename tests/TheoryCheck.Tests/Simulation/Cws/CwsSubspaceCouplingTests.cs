using TheoryCheck.Models.Cws;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Cws;
using Xunit.Abstractions;

namespace TheoryCheck.Tests.Simulation.Cws;

/// <summary>
/// Pathwise coupling of the cws subspace engine with the full engine (docs/theory/subspace.md §11.4, §11.8): a
/// full-vector run is stepped as usual, and this test keeps, in ℝ^d and with its own plain loops, the frame
/// [e^Z, e^N, w] (the fixed bases are the engine's, from <see cref="CwsSubspaceGeometry.WithBasis"/>; w is the test's own,
/// a unit vector of the noisy block orthogonal to e^N). Each step it takes the full run's own class and noise z, projects
/// the noisy part P_N z on the noisy frame (g = Q_Nᵀ P_N z), takes the residual r = P_N z − Q_N g and feeds (c, g, ‖r‖)
/// to the subspace step; w is then moved with the step's factor U (w' = U_0 w + U_1 r/‖r‖). If the subspace step is the
/// full step in coordinates, the closure statistics of both runs agree to rounding at every step and the full iterate
/// is the frame times the coordinates.
/// </summary>
public sealed class CwsSubspaceCouplingTests(ITestOutputHelper output)
{
    /// <summary>The cases: family, loss, d and what they exercise.</summary>
    public static TheoryData<string, int> Cases => new()
    {
        { "isotropic-logistic", 40 },       // k_Z = 0, k_N = 2 (μ, P_𝒞μ), moving w
        { "isotropic-squares-3classes-schedule", 30 }, // C = 3 random signs, power schedule
        { "zero-one-logistic-both", 40 },   // k_Z = 1, k_N = 1 (𝒞 inside the clean block)
        { "zero-one-squares-noisy", 40 },   // f = 0.05: 𝒞 straddles the blocks, k_Z = 0, k_N = 2
        { "zero-one-logistic-clean", 40 },  // k_Z = 1, k_N = 0: the noisy block has only w
        { "zero-one-logistic-both", 6 },    // d_N = 3, n_N = 2: χ²₁ (the boost path)
        { "zero-one-squares-both", 4 },     // d_N = 2 = n_N: χ²₀, the frame fills the noisy block
        { "zero-one-logistic-one-noisy-mode", 8 }, // d_N = 1 = k_N: no moving direction
    };

    internal static CwsParameters Parameters(string name, int d) => name switch
    {
        "isotropic-logistic" => new CwsParameters(CwsLoss.Logistic, CwsCovariance.Isotropic, gamma: 1.5, meanNorm: 1.2, dimension: d),
        "isotropic-squares-3classes-schedule" => new CwsParameters(CwsLoss.Squares, CwsCovariance.Isotropic, gamma: 1, meanNorm: 1, dimension: d, classes: 3,
            probabilities: [0.2, 0.3, 0.5], schedule: CwsScheduleKind.Power, t0: 2, decay: 0.5),
        "zero-one-logistic-both" => new CwsParameters(CwsLoss.Logistic, CwsCovariance.ZeroOne, gamma: 1, zeroFraction: 0.5, meanOn: CwsMeanSupport.Both, dimension: d),
        "zero-one-squares-noisy" => new CwsParameters(CwsLoss.Squares, CwsCovariance.ZeroOne, gamma: 0.8, zeroFraction: 0.05, meanOn: CwsMeanSupport.Noisy, dimension: d),
        "zero-one-logistic-clean" => new CwsParameters(CwsLoss.Logistic, CwsCovariance.ZeroOne, gamma: 2, zeroFraction: 0.5, meanOn: CwsMeanSupport.Clean, dimension: d),
        "zero-one-squares-both" => new CwsParameters(CwsLoss.Squares, CwsCovariance.ZeroOne, gamma: 0.5, zeroFraction: 0.5, meanOn: CwsMeanSupport.Both, dimension: d),
        "zero-one-logistic-one-noisy-mode" => new CwsParameters(CwsLoss.Logistic, CwsCovariance.ZeroOne, gamma: 1, zeroFraction: 0.875, meanOn: CwsMeanSupport.Both, dimension: d),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SubspaceStepFedTheProjectedNoiseReproducesTheFullRun(string name, int d)
    {
        const long seed = 23;
        const int steps = 4000;
        var p = Parameters(name, d);
        var mixture = p.CreateMixture();
        var geometry = CwsSubspaceGeometry.WithBasis(mixture);
        var cleanBasis = geometry.CleanBasisVectors!;
        var noisyBasis = geometry.NoisyBasisVectors!;
        int kz = cleanBasis.Length, kn = noisyBasis.Length;
        Assert.Equal(geometry.CleanRank, kz);
        Assert.Equal(geometry.NoisyRank, kn);
        var lambda = mixture.Variances(0).ToArray();
        var all = cleanBasis.Concat(noisyBasis).ToArray();
        for (int a = 0; a < all.Length; a++)
            for (int b = 0; b < all.Length; b++)
                Assert.Equal(a == b ? 1.0 : 0.0, Dot(all[a], all[b]), 1e-13);
        foreach (var e in cleanBasis) for (int i = 0; i < d; i++) if (lambda[i] != 0) Assert.Equal(0.0, e[i]);
        foreach (var e in noisyBasis) for (int i = 0; i < d; i++) if (lambda[i] != 1) Assert.Equal(0.0, e[i]);

        var full = new CwsSgdSimulation(mixture, p.Loss, p.Schedule, seed);
        var subspace = new CwsSubspaceSimulation(mixture, p.Loss, p.Schedule, seed);
        Assert.Equal(geometry.HasMovingDirection, subspace.Geometry.HasMovingDirection);
        bool moving = geometry.HasMovingDirection;
        int n = geometry.NoiseDimension;
        // w: a fixed unit vector of the noisy block orthogonal to e^N (any one: X_0 = 0 does not use it).
        var w = new double[d];
        if (moving)
        {
            for (int i = 0; i < d; i++) w[i] = lambda[i] == 1 ? Math.Cos(3.0 * i + 1) : 0;
            for (int pass = 0; pass < 2; pass++) foreach (var e in noisyBasis) Axpy(-Dot(e, w), e, w);
            double norm = Math.Sqrt(Dot(w, w));
            Assert.True(norm > 1e-3);
            for (int i = 0; i < d; i++) w[i] /= norm;
        }

        var key = CwsStreams.Sgd(seed, d);
        var cumulative = CwsStreams.Cumulative(mixture.Probabilities);
        var z = new double[d];
        var residual = new double[d];
        var g = new double[n];
        var u = new double[2];
        double maxStatisticsError = 0, maxIterateError = 0, scale = 0, largestResidual = 0;
        for (int step = 1; step <= steps; step++)
        {
            int c = CwsStreams.Class(new RandomStream(key, (ulong)(step - 1)).NextDouble(), cumulative);
            RandomStream.FillNormal(key, (ulong)(step - 1) * (ulong)d, z);
            for (int i = 0; i < d; i++) residual[i] = lambda[i] == 1 ? z[i] : 0; // P_N z
            for (int k = 0; k < kn; k++) g[k] = Dot(noisyBasis[k], residual);
            if (moving) g[kn] = Dot(w, residual);
            double rho = 0;
            if (geometry.ResidualDegreesOfFreedom > 0)
            {
                for (int k = 0; k < kn; k++) Axpy(-g[k], noisyBasis[k], residual);
                if (moving) Axpy(-g[kn], w, residual);
                for (int k = 0; k < kn; k++) Axpy(-Dot(noisyBasis[k], residual), noisyBasis[k], residual);
                if (moving) Axpy(-Dot(w, residual), w, residual);
                rho = Math.Sqrt(Dot(residual, residual));
            }
            largestResidual = Math.Max(largestResidual, rho);
            Assert.True(subspace.StepWith(c, g, rho, moving ? u : default));
            Assert.False(full.AdvanceTo(step).Diverged);
            if (moving)
            {
                var moved = new double[d];
                Axpy(u[0], w, moved);
                if (rho > 0) Axpy(u[1] / rho, residual, moved);
                w = moved;
            }

            if (step % 10 == 0 || step == steps)
            {
                var expected = full.TryStatistics()!;
                var actual = subspace.TryStatistics()!;
                double size = Math.Max(1, Math.Abs(expected.Norm2));
                scale = Math.Max(scale, size);
                for (int k = 0; k < mixture.Classes; k++)
                {
                    maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(expected.ClassMeans[k] - actual.ClassMeans[k]) / size);
                    maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(expected.ClassVariances[k] - actual.ClassVariances[k]) / size);
                }
                maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(expected.Norm2 - actual.Norm2) / size);
                maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(expected.Overlap - actual.Overlap) / size);
                maxStatisticsError = Math.Max(maxStatisticsError, Math.Abs(expected.CleanOverlap - actual.CleanOverlap) / size);
                var x = subspace.Coordinates;
                var iterate = full.Iterate;
                for (int i = 0; i < d; i++)
                {
                    double value = 0;
                    for (int k = 0; k < kz; k++) value += x[k] * cleanBasis[k][i];
                    for (int k = 0; k < kn; k++) value += x[kz + k] * noisyBasis[k][i];
                    if (moving) value += x[kz + kn] * w[i];
                    maxIterateError = Math.Max(maxIterateError, Math.Abs(value - iterate[i]) / Math.Sqrt(size));
                }
            }
        }
        output.WriteLine($"{name}, d = {d}: k_Z = {kz}, k_N = {kn}, moving = {moving}, χ² dof = {geometry.ResidualDegreesOfFreedom}, {steps} steps (t = {steps / (double)d:G3}): " +
            $"max |Δ statistics|/max(1, ‖X‖²) = {maxStatisticsError:E2}, max |X_full − Q·x|/max(1, ‖X‖) = {maxIterateError:E2}, largest ‖X‖² = {scale:G3}, largest ρ = {largestResidual:F2}");
        Assert.True(maxStatisticsError <= 1e-12, $"statistics differ by {maxStatisticsError:E2}");
        Assert.True(maxIterateError <= 1e-12, $"iterate differs by {maxIterateError:E2}");
    }

    /// <summary>
    /// The test has power: the same coupling with the residual norm doubled (a wrong noise energy outside the frame)
    /// separates the runs far beyond the 10⁻¹² bound within the first hundred steps.
    /// </summary>
    [Fact]
    public void TheCouplingDetectsAWrongResidualNorm()
    {
        const int d = 40;
        const long seed = 23;
        var p = Parameters("isotropic-logistic", d);
        var mixture = p.CreateMixture();
        var geometry = CwsSubspaceGeometry.WithBasis(mixture);
        var noisyBasis = geometry.NoisyBasisVectors!;
        int kn = noisyBasis.Length;
        var full = new CwsSgdSimulation(mixture, p.Loss, p.Schedule, seed);
        var subspace = new CwsSubspaceSimulation(mixture, p.Loss, p.Schedule, seed);
        var w = new double[d];
        for (int i = 0; i < d; i++) w[i] = Math.Cos(3.0 * i + 1);
        for (int pass = 0; pass < 2; pass++) foreach (var e in noisyBasis) Axpy(-Dot(e, w), e, w);
        double wn = Math.Sqrt(Dot(w, w));
        for (int i = 0; i < d; i++) w[i] /= wn;
        var key = CwsStreams.Sgd(seed, d);
        var cumulative = CwsStreams.Cumulative(mixture.Probabilities);
        var z = new double[d];
        var g = new double[kn + 1];
        var u = new double[2];
        for (int step = 1; step <= 100; step++)
        {
            int c = CwsStreams.Class(new RandomStream(key, (ulong)(step - 1)).NextDouble(), cumulative);
            RandomStream.FillNormal(key, (ulong)(step - 1) * (ulong)d, z);
            var residual = (double[])z.Clone();
            for (int k = 0; k < kn; k++) g[k] = Dot(noisyBasis[k], z);
            g[kn] = Dot(w, z);
            for (int k = 0; k < kn; k++) Axpy(-g[k], noisyBasis[k], residual);
            Axpy(-g[kn], w, residual);
            double rho = Math.Sqrt(Dot(residual, residual));
            subspace.StepWith(c, g, 2 * rho, u);
            full.AdvanceTo(step);
            var moved = new double[d];
            Axpy(u[0], w, moved);
            Axpy(u[1] / rho, residual, moved);
            w = moved;
        }
        double difference = Math.Abs(full.TryStatistics()!.Norm2 - subspace.TryStatistics()!.Norm2);
        output.WriteLine($"‖X‖² difference after 100 steps with 2ρ: {difference:E2}");
        Assert.True(difference > 1e-6, $"a doubled residual norm went unnoticed ({difference:E2})");
    }

    private static double Dot(double[] x, double[] y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < y.Length; i++) y[i] += a * x[i];
    }
}

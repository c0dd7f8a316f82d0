using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Sweeps;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Tests.Comparison.EndToEnd;

/// <summary>
/// Test-only claim "toy.mean": the theory is μ(t) = μ₀·e^{−t}; a simulation run of size d records at every grid
/// time the mean of d fresh draws from N(μ(t), σ²). The sample mean is unbiased with standard deviation σ/√d,
/// so the sup-error over the grid is σ/√d times the maximum of |Z| over the grid points: E_d ∝ d^{−1/2}.
/// Random numbers: SplitMix64 keyed by the replicate seed, Box–Muller normals (thread-count independent).
/// </summary>
internal sealed class ToyMeanClaim : IClaim
{
    public const double Mu = 0.7, Sigma = 1.0;
    public static readonly int[] Sizes = [64, 256, 1024, 4096];
    public const int Seeds = 12;
    public const double Bound = 0.1;

    public ClaimInfo Info { get; } = new("toy.mean", "toy", "test only", "the sample mean of d Gaussians tracks μ(t), error ∝ d^{-1/2}", "tests/Comparison/EndToEnd");

    public IReadOnlyList<string> Engines { get; } = [];

    public IReadOnlyList<ClaimSetting> Settings { get; } = [];

    public NegativeControl Control { get; } = new("mu-x1.2", "μ₀ multiplied by 1.2 in the theory");

    public ClaimResult Run(ClaimContext context)
    {
        double mu0 = context.NegativeControl ? 1.2 * Mu : Mu;
        var clock = Stopwatch.StartNew();
        var grid = TimeGrid.Uniform(2, 0.5);
        var parameters = new JsonObject { ["mu"] = Mu, ["sigma"] = Sigma };
        var theory = new Trajectory("toy", "exact", parameters, null, null, grid.Times,
            [new("mean", grid.Times.Select(t => mu0 * Math.Exp(-t)).ToArray())], RunStatus.Completed);
        double theorySeconds = clock.Elapsed.TotalSeconds;

        var plan = new SweepPlan(Sizes, Seeds);
        var runs = plan.Run(context, job => Simulate(job, grid, parameters));
        var errors = runs.Select(run => SupError.Of(theory, run, ["mean"]).Value).ToArray();
        var sweep = ErrorSweep.Of(plan, errors);

        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = [sweep.RateCheck(-0.5), sweep.BoundCheck(Bound)],
            Parameters = parameters,
            Measurements = new JsonObject
            {
                ["sweep"] = sweep.ToJson(),
                ["theory"] = new JsonObject { ["mean"] = ClaimResultJson.Numbers(theory["mean"]) },
            },
            Settings = new JsonObject { ["rng"] = "SplitMix64 + Box–Muller", ["grid"] = "0:0.5:2" },
            Sizes = Sizes,
            Seeds = plan.Seeds(context),
            Figures =
            [
                sweep.Figure(referenceExponent: -0.5, bound: Bound),
                TrajectoryFigure.Build("mean", "sample mean vs μ(t)", theory, runs.Where(r => r.Dimension == Sizes[0]).ToList(), ["mean"]),
            ],
            Timings = new Dictionary<string, double> { ["theory"] = theorySeconds, ["simulation"] = clock.Elapsed.TotalSeconds - theorySeconds },
        };
    }

    private static Trajectory Simulate(SweepJob job, TimeGrid grid, JsonObject parameters)
    {
        ulong state = job.Seed;
        var mean = new double[grid.Times.Count];
        for (int i = 0; i < mean.Length; i++)
        {
            double mu = Mu * Math.Exp(-grid.Times[i]), sum = 0;
            for (int k = 0; k < job.Dimension; k++) sum += mu + Sigma * Normal(ref state);
            mean[i] = sum / job.Dimension;
        }
        return new Trajectory("toy", "sample-mean", parameters, job.Dimension, (long)job.Seed, grid.Times, [new("mean", mean)], RunStatus.Completed);
    }

    private static double Normal(ref ulong state)
    {
        double u1 = ((NextUInt64(ref state) >> 11) + 1) * (1.0 / 9007199254740992.0); // (0, 1]
        double u2 = (NextUInt64(ref state) >> 11) * (1.0 / 9007199254740992.0);       // [0, 1)
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong NextUInt64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

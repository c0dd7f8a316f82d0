using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Tracking;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Tests.Comparison.Tracking;

/// <summary>
/// Test-only model binding: theory mean(t) = μ·e^{−t}, var(t) = σ²; a run of size d records the sample mean and
/// sample variance of d fresh N(mean(t), σ²) draws per grid time (SplitMix64 + Box–Muller from the seed).
/// σ &gt; 50 "diverges" (to test divergence handling).
/// </summary>
internal sealed class ToyMeanModel : IModelBinding
{
    public ModelDescriptor Descriptor { get; } = new("toymodel", "sample means", "none", "t = grid time",
        [
            new ParameterSpec("mu", "mean at t = 0", ParameterKind.Real, JsonValue.Create(0.7)),
            new ParameterSpec("sigma", "standard deviation", ParameterKind.Real, JsonValue.Create(1.0)) { Minimum = 0, MinimumInclusive = false },
            new ParameterSpec("d", "sample size", ParameterKind.Integer, null) { Minimum = 2, SimulationOnly = true },
            new ParameterSpec("seed", "seed", ParameterKind.Integer, null) { SimulationOnly = true },
        ],
        [new ObservableSpec("mean", "sample mean"), new ObservableSpec("var", "sample variance")]);

    public IReadOnlyList<string> Engines { get; } = ["full"];

    public bool TheoryUsesDimension => false;

    public TimeGrid Grid(ParameterValues parameters, double end, double step) => TimeGrid.Uniform(end, step);

    public Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid) => Theory(parameters, grid, 1.0);

    private static Trajectory Theory(ParameterValues parameters, TimeGrid grid, double scale)
    {
        double mu = scale * parameters.Real("mu"), sigma = parameters.Real("sigma");
        return new Trajectory("toymodel", "exact", parameters.ToJson(), null, null, grid.Times,
            [new("mean", grid.Times.Select(t => mu * Math.Exp(-t)).ToArray()), new("var", grid.Times.Select(_ => sigma * sigma).ToArray())],
            RunStatus.Completed, new JsonObject { ["method"] = "closed form" });
    }

    public Trajectory Simulate(ParameterValues parameters, string engine, TimeGrid grid, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        int d = (int)SimulationPoint.Dimension(parameters);
        ulong seed = SimulationPoint.Seed(parameters);
        double mu = parameters.Real("mu"), sigma = parameters.Real("sigma");
        if (sigma > 50)
            return new Trajectory("toymodel", "sgd", parameters.ToJson(), d, (long)seed, [0.0], [new("mean", [mu]), new("var", [0.0])],
                RunStatus.DivergedAt(3, 0.25, "non-finite sample"));
        ulong state = seed;
        var mean = new double[grid.Times.Count];
        var variance = new double[grid.Times.Count];
        var draws = new double[d];
        for (int i = 0; i < mean.Length; i++)
        {
            double m = mu * Math.Exp(-grid.Times[i]), sum = 0;
            for (int k = 0; k < d; k++) sum += draws[k] = Normal(ref state);
            double z = sum / d, squares = 0;
            for (int k = 0; k < d; k++) squares += (draws[k] - z) * (draws[k] - z);
            mean[i] = m + sigma * z;
            variance[i] = sigma * sigma * squares / (d - 1);
        }
        return new Trajectory("toymodel", "sgd", parameters.ToJson(), d, (long)seed, grid.Times,
            [new("mean", mean), new("var", variance)], RunStatus.Completed, new JsonObject { ["rng"] = "SplitMix64" });
    }

    public JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request) => throw new InputException("toymodel has no spectra");

    public IReadOnlyList<IClaim> Claims =>
    [
        new TrackingClaim(new ClaimInfo("toymodel.tracking", "toymodel", "none", "sample mean tracks μ e^{−t}", "tests"),
            () => this, ["mean"], profile => new TrackingProfile
            {
                Parameters = Descriptor.Defaults,
                Grid = TimeGrid.Uniform(2, 0.5),
                Sizes = profile == Profile.Test ? [64, 256, 1024] : [64, 256, 1024, 4096],
                Seeds = 8,
                Bound = 0.1,
            },
            new NegativeControl("mu-x1.2", "μ multiplied by 1.2 in the theory"), (values, grid, strength) => Theory(values, grid, 1 + 0.2 * strength))
        {
            Reported = ["var"],
        },
    ];

    private static double Normal(ref ulong state)
    {
        double u1 = ((Next(ref state) >> 11) + 1) * (1.0 / 9007199254740992.0);
        double u2 = (Next(ref state) >> 11) * (1.0 / 9007199254740992.0);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

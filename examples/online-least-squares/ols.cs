#:project ../../src/TheoryCheck.Cli/TheoryCheck.Cli.csproj
#:property InvariantGlobalization=true
// A researcher's own model, written only against TheoryCheck's public API, run as a .NET 10 file-based app:
//
//   dotnet run examples/online-least-squares/ols.cs -- run ols.tracking --profile quick --out reports/ols
//   dotnet run examples/online-least-squares/ols.cs -- ode ols --t-end 4 --t-step 1
//   dotnet run examples/online-least-squares/ols.cs -- sgd ols --d 2000 --seed 1 --t-end 4 --t-step 1
//
// Model (examples/online-least-squares/README.md): online least squares on isotropic data, x ~ N(0, I_d),
// y = ⟨θ*, x⟩ + ε with ε ~ N(0, σ²), one fresh sample per step, θ ← θ − (γ/d)(⟨θ, x⟩ − y)x, time t = ℓ/d. With
// e = θ − θ* and q = ‖e‖²: E[q_{ℓ+1} | q_ℓ] = q_ℓ(1 − 2γ/d + γ²(d + 2)/d²) + γ²σ²/d, so as d → ∞
// dq/dt = −(2γ − γ²) q + γ²σ² with the closed form q(t) = q* + (q₀ − q*) e^{−(2γ − γ²)t}, q* = γσ²/(2 − γ);
// the population risk is ½(q + σ²).
using System.Text.Json.Nodes;
using TheoryCheck.Cli;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Tracking;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using System.Numerics.Tensors;
using TheoryCheck.Numerics.Random;

return CliApp.Run(args, CliIO.Console, new OlsBinding());

/// <summary>The online-least-squares model for the TheoryCheck command line.</summary>
sealed class OlsBinding : IModelBinding
{
    public ModelDescriptor Descriptor { get; } = new("ols", "online least squares on isotropic Gaussian data (example model)", "closed-form limit; examples/online-least-squares",
        "t = ℓ/d (step γ/d)",
        [
            new ParameterSpec("gamma", "step size γ/d (stable for 0 < γ < 2)", ParameterKind.Real, 0.5) { Minimum = 0, MinimumInclusive = false, Maximum = 2, MaximumInclusive = false },
            new ParameterSpec("sigma2", "label noise variance σ²", ParameterKind.Real, 0.25) { Minimum = 0 },
            new ParameterSpec("q0", "initial squared distance ‖θ₀ − θ*‖²", ParameterKind.Real, 1.0) { Minimum = 0 },
            new ParameterSpec("d", "dimension (simulation only)", ParameterKind.Integer, null) { Minimum = 2, Maximum = 10_000_000, SimulationOnly = true },
            new ParameterSpec("seed", "random seed (simulation only)", ParameterKind.Integer, null) { SimulationOnly = true },
        ],
        [new ObservableSpec("q", "‖θ − θ*‖²"), new ObservableSpec("risk", "population risk ½(q + σ²)")]);

    public IReadOnlyList<string> Engines { get; } = ["full"];

    public bool TheoryUsesDimension => false;

    public TimeGrid Grid(ParameterValues parameters, double end, double step) => TimeGrid.Uniform(end, step);

    public Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid) => Theory(parameters, grid, itoTerm: 1);

    /// <summary>The closed form, with the Itô term γ² of the decay rate multiplied by <paramref name="itoTerm"/> (1: the derived law).</summary>
    public static Trajectory Theory(ParameterValues parameters, TimeGrid grid, double itoTerm)
    {
        double gamma = parameters.Real("gamma"), sigma2 = parameters.Real("sigma2"), q0 = parameters.Real("q0");
        double rate = 2 * gamma - itoTerm * gamma * gamma, floor = gamma * gamma * sigma2 / rate;
        var q = grid.Times.Select(t => floor + (q0 - floor) * Math.Exp(-rate * t)).ToArray();
        return new Trajectory("ols", "ode", parameters.ToJson(), null, null, grid.Times,
            [new("q", q), new("risk", q.Select(x => 0.5 * (x + sigma2)).ToArray())], RunStatus.Completed,
            new JsonObject { ["solver"] = "closed form q* + (q₀ − q*)e^{−(2γ − γ²)t}" });
    }

    public Trajectory Simulate(ParameterValues parameters, string engine, TimeGrid grid, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        double gamma = parameters.Real("gamma"), sigma = Math.Sqrt(parameters.Real("sigma2")), q0 = parameters.Real("q0");
        int d = (int)SimulationPoint.Dimension(parameters);
        ulong seed = SimulationPoint.Seed(parameters);
        var key = StreamKey.Derive(seed, "ols.sgd", d);
        var e = new double[d];
        var x = new double[d + 1]; // d coordinates of x and the label noise
        e[0] = Math.Sqrt(q0);
        var q = new double[grid.Times.Count];
        long step = 0;
        for (int i = 0; i < q.Length; i++)
        {
            long target = (long)Math.Round(grid.Times[i] * d);
            for (; step < target; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RandomStream.FillNormal(key, (ulong)step * (ulong)(d + 1), x);
                var xs = x.AsSpan(0, d);
                double residual = TensorPrimitives.Dot(xs, e) - sigma * x[d];
                TensorPrimitives.MultiplyAdd(xs, -gamma / d * residual, e, e); // e ← e − (γ/d)(⟨x, e⟩ − ε)x
            }
            double sum = TensorPrimitives.Dot(e, e);
            q[i] = sum;
            if (!double.IsFinite(sum))
                return new Trajectory("ols", "sgd", parameters.ToJson(), d, (long)seed, grid.Times.Take(i).ToArray(),
                    [new("q", q[..i]), new("risk", q[..i].Select(v => 0.5 * (v + sigma * sigma)).ToArray())],
                    RunStatus.DivergedAt(step, grid.Times[i], "non-finite θ")) { SimulationEngine = engine };
        }
        return new Trajectory("ols", "sgd", parameters.ToJson(), d, (long)seed, grid.Times,
            [new("q", q), new("risk", q.Select(v => 0.5 * (v + sigma * sigma)).ToArray())], RunStatus.Completed,
            new JsonObject { ["steps"] = step, ["random"] = "Philox stream ols.sgd keyed by (seed, d)" }) { SimulationEngine = engine };
    }

    public JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request) =>
        throw new InputException("the ols example has no spectrum: its Hessian is the identity");

    public IReadOnlyList<IClaim> Claims => s_claims ??= [Tracking(this)];

    private static IReadOnlyList<IClaim>? s_claims;

    /// <summary>ols.tracking: q and the risk of SGD track the closed form, sup-error ∝ d^{-1/2}.</summary>
    private static TrackingClaim Tracking(OlsBinding model) => new(
        new ClaimInfo("ols.tracking", "ols", "example: closed-form limit of online least squares", "q = ‖θ − θ*‖² of SGD tracks q* + (q₀ − q*)e^{−(2γ − γ²)t}, error ∝ d^{-1/2}",
            "examples/online-least-squares/README.md"),
        () => model, ["q", "risk"],
        profile => new TrackingProfile
        {
            Parameters = model.Descriptor.Defaults,
            Grid = TimeGrid.Uniform(3, 0.25),
            Sizes = profile switch { Profile.Test => [50, 200, 800, 3200], Profile.Quick => [250, 1000, 4000, 16000], _ => [250, 1000, 4000, 16000, 64000] },
            // the cost of a run is T·d steps of O(d): T·d² (3200² · 3 = 3·10⁷ multiply–adds at the test profile's largest d)
            Seeds = profile == Profile.Full ? 16 : 8,
            Bound = profile == Profile.Test ? 0.05 : 0.025,
        },
        new NegativeControl("ito-term-dropped", "the Itô term γ² of the decay rate 2γ − γ² dropped (the gradient-flow rate 2γ), a classic slip"),
        (values, grid, strength) => Theory(values, grid, itoTerm: 1 - strength));
}

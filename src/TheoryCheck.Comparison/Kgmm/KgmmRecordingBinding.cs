using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// A pass-through <see cref="IModelBinding"/> that keeps every theory trajectory and simulation run it hands out, so a
/// claim built on <see cref="Tracking.TrackingClaim"/> can draw further figures from the same runs (no second
/// simulation). Thread-safe.
/// </summary>
internal sealed class KgmmRecordingBinding(IModelBinding inner) : IModelBinding
{
    private readonly ConcurrentQueue<Trajectory> _runs = new();
    private Trajectory? _theory;

    /// <summary>The simulation runs handed out (any order).</summary>
    public IReadOnlyList<Trajectory> Runs => _runs.ToArray();

    /// <summary>The last theory trajectory handed out.</summary>
    public Trajectory Theory => _theory ?? throw new InvalidOperationException("no theory trajectory was solved");

    public ModelDescriptor Descriptor => inner.Descriptor;

    public IReadOnlyList<IClaim> Claims => inner.Claims;

    public Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid) => _theory = inner.SolveTheory(parameters, grid);

    public Trajectory Simulate(ParameterValues parameters, int d, ulong seed, TimeGrid grid, IProgress<double>? progress = null)
    {
        var run = inner.Simulate(parameters, d, seed, grid, progress);
        _runs.Enqueue(run);
        return run;
    }

    public JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request) => inner.Spectrum(parameters, request);
}

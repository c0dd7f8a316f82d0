using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// The <c>kgmm</c> model for the command line and the claim catalogue (kgmm.md; claims.md §1): theory = the effective
/// ODE (3.1)–(3.2) with the corrector from m(0) = 0, R(0) = I; simulation = one full-vector online SGD run
/// (<see cref="KgmmSgd"/>); both print m[c,a], R[c,e], Rperp[c,e], loss, accuracy in the same order. The spectrum
/// document joins the empirical test Hessian/G spectrum (β excluded) with the d → ∞ prediction of kgmm.md §11 at the
/// ODE state of the same time (<see cref="KgmmSpectrumDocument"/>).
/// </summary>
public sealed class KgmmBinding : IModelBinding
{
    /// <inheritdoc/>
    public ModelDescriptor Descriptor => KgmmModel.Descriptor;

    /// <inheritdoc/>
    public Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid) =>
        KgmmTheory.Trajectory(KgmmParameters.FromValues(parameters), grid);

    /// <inheritdoc/>
    /// <exception cref="Models.InputException">d &lt; 2k (one line naming d), or a bad parameter.</exception>
    public Trajectory Simulate(ParameterValues parameters, int d, ulong seed, TimeGrid grid, IProgress<double>? progress = null)
    {
        var p = KgmmParameters.FromValues(parameters);
        var run = new KgmmSgd().Run(new KgmmSimulationProblem(p, p.ValidateDimension(d), unchecked((long)seed), grid));
        progress?.Report(1.0);
        return run.Trajectory;
    }

    /// <inheritdoc/>
    public JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request) =>
        KgmmSpectrumDocument.Build(KgmmParameters.FromValues(parameters), request);

    /// <inheritdoc/>
    public IReadOnlyList<IClaim> Claims { get; } =
    [
        new KgmmOdeTrackingClaim(),
        new KgmmCorrectorClaim(),
        new KgmmLargeLambdaClaim(),
        new KgmmBlockAlignmentClaim(),
        new KgmmOutliersClaim(),
        new KgmmFullStructureClaim(),
    ];
}

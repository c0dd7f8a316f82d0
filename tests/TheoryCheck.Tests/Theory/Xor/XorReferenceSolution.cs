using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Tests.Theory.Xor;

/// <summary>
/// The reference solve of claims.md §2.1 / xor.md §5.2 (K = 4, λ = 20, β = 0.05, c_δ = 1, default warm start, Δt = 0.25,
/// T = 6) with the default options (N = 2^14, error estimate on), shared by the tests of one class.
/// </summary>
public sealed class XorReferenceSolution
{
    public XorReferenceSolution()
    {
        Parameters = XorParameters.Default;
        Solution = XorTheory.Solve(Parameters, TimeGrid.Uniform(6, 0.25));
    }

    public XorParameters Parameters { get; }

    public XorOdeSolution Solution { get; }
}

/// <summary>The ODE state at λ = 50, t = 30 from the default warm start (xor.md §9.2–§9.3), shared by the spectral tests.</summary>
public sealed class XorLambdaFiftyState
{
    public XorLambdaFiftyState()
    {
        Parameters = new XorParameters(lambda: 50);
        State = XorTheory.StateAt(Parameters, 30);
        Matrices = new XorPopulationMatrices(Parameters, State);
    }

    public XorParameters Parameters { get; }

    public XorStatistics State { get; }

    public XorPopulationMatrices Matrices { get; }
}

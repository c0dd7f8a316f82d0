using TheoryCheck.Models.Observables;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// Solution of a two-variable reduction of the <c>cws</c> ODE (cws.md §6 isotropic, §7 zero-one): the overlap M, the
/// variance S of r (§6: Q = ‖X‖²) and the population risk on a grid.
/// </summary>
/// <param name="Times">Grid times reached.</param>
/// <param name="Overlap">M(t).</param>
/// <param name="Variance">S(t) (§6: Q(t)).</param>
/// <param name="Risk">𝓡(t).</param>
/// <param name="Status">Completed or failed.</param>
public sealed record CwsReducedSolution(double[] Times, double[] Overlap, double[] Variance, double[] Risk, RunStatus Status);

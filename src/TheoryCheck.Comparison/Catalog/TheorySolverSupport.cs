namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// Which solver options of <c>theorycheck ode</c> a model's theory honours (<see cref="IModelBinding.TheorySolver"/>):
/// the integrator tolerances, a choice among <see cref="TheorySolverSettings.MethodNames"/>, the corrector switch — and,
/// for what it does not honour, why (one phrase, e.g. "its theory is an exact recursion, computed without an
/// integrator"), so <c>ode</c> refuses such an option with a reason instead of ignoring it.
/// </summary>
/// <param name="Tolerances">True when <c>--rtol</c> and <c>--atol</c> set the tolerances of an adaptive integrator.</param>
/// <param name="Methods">The integrators <c>--method</c> may name, the default first (empty: no choice).</param>
/// <param name="Corrector">True when the theory has a corrector term that <c>--corrector off</c> removes.</param>
/// <param name="Reason">Why the options not supported do not apply to this theory.</param>
public sealed record TheorySolverSupport(bool Tolerances, IReadOnlyList<string> Methods, bool Corrector, string Reason)
{
    /// <summary>A theory with no adjustable solver (e.g. an exact recursion): every option is refused with <paramref name="reason"/>.</summary>
    public static TheorySolverSupport None(string reason) => new(false, [], false, reason);
}

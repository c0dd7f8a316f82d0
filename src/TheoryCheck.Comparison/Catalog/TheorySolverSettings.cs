using System.Globalization;
using TheoryCheck.Models;

namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// Solver options for a theory solve, as given on the command line (<c>ode --rtol --atol --method --corrector</c>); null
/// means "the model's default". A binding maps them onto its own options record (kgmm: <c>KgmmTheoryOptions</c>, …); which
/// ones it honours is its <see cref="TheorySolverSupport"/>, checked by <see cref="Check"/> before any work.
/// </summary>
public sealed record TheorySolverSettings
{
    /// <summary>No option given: every model solves with its defaults.</summary>
    public static TheorySolverSettings Default { get; } = new();

    /// <summary>Dormand–Prince 5(4), adaptive, with dense output (the default of every ODE theory).</summary>
    public const string DormandPrince54 = "dp54";

    /// <summary>Dormand–Prince 8(5,3), adaptive (reference solutions).</summary>
    public const string DormandPrince853 = "dp853";

    /// <summary>Every integrator name <c>--method</c> knows, with its meaning.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> MethodNames { get; } =
    [
        (DormandPrince54, "Dormand–Prince 5(4), adaptive"),
        (DormandPrince853, "Dormand–Prince 8(5,3), adaptive (reference solutions)"),
    ];

    /// <summary>Relative tolerance rtol of the adaptive integrator, in [1e-14, 1].</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary>Absolute tolerance atol of the adaptive integrator, in (0, 1].</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>Integrator name (<see cref="MethodNames"/>).</summary>
    public string? Method { get; init; }

    /// <summary>Corrector term on (true) or off (false).</summary>
    public bool? Corrector { get; init; }

    /// <summary>True when no option was given.</summary>
    public bool IsDefault => RelativeTolerance is null && AbsoluteTolerance is null && Method is null && Corrector is null;

    /// <summary>True when <see cref="Method"/> names Dormand–Prince 8(5,3).</summary>
    public bool HighOrder => Method == DormandPrince853;

    /// <summary>
    /// Throws <see cref="InputException"/> (one line naming the option) when a value is out of range or an option is one
    /// that <paramref name="support"/> does not honour for model <paramref name="model"/>.
    /// </summary>
    public void Check(string model, TheorySolverSupport support)
    {
        ArgumentNullException.ThrowIfNull(support);
        if (RelativeTolerance is double rtol && !(rtol >= 1e-14 && rtol <= 1))
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--rtol must lie in [1e-14, 1] (got {rtol:R})"));
        if (AbsoluteTolerance is double atol && !(atol > 0 && atol <= 1))
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--atol must lie in (0, 1] (got {atol:R})"));
        if (Method is string method && !MethodNames.Any(m => m.Name == method))
            throw new InputException($"--method must be one of {string.Join(", ", MethodNames.Select(m => m.Name))} (got '{method}')");
        if (!support.Tolerances && (RelativeTolerance is not null || AbsoluteTolerance is not null))
            throw new InputException($"model '{model}' takes no {(RelativeTolerance is not null ? "--rtol" : "--atol")}: {support.Reason}");
        if (Method is string named && !support.Methods.Contains(named))
            throw new InputException(support.Methods.Count == 0
                ? $"model '{model}' takes no --method: {support.Reason}"
                : $"model '{model}' has no --method '{named}' (its methods: {string.Join(", ", support.Methods)})");
        if (Corrector is not null && !support.Corrector)
            throw new InputException($"model '{model}' takes no --corrector: {support.Reason}");
    }
}

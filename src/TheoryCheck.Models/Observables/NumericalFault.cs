using System.Text.Json.Nodes;

namespace TheoryCheck.Models.Observables;

/// <summary>
/// A numerical fault recorded with a result instead of thrown or hidden (docs/design-notes.md §8): its kind and one
/// line saying which run or solve and where. The trajectory document lists them under <c>status.faults</c>, a claim's
/// <c>result.json</c> under <c>faults</c>, and every report shows each as a notice.
/// </summary>
/// <param name="Kind">One of <see cref="Diverged"/>, <see cref="StepBudget"/>, <see cref="LanczosNotConverged"/>, <see cref="QmcTolerance"/>.</param>
/// <param name="Message">Which run or solve, and where (one line).</param>
public sealed record NumericalFault(string Kind, string Message)
{
    /// <summary>A state became NaN/±∞ (SGD iterate, ODE state, recursion): the records stop there.</summary>
    public const string Diverged = "diverged";

    /// <summary>An adaptive ODE solve used its whole step budget before the final time (typically a stiff problem): the records stop there.</summary>
    public const string StepBudget = "step-budget";

    /// <summary>Lanczos did not reach its residual tolerance, or its fresh-start check found a missed eigenvalue.</summary>
    public const string LanczosNotConverged = "lanczos-not-converged";

    /// <summary>A quasi-Monte Carlo error estimate (the randomised-lattice standard error of an orthant probability) exceeds its tolerance.</summary>
    public const string QmcTolerance = "qmc-tolerance";

    /// <summary>True for the faults that end a run before its final time (<see cref="Diverged"/>, <see cref="StepBudget"/>).</summary>
    public bool Stopping => Kind is Diverged or StepBudget;

    /// <summary>The heading of the fault in reports, e.g. "Step budget exhausted".</summary>
    public string Title => Kind switch
    {
        Diverged => "Diverged",
        StepBudget => "Step budget exhausted",
        LanczosNotConverged => "Lanczos not converged",
        QmcTolerance => "QMC error above tolerance",
        _ => Kind,
    };

    /// <summary>The fault of a run that stopped early (<see cref="RunStatus.Diverged"/>), naming it <paramref name="what"/>; null when it completed.</summary>
    public static NumericalFault? Of(RunStatus status, string what) =>
        status.Diverged ? new NumericalFault(status.State, $"{what} {status}") : null;

    /// <summary><c>{"kind": …, "message": …}</c>.</summary>
    public JsonObject ToJson() => new() { ["kind"] = Kind, ["message"] = Message };

    /// <summary>The fault of a <see cref="ToJson"/> object.</summary>
    public static NumericalFault FromJson(JsonNode node) =>
        new(node["kind"]!.GetValue<string>(), node["message"]!.GetValue<string>());

    /// <summary>"kind: message".</summary>
    public override string ToString() => $"{Kind}: {Message}";
}

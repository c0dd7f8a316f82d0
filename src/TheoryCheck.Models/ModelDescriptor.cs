using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Models;

/// <summary>
/// What a model is, for users and for validation: id, paper, time convention, parameters and observables
/// (shared/theory/parameters.md). Printed by <c>theorycheck models</c>.
/// </summary>
/// <param name="Id">Model id, e.g. <c>kgmm</c>.</param>
/// <param name="Title">One-line description.</param>
/// <param name="Paper">Paper reference(s), e.g. "Ben Arous–Gheissari–Huang–Jagannath 2023 (arXiv 2310.03010)".</param>
/// <param name="TimeConvention">How model time relates to SGD steps, e.g. "t = ℓ·δ, δ = cdelta/d".</param>
/// <param name="Parameters">Parameter specifications in documentation order.</param>
/// <param name="Observables">Observable families.</param>
public sealed record ModelDescriptor(string Id, string Title, string Paper, string TimeConvention,
    IReadOnlyList<ParameterSpec> Parameters, IReadOnlyList<ObservableSpec> Observables)
{
    /// <summary>Validates a scenario object and <c>name=value</c> assignments against <see cref="Parameters"/>.</summary>
    public ParameterValues Parse(System.Text.Json.Nodes.JsonObject? scenario, IEnumerable<string> assignments) =>
        ParameterValues.Parse(Id, Parameters, scenario, assignments);

    /// <summary>All parameters at their defaults.</summary>
    public ParameterValues Defaults => ParameterValues.Defaults(Id, Parameters);
}

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Catalogue entry of a claim (claims.md index): what theorem it checks and where its formulas come from.
/// </summary>
/// <param name="Id">Claim id, e.g. <c>kgmm.ode-tracking</c> (model id, dot, name).</param>
/// <param name="Model">Model id.</param>
/// <param name="Paper">Paper and theorem, e.g. "2206.04030 Thm 2.2 framework; derived ODE".</param>
/// <param name="Statement">Short statement, e.g. "(m, R) of SGD track the ODE, error ∝ d^{-1/2}".</param>
/// <param name="Source">Theory file and section implemented, e.g. "kgmm.md §5; claims.md §1.1".</param>
public sealed record ClaimInfo(string Id, string Model, string Paper, string Statement, string Source);

using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;

namespace TheoryCheck.Comparison.Running;

/// <summary>
/// Chooses claims by exact id or glob (<c>kgmm.*</c>, <c>*.ode-tracking</c>; see <see cref="Glob"/>).
/// </summary>
public static class ClaimSelector
{
    /// <summary>
    /// The claims of <paramref name="all"/> matched by any of <paramref name="patterns"/>, in catalogue order and
    /// without duplicates; an empty pattern list selects every claim. A pattern that matches nothing throws
    /// <see cref="InputException"/> "unknown claim 'x' (known: …)".
    /// </summary>
    public static IReadOnlyList<IClaim> Select(IEnumerable<IClaim> all, IReadOnlyList<string> patterns)
    {
        var claims = all.ToList();
        var duplicate = claims.GroupBy(c => c.Info.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"claim id '{duplicate.Key}' is defined twice");
        if (patterns.Count == 0) return claims;
        var selected = new bool[claims.Count];
        foreach (string raw in patterns)
        {
            string pattern = raw.Trim();
            bool any = false;
            for (int i = 0; i < claims.Count; i++)
            {
                if (Glob.IsMatch(pattern, claims[i].Info.Id))
                {
                    selected[i] = true;
                    any = true;
                }
            }
            if (!any)
                throw new InputException($"unknown claim '{raw}' (known: {string.Join(", ", claims.Select(c => c.Info.Id))})");
        }
        return claims.Where((_, i) => selected[i]).ToList();
    }
}

namespace TheoryCheck.Comparison.Running;

/// <summary>
/// Minimal glob matching for claim ids, golden field paths and observable names: <c>*</c> matches any run of
/// characters (dots and brackets included), <c>?</c> exactly one character; everything else, including
/// <c>[</c> and <c>]</c>, is literal (so <c>m[1,*]</c> matches <c>m[1,1]</c>, <c>m[1,2]</c>, …). Ordinal, case-sensitive.
/// </summary>
public static class Glob
{
    /// <summary>True when <paramref name="pattern"/> contains a wildcard (<c>*</c> or <c>?</c>).</summary>
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool IsMatch(string pattern, string text)
    {
        // Iterative matcher with single backtrack point for the last '*': O(|pattern|·|text|) worst case.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || (pattern[p] != '*' && pattern[p] == text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Reports.Figures;
using TheoryCheck.Reports.Pages;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Tests.Reports;

/// <summary>
/// The embedded DejaVu Sans files are subsets (src/TheoryCheck.Reports/Fonts/make-subset.sh): every character that
/// TheoryCheck can draw into a figure or a PDF page must still have a glyph in both weights.
/// </summary>
public class FontCoverageTests
{
    /// <summary>Characters found in source string literals that are never drawn by Reports (result.json/HTML/Markdown only).</summary>
    private static readonly Dictionary<string, string> NotDrawn = new()
    {
        // KgmmFullStructureClaim "population" setting: shown in result.json, index.md and index.html (browser fonts), not in PDF or figures.
        ["𝒦"] = "settings text of kgmm.full-structure",
    };

    private static void AssertGlyphs(string text, string where)
    {
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) && rune.Value < 0x80) continue;
            string s = rune.ToString();
            Assert.True(PaperFonts.Regular.ContainsGlyphs(s), $"DejaVu Sans subset has no glyph for U+{rune.Value:X4} '{s}' ({where})");
            Assert.True(PaperFonts.Bold.ContainsGlyphs(s), $"DejaVu Sans Bold subset has no glyph for U+{rune.Value:X4} '{s}' ({where})");
        }
    }

    [Fact]
    public void EveryPaperTextScriptCharacterHasAGlyph() => AssertGlyphs(PaperText.ScriptCharacters, "PaperText super-/subscripts");

    [Fact]
    public void EveryGreekLetterHasAGlyph()
    {
        var greek = new StringBuilder();
        for (int c = 0x391; c <= 0x3A9; c++) if (c != 0x3A2) greek.Append((char)c); // Α…Ω (U+03A2 is unassigned)
        for (int c = 0x3B1; c <= 0x3C9; c++) greek.Append((char)c); // α…ω, with final ς
        greek.Append("ϑϕϖϵϱϰ"); // variant forms used in papers
        Assert.Equal(24 + 25 + 6, greek.Length);
        AssertGlyphs(greek.ToString(), "Greek letters");
    }

    [Fact]
    public void EveryCharacterOfDisplayTextAndTickLabelsHasAGlyph()
    {
        var texts = new List<string>();
        double[] values = [0, -0.5, 1e-7, -2.5e12, 123456, 0.000123, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e-300];
        texts.AddRange(values.Select(v => DisplayText.Number(v)));
        texts.Add(DisplayText.Number(null));
        texts.AddRange(Enum.GetValues<Verdict>().Select(DisplayText.VerdictWithSymbol));
        texts.Add(DisplayText.Check(new CheckResult("a", true, 1.0, "≤ 2")));
        texts.Add(DisplayText.Check(new CheckResult("b", false, double.NaN, "≥ 3")));
        texts.Add(DisplayText.Duration(4000));
        texts.AddRange(TickLabels.Axis([-1e-9, 0, 2.5e-6, 1e-3]));
        texts.AddRange(Enumerable.Range(-12, 25).Select(TickLabels.Power));
        foreach (string text in texts) AssertGlyphs(text, $"display text '{text}'");
    }

    [Fact]
    public void EveryCharacterInSourceStringLiteralsHasAGlyph()
    {
        // Labels, captions, check names and notes are string literals in src/; PaperText turns their marks into
        // super-/subscripts, which the other tests cover. Comments (XML docs) are not drawn and are skipped.
        string root = RepositoryRoot();
        var missing = new SortedDictionary<int, string>();
        int files = 0;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            files++;
            string code = Regex.Replace(File.ReadAllText(file), @"/\*.*?\*/", "", RegexOptions.Singleline);
            code = string.Join('\n', code.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            foreach (Match literal in Regex.Matches(code, "\"(?:[^\"\\\\\\n]|\\\\.)*\""))
                foreach (Rune rune in literal.Value.EnumerateRunes())
                {
                    string s = rune.ToString();
                    if (rune.Value < 0x80 || NotDrawn.ContainsKey(s)) continue;
                    if (!PaperFonts.Regular.ContainsGlyphs(s) || !PaperFonts.Bold.ContainsGlyphs(s))
                        missing.TryAdd(rune.Value, $"U+{rune.Value:X4} '{s}' in {Path.GetRelativePath(root, file)}");
                }
        }
        Assert.True(files > 100, $"only {files} source files found under {root}/src");
        Assert.True(missing.Count == 0, "characters without a glyph in the DejaVu subsets (add them to Fonts/make-subset.sh):\n"
            + string.Join('\n', missing.Values));
    }

    [Fact]
    public void SubsetsAreSmallAndStillDejaVuSans()
    {
        foreach (var typeface in new[] { PaperFonts.Regular, PaperFonts.Bold })
        {
            Assert.Equal("DejaVu Sans", typeface.FamilyName);
            using var stream = typeface.OpenStream(out int _);
            Assert.InRange(stream.Length, 50_000, 200_000); // the full DejaVu Sans files are 709–760 kB
            Assert.True(typeface.GlyphCount is > 1000 and < 2000, $"{typeface.GlyphCount} glyphs");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TheoryCheck.sln"))) return dir.FullName;
        throw new InvalidOperationException($"TheoryCheck.sln not found above {AppContext.BaseDirectory}");
    }
}

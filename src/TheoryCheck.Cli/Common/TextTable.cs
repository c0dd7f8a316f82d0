using System.Text;

namespace TheoryCheck.Cli.Common;

/// <summary>Plain aligned text tables (stable output for scripts and diffs; no terminal control codes).</summary>
public static class TextTable
{
    /// <summary>Formats rows under a header with columns padded to their widest cell; the last column is not padded.</summary>
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string indent = "  ")
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        int columns = header.Count;
        var widths = new int[columns];
        foreach (var row in all)
            for (int c = 0; c < columns; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        var sb = new StringBuilder();
        for (int r = 0; r < all.Count; r++)
        {
            sb.Append(indent);
            for (int c = 0; c < columns; c++)
            {
                string cell = all[r][c];
                sb.Append(c == columns - 1 ? cell : cell.PadRight(widths[c] + 2));
            }
            sb.Append('\n');
            if (r == 0)
            {
                sb.Append(indent);
                for (int c = 0; c < columns; c++) sb.Append(new string('-', widths[c])).Append(c == columns - 1 ? "" : "  ");
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }
}

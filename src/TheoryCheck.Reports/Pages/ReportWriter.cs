using System.Text;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Store;
using TheoryCheck.Reports.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Pages;

/// <summary>
/// Writes the report of a run (design.md, "Command line", <c>run</c>):
/// <c>DIR/index.md</c>, <c>DIR/index.html</c>, <c>DIR/report.pdf</c> and per claim
/// <c>DIR/CLAIM/result.json</c> and <c>DIR/CLAIM/FIGURE.{png,svg,pdf}</c>.
/// <para>
/// All-or-nothing: everything is first written into a hidden sibling directory <c>.NAME.tmp-XXXXXXXX</c> next to
/// DIR; only when every file is written is it moved into place (an existing report at DIR is moved aside and
/// deleted after the move). A failure deletes the temporary directory and leaves DIR as it was. Inputs are
/// validated (claim ids, figure names, figure data) before anything is written.
/// </para>
/// <para>
/// Safety: DIR may be missing, empty, or a previous report (it contains the marker file
/// <see cref="MarkerFileName"/>); any other non-empty directory is refused with an <see cref="IOException"/>,
/// so that <c>--out</c> pointing at the wrong folder never deletes user files.
/// </para>
/// </summary>
public static class ReportWriter
{
    /// <summary>Marker file that identifies a directory as a TheoryCheck report (safe to replace).</summary>
    public const string MarkerFileName = ".theorycheck-report";

    /// <summary>
    /// Why <paramref name="directory"/> cannot receive a report (it is a file, or a non-empty directory that is not
    /// a previous report), or null when it can. Commands call this before running anything, so bad input is
    /// reported before work is done.
    /// </summary>
    public static string? TargetProblem(string directory)
    {
        string target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(target)) return $"cannot write the report: {target} is a file";
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any(e => Path.GetFileName(e) != ResultStore.FolderName)
            && !File.Exists(Path.Combine(target, MarkerFileName)))
            return $"refusing to replace {target}: it is not empty and not a TheoryCheck report (no {MarkerFileName} file)";
        return null;
    }

    /// <summary>
    /// Writes the report of <paramref name="results"/> (in this order) into <paramref name="directory"/>,
    /// replacing a previous report there. Figures use <paramref name="style"/> (default: the paper theme).
    /// </summary>
    /// <exception cref="ArgumentException">Invalid claim id (not a safe folder name, or duplicated), figure or run info.</exception>
    /// <exception cref="IOException">DIR is a non-empty directory that is not a report, or a file.</exception>
    public static ReportOutput Write(IReadOnlyList<ClaimResult> results, RunInfo run, string directory, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        run.Validated();
        var renderer = new FigureRenderer(style);
        Validate(results);

        string target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        string name = Path.GetFileName(target);
        string parent = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"the report directory cannot be a file-system root: {directory}", nameof(directory));
        if (string.IsNullOrEmpty(name)) throw new ArgumentException($"the report directory cannot be a file-system root: {directory}", nameof(directory));
        if (TargetProblem(target) is string problem) throw new IOException(problem);

        Directory.CreateDirectory(parent);
        RemoveStaleTemporaries(target, parent, name);
        string temporary = Path.Combine(parent, $".{name}.tmp-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(temporary);
        Dictionary<(string Claim, string Figure), (float Width, float Height)> sizes;
        try
        {
            sizes = WriteInto(temporary, results, run, renderer);
            // The results store stays with the report: it moves into the new directory before the swap.
            string store = Path.Combine(target, ResultStore.FolderName);
            if (Directory.Exists(store)) Directory.Move(store, Path.Combine(temporary, ResultStore.FolderName));
            MoveIntoPlace(temporary, target, parent, name);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        var claims = results.Select(r =>
        {
            string claimDirectory = Path.Combine(target, r.Info.Id);
            var figures = r.Figures.Select(f =>
            {
                var (width, height) = sizes[(r.Info.Id, f.Name)];
                string stem = Path.Combine(claimDirectory, f.Name);
                return new RenderedFigure(f.Name, stem + ".png", stem + ".svg", stem + ".pdf", width, height);
            }).ToList();
            return new ClaimOutput(r.Info.Id, claimDirectory, Path.Combine(claimDirectory, "result.json"), figures);
        }).ToList();
        return new ReportOutput(target, Path.Combine(target, "index.md"), Path.Combine(target, "index.html"),
            Path.Combine(target, "report.pdf"), claims);
    }

    /// <summary>
    /// Claim ids must be usable as folder names on every OS: letters, digits, '.', '-', '_'; not starting with
    /// '.' or '-'; unique ignoring case (case-insensitive file systems). Figure names must be unique per claim and
    /// their data valid (e.g. positive on log axes).
    /// </summary>
    /// <summary>
    /// Removes the temporary and old report directories a killed run left beside <paramref name="target"/>
    /// (<c>.NAME.tmp-*</c>, <c>.NAME.old-*</c>); a results store found in one is moved back first when the target has
    /// none. The caller holds the directory's lock, so no other run is writing them.
    /// </summary>
    public static void RemoveStaleTemporaries(string target, string parent, string name)
    {
        if (!Directory.Exists(parent)) return;
        foreach (string stale in Directory.EnumerateDirectories(parent, $".{name}.tmp-*").Concat(Directory.EnumerateDirectories(parent, $".{name}.old-*")).ToList())
        {
            string store = Path.Combine(stale, ResultStore.FolderName);
            string home = Path.Combine(target, ResultStore.FolderName);
            if (Directory.Exists(store) && !Directory.Exists(home))
            {
                Directory.CreateDirectory(target);
                Directory.Move(store, home);
            }
            TryDelete(stale);
        }
    }

    internal static void Validate(IReadOnlyList<ClaimResult> results)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ClaimResult result in results)
        {
            if (result?.Info is null) throw new ArgumentException("a claim result or its Info is null");
            string id = result.Info.Id;
            if (string.IsNullOrWhiteSpace(id) || id.Length > 120 || id[0] is '.' or '-'
                || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
                throw new ArgumentException(
                    $"claim id '{id}' is not a safe folder name (letters, digits, '.', '-', '_'; not starting with '.' or '-')");
            if (!ids.Add(id)) throw new ArgumentException($"claim id '{id}' appears twice (ids are compared ignoring case)");
            if (result.Checks is null || result.Parameters is null || result.Measurements is null)
                throw new ArgumentException($"claim '{id}': Checks, Parameters and Measurements are required");
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (FigureSpec figure in result.Figures)
            {
                try
                {
                    FigureData.From(figure);
                }
                catch (ArgumentException error)
                {
                    throw new ArgumentException($"claim '{id}': {error.Message}", error);
                }
                if (!names.Add(figure.Name)) throw new ArgumentException($"claim '{id}': figure name '{figure.Name}' appears twice");
                if (figure.Name.Equals("result", StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"claim '{id}': a figure may not be named 'result' (reserved for result.json)");
            }
        }
    }

    /// <summary>
    /// Writes every file into <paramref name="directory"/>. Each figure is prepared once and that one plot is drawn
    /// into its PNG, SVG and PDF files, the HTML page (the SVG text) and report.pdf. Returns the figures' sizes.
    /// </summary>
    private static Dictionary<(string Claim, string Figure), (float Width, float Height)> WriteInto(
        string directory, IReadOnlyList<ClaimResult> results, RunInfo run, FigureRenderer renderer)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(directory, MarkerFileName),
            "This directory is a TheoryCheck report; `theorycheck run` replaces it as a whole.\n", utf8);
        var prepared = new Dictionary<(string Claim, string Figure), PreparedFigure>();
        try
        {
            var svgs = new Dictionary<(string, string), string>();
            foreach (ClaimResult result in results)
            {
                string claimDirectory = Path.Combine(directory, result.Info.Id);
                Directory.CreateDirectory(claimDirectory);
                using (var stream = File.Create(Path.Combine(claimDirectory, "result.json")))
                    ClaimResultJson.Write(result, stream);
                foreach (FigureSpec figure in result.Figures)
                {
                    PreparedFigure figureOnce = renderer.Prepare(figure);
                    prepared.Add((result.Info.Id, figure.Name), figureOnce);
                    renderer.Save(figureOnce, claimDirectory, out string svg);
                    svgs[(result.Info.Id, figure.Name)] = svg;
                }
            }
            File.WriteAllText(Path.Combine(directory, "index.md"), MarkdownPage.Build(results, run), utf8);
            File.WriteAllText(Path.Combine(directory, "index.html"),
                HtmlPage.Build(results, run, (result, figure) => svgs[(result.Info.Id, figure.Name)]), utf8);
            using (var stream = File.Create(Path.Combine(directory, "report.pdf")))
                PdfReport.Write(stream, results, run, (result, figure) => prepared[(result.Info.Id, figure.Name)]);
            return prepared.ToDictionary(entry => entry.Key, entry => (entry.Value.Width, entry.Value.Height));
        }
        finally
        {
            foreach (PreparedFigure figure in prepared.Values) figure.Dispose();
        }
    }

    private static void MoveIntoPlace(string temporary, string target, string parent, string name)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temporary, target);
            return;
        }
        string old = Path.Combine(parent, $".{name}.old-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.Move(target, old);
        try
        {
            Directory.Move(temporary, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }
        TryDelete(old);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden temporary directory is harmless and named as such.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

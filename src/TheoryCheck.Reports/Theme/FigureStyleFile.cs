using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TheoryCheck.Models;

namespace TheoryCheck.Reports.Theme;

/// <summary>
/// A figure style file (<c>theorycheck run --style FILE</c>): a JSON object whose keys, all optional, override the
/// <see cref="FigureStyle"/> defaults — <c>single_width_in</c>, <c>single_height_in</c>, <c>double_width_in</c>,
/// <c>double_height_in</c> (inches), <c>png_dpi</c>, <c>title_size</c>, <c>label_size</c>, <c>tick_size</c>,
/// <c>legend_size</c> (pt), <c>line_width</c>, <c>marker_size</c> (pt), <c>band_opacity</c> (0–1], <c>titles</c>
/// (true/false), <c>font_family</c>, <c>palette</c> (["#RRGGBB", …]). An unknown key, a wrong type or a value out of range
/// is an <see cref="InputException"/> naming the file and the key.
/// </summary>
public static class FigureStyleFile
{
    private static readonly string[] Keys =
    [
        "single_width_in", "single_height_in", "double_width_in", "double_height_in", "png_dpi", "title_size", "label_size",
        "tick_size", "legend_size", "line_width", "marker_size", "band_opacity", "titles", "font_family", "palette",
    ];

    /// <summary>Reads and validates the style in <paramref name="path"/>.</summary>
    public static FigureStyle Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"--style {path}: cannot read the file ({e.Message})");
        }
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }) as JsonObject
                   ?? throw new InputException($"--style {path}: the file must hold a JSON object {{\"key\": value, …}}");
        }
        catch (JsonException e)
        {
            throw new InputException($"--style {path}: not valid JSON ({e.Message})");
        }
        if (root.FirstOrDefault(p => !Keys.Contains(p.Key)) is { Key: { } unknown })
            throw new InputException($"--style {path}: unknown key '{unknown}' (keys: {string.Join(", ", Keys)})");

        double Real(string key, double fallback)
        {
            if (root[key] is null) return fallback;
            if (root[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double x) && double.IsFinite(x) && x > 0) return x;
            throw new InputException($"--style {path}: '{key}' must be a number > 0 (got {root[key]!.ToJsonString()})");
        }
        var d = new FigureStyle();
        var style = d with
        {
            SingleWidthInches = Real("single_width_in", d.SingleWidthInches),
            SingleHeightInches = Real("single_height_in", d.SingleHeightInches),
            DoubleWidthInches = Real("double_width_in", d.DoubleWidthInches),
            DoubleHeightInches = Real("double_height_in", d.DoubleHeightInches),
            PngDpi = Real("png_dpi", d.PngDpi),
            TitleSize = (float)Real("title_size", d.TitleSize),
            LabelSize = (float)Real("label_size", d.LabelSize),
            TickSize = (float)Real("tick_size", d.TickSize),
            LegendSize = (float)Real("legend_size", d.LegendSize),
            LineWidth = (float)Real("line_width", d.LineWidth),
            MarkerSize = (float)Real("marker_size", d.MarkerSize),
            BandOpacity = Real("band_opacity", d.BandOpacity),
            Titles = root["titles"] switch
            {
                null => d.Titles,
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
                var other => throw new InputException($"--style {path}: 'titles' must be true or false (got {other.ToJsonString()})"),
            },
            FontFamily = root["font_family"] switch
            {
                null => d.FontFamily,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                var other => throw new InputException($"--style {path}: 'font_family' must be a string (got {other.ToJsonString()})"),
            },
            Palette = root["palette"] switch
            {
                null => null,
                JsonArray a when a.All(c => c is JsonValue v && v.GetValueKind() == JsonValueKind.String) => a.Select(c => c!.GetValue<string>()).ToArray(),
                var other => throw new InputException($"--style {path}: 'palette' must be a list of \"#RRGGBB\" strings (got {other.ToJsonString()})"),
            },
        };
        // Sizes beyond what a page holds are refused too: nothing over 20 in or 72 pt.
        foreach (var (key, value, limit) in new[]
                 {
                     ("single_width_in", style.SingleWidthInches, 20.0), ("single_height_in", style.SingleHeightInches, 20.0),
                     ("double_width_in", style.DoubleWidthInches, 20.0), ("double_height_in", style.DoubleHeightInches, 20.0),
                     ("title_size", style.TitleSize, 72.0), ("label_size", style.LabelSize, 72.0), ("tick_size", style.TickSize, 72.0),
                     ("legend_size", style.LegendSize, 72.0), ("line_width", style.LineWidth, 20.0), ("marker_size", style.MarkerSize, 40.0),
                 })
            if (value > limit) throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--style {path}: '{key}' must be ≤ {limit:G} (got {value:G})"));
        try
        {
            return style.Validated();
        }
        catch (ArgumentException e)
        {
            string key = e.ParamName switch
            {
                nameof(FigureStyle.Palette) => "palette",
                nameof(FigureStyle.FontFamily) => "font_family",
                nameof(FigureStyle.PngDpi) => "png_dpi",
                nameof(FigureStyle.BandOpacity) => "band_opacity",
                var other => other ?? "value",
            };
            throw new InputException($"--style {path}: '{key}': {e.Message.Split(" (Parameter")[0]}");
        }
    }
}

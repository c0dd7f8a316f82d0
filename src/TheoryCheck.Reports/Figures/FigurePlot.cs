using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.Rendering.RenderActions;
using ScottPlot.TickGenerators;
using SkiaSharp;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Builds a ScottPlot <see cref="Plot"/> in the paper theme from validated <see cref="FigureData"/>. Units are
/// points. Axis limits are computed here (data, bands, reference lines, 0 for sticks, margins) so that the legend
/// and the annotation can be put in the data-area corners that cover the fewest data.
/// </summary>
internal static class FigurePlot
{
    private static readonly LinePattern Dash = new([4f, 2.5f], 0, "paper dash");

    /// <summary>
    /// The plot of <paramref name="data"/> on a <paramref name="width"/> × <paramref name="height"/> pt figure.
    /// <paramref name="dataArea"/> is the data-area size (pt) measured on a previous build, or null for an estimate;
    /// the legend, labels and annotation are placed in fractions of it. <paramref name="outsideLegendWidth"/> is the
    /// width (pt) of a legend put outside on the right, 0 when the legend is inside or absent.
    /// </summary>
    public static Plot Build(FigureData data, FigureStyle style, float width, float height, (float Width, float Height)? dataArea,
        out float outsideLegendWidth)
    {
        outsideLegendWidth = 0;
        PaperFonts.Register();
        FigureSpec spec = data.Spec;
        var plot = new Plot();
        // ClearCanvas would erase everything already drawn on a shared canvas (report pages); the figure
        // background action paints the figure rectangle white instead.
        plot.RenderManager.RenderActions.RemoveAll(action => action is ClearCanvas);
        UseRichAxes(plot);
        plot.Font.Set(style.FontFamily);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;

        Limits limits = ComputeLimits(data);
        StyleAxes(plot, data, style, width);

        foreach (FigureData.PlotSeries series in data.Series.Where(s => s.Spec.Kind == SeriesKind.Band && s.X.Length > 0))
        {
            FillY fill = plot.Add.FillY(series.X, series.Lower!, series.Upper!);
            fill.FillColor = PaperPalette.Color(style.Colors, series.ColorIndex).WithAlpha(style.BandOpacity);
            fill.LineWidth = 0;
            fill.MarkerSize = 0;
        }

        var lineLabels = new List<(FigureData.PlotLine Line, RichText Text, Color Color)>();
        foreach (FigureData.PlotLine line in data.Lines)
        {
            Color color = line.Spec.ColorIndex is int index ? PaperPalette.Color(style.Colors, index) : PaperPalette.Neutral;
            AxisLine axisLine = line.Spec.Vertical
                ? plot.Add.VerticalLine(line.Position, 0.9f, color, line.Spec.Dashed ? Dash : LinePattern.Solid)
                : plot.Add.HorizontalLine(line.Position, 0.9f, color, line.Spec.Dashed ? Dash : LinePattern.Solid);
            axisLine.ExcludeFromLegend = true;
            axisLine.EnableAutoscale = false;
            if (!string.IsNullOrWhiteSpace(line.Spec.Label))
                lineLabels.Add((line, RichText.Parse(line.Spec.Label), color));
        }

        // Simulation (solid) series first, dashed theory lines last: drawn on top, in a darker shade of their colour
        // where a solid series shares it, so they stay visible over the bands and the simulation means.
        var solidColours = data.Series.Where(s => !s.Spec.Dashed).Select(s => s.ColorIndex).ToHashSet();
        foreach (FigureData.PlotSeries series in data.Series.Where(s => s.X.Length > 0).OrderBy(s => s.Spec.Dashed && s.Spec.Kind == SeriesKind.Line ? 1 : 0))
            AddSeries(plot, series, style, limits, darker: series.Spec.Dashed && series.Spec.Kind == SeriesKind.Line && solidColours.Contains(series.ColorIndex));

        // Placement, in data-area fractions: legend first (data only), then reference-line labels, then the
        // annotation, each in the candidate position covering the fewest data points and no earlier box.
        var layout = new Placement(data, limits, dataArea ?? EstimateDataArea(spec with { Title = TitleOf(spec, style) ?? "" }, width, height));
        // ScottPlot's legend draws plain strings; the legend with sub- and superscripts is ours (RichLegend).
        plot.HideLegend();
        IPlottable? legendBox = null;
        if (data.Series.Any(s => !string.IsNullOrWhiteSpace(s.Spec.Label) && s.X.Length > 0))
        {
            var legend = NewLegend(plot, style, horizontal: false);
            RichLegend.Layout measured = legend.Measure(float.PositiveInfinity);
            var (fractionWidth, fractionHeight) = layout.Fractions(measured.Width + LegendMargin, measured.Height + LegendMargin);
            Placement.Choice choice = layout.PlaceInCorner(fractionWidth, fractionHeight, allowHeadroom: true);
            if (choice.Outside)
            {
                // Below the plot, items side by side in as many rows as they need: a long legend costs a little
                // height instead of a third of the width.
                var areaWidth = (dataArea ?? EstimateDataArea(spec with { Title = TitleOf(spec, style) ?? "" }, width, height)).Width;
                plot.Axes.AddPanel(new RichLegendPanel(NewLegend(plot, style, horizontal: true), areaWidth));
            }
            else
            {
                legendBox = new RichLegendBox(legend, choice.Corner) { Margin = LegendMargin };
            }
        }

        if (lineLabels.Count > 0)
        {
            var labels = new ReferenceLineLabels(style.LegendSize);
            foreach (var (line, text, color) in lineLabels)
            {
                var (otherSide, farEnd) = layout.PlaceLineLabel(line, text, style.LegendSize);
                labels.Add(line.Position, line.Spec.Vertical, text, color, otherSide, farEnd);
            }
            plot.Add.Plottable(labels);
        }

        if (!string.IsNullOrWhiteSpace(spec.Annotation))
        {
            string[] lines = spec.Annotation.Split('\n');
            var (boxWidth, boxHeight) = layout.TextBox(lines.Select(RichText.Parse).ToList(), style.LegendSize, symbolWidth: 0f);
            Placement.Choice choice = layout.PlaceInCorner(boxWidth, boxHeight, allowHeadroom: true);
            plot.Add.Plottable(new RichAnnotation(spec.Annotation, choice.Corner, style.FontFamily, style.LegendSize));
        }

        // The legend last: above every line, band, label and note.
        if (legendBox is not null) plot.Add.Plottable(legendBox);

        plot.Axes.SetLimits(limits.Left, limits.Right, layout.Bottom, layout.Top);
        // ScottPlot's plottables share one paint; a dashed one leaves its dash on it (see PaintReset).
        var plottables = plot.PlottableList.ToList();
        plot.PlottableList.Clear();
        foreach (IPlottable plottable in plottables)
        {
            plot.PlottableList.Add(plottable);
            plot.PlottableList.Add(new PaintReset());
        }
        return plot;
    }

    /// <summary>Rough size of the data area in points (figure minus axes, labels and title).</summary>
    private static (float Width, float Height) EstimateDataArea(FigureSpec spec, float width, float height) =>
        (Math.Max(40f, width - 52f), Math.Max(30f, height - (string.IsNullOrWhiteSpace(spec.Title) ? 34f : 46f)));

    /// <summary>The figure's title, or null when there is none or the style turns titles off (papers put them in captions).</summary>
    private static string? TitleOf(FigureSpec spec, FigureStyle style) => style.Titles && !string.IsNullOrWhiteSpace(spec.Title) ? spec.Title : null;

    private static void AddSeries(Plot plot, FigureData.PlotSeries series, FigureStyle style, Limits limits, bool darker)
    {
        Color color = PaperPalette.Color(style.Colors, series.ColorIndex);
        if (darker) color = PaperPalette.Darker(color);
        // The label keeps its marks: RichLegend lays it out with real sub- and superscripts.
        string? label = string.IsNullOrWhiteSpace(series.Spec.Label) ? null : series.Spec.Label;
        LinePattern pattern = series.Spec.Dashed ? Dash : PaperPalette.CyclePattern(series.ColorIndex, style.Colors.Count);
        switch (series.Spec.Kind)
        {
            case SeriesKind.Line:
            case SeriesKind.Band:
                Line(plot.Add.ScatterLine(series.X, series.Y, color), style, pattern, label);
                break;
            case SeriesKind.Markers:
                Markers(plot.Add.ScatterPoints(series.X, series.Y, color), style, series.ColorIndex, label);
                break;
            case SeriesKind.LineMarkers:
            {
                Scatter scatter = plot.Add.Scatter(series.X, series.Y, color);
                Line(scatter, style, pattern, label);
                Markers(scatter, style, series.ColorIndex, label);
                break;
            }
            case SeriesKind.ErrorBars:
            {
                double[] plus = new double[series.X.Length], minus = new double[series.X.Length];
                for (int i = 0; i < plus.Length; i++)
                {
                    plus[i] = Math.Max(0, series.Upper![i] - series.Y[i]);
                    minus[i] = Math.Max(0, series.Y[i] - series.Lower![i]);
                }
                var bars = new ErrorBar(series.X, series.Y, null, null, plus, minus)
                {
                    Color = color, LineWidth = 0.8f, CapSize = 3f,
                };
                plot.Add.Plottable(bars);
                Scatter points = plot.Add.ScatterPoints(series.X, series.Y, color);
                Markers(points, style, series.ColorIndex, label);
                if (series.Spec.Dashed) bars.LinePattern = pattern;
                break;
            }
            case SeriesKind.Sticks:
            {
                // One error-bar plottable whose bars run from the baseline (0, or the bottom of a log axis) to y.
                double baseline = limits.LogY ? limits.Bottom : 0;
                double[] bases = new double[series.X.Length], heights = new double[series.X.Length], zeros = new double[series.X.Length];
                for (int i = 0; i < bases.Length; i++)
                {
                    bases[i] = Math.Min(baseline, series.Y[i]);
                    heights[i] = Math.Abs(series.Y[i] - baseline);
                }
                var sticks = new ErrorBar(series.X, bases, null, null, heights, zeros)
                {
                    Color = color, LineWidth = Math.Max(0.6f, style.LineWidth * 0.8f), CapSize = 0f, LinePattern = pattern,
                };
                if (label is not null) sticks.LegendText = label;
                plot.Add.Plottable(sticks);
                break;
            }
            default:
                throw new ArgumentException($"series kind {series.Spec.Kind} is not supported");
        }
    }

    private static void Line(Scatter scatter, FigureStyle style, LinePattern pattern, string? label)
    {
        scatter.LineWidth = style.LineWidth;
        scatter.LinePattern = pattern;
        scatter.MarkerSize = 0;
        scatter.MarkerShape = MarkerShape.None;
        if (label is not null) scatter.LegendText = label;
    }

    private static void Markers(Scatter scatter, FigureStyle style, int colorIndex, string? label)
    {
        scatter.MarkerShape = PaperPalette.Marker(colorIndex);
        scatter.MarkerStyle.CustomRenderer = new UndashedMarker(scatter.MarkerShape);
        scatter.MarkerSize = style.MarkerSize;
        scatter.MarkerLineWidth = 0.8f;
        if (scatter.LineWidth <= 0 || scatter.LinePattern.Equals(default(LinePattern))) scatter.LineWidth = 0;
        if (label is not null) scatter.LegendText = label;
    }

    private static void StyleAxes(Plot plot, FigureData data, FigureStyle style, float width)
    {
        FigureSpec spec = data.Spec;
        if (TitleOf(spec, style) is string titleText)
        {
            // ScottPlot's title panel stays empty; ours draws the title with its sub- and superscripts.
            RichText title = RichText.Parse(titleText);
            float size = style.TitleSize;
            using (var font = PaperFonts.CreateFont(PaperFonts.Typeface(style.FontFamily, bold: false), size))
                // Shrink a long title to the figure's width, down to three quarters of the tick labels' size.
                while (size > 0.75f * style.TickSize && RichTextPainter.MeasureWidth(title, font) > width - 12)
                    font.Size = size -= 0.25f;
            plot.Axes.AddPanel(new RichTitlePanel(title, style.FontFamily, size) { VerticalPadding = 3f });
        }
        ((RichBottomAxis)plot.Axes.Bottom).Title.Text = RichText.Parse(spec.XLabel);
        ((RichLeftAxis)plot.Axes.Left).Title.Text = RichText.Parse(spec.YLabel);
        foreach (var axis in new ScottPlot.AxisPanels.AxisBase[]
            { (ScottPlot.AxisPanels.AxisBase)plot.Axes.Bottom, (ScottPlot.AxisPanels.AxisBase)plot.Axes.Left,
              (ScottPlot.AxisPanels.AxisBase)plot.Axes.Right, (ScottPlot.AxisPanels.AxisBase)plot.Axes.Top })
        {
            axis.LabelStyle.FontName = style.FontFamily;
            axis.LabelStyle.FontSize = style.LabelSize;
            axis.LabelStyle.Bold = false;
            axis.LabelStyle.ForeColor = Colors.Black;
            axis.TickLabelStyle.FontName = style.FontFamily;
            axis.TickLabelStyle.FontSize = style.TickSize;
            axis.TickLabelStyle.ForeColor = Colors.Black;
            axis.MajorTickStyle.Length = 3f;
            axis.MajorTickStyle.Width = 0.6f;
            axis.MajorTickStyle.Color = Colors.Black;
            axis.MinorTickStyle.Length = 1.6f;
            axis.MinorTickStyle.Width = 0.5f;
            axis.MinorTickStyle.Color = Colors.Black;
            axis.FrameLineStyle.Width = 0.6f;
            axis.FrameLineStyle.Color = Colors.Black;
        }
        // The frame-only top and right axes keep just enough room for tick labels that overhang the data area.
        var top = (ScottPlot.AxisPanels.AxisBase)plot.Axes.Top;
        var right = (ScottPlot.AxisPanels.AxisBase)plot.Axes.Right;
        top.SizeWhenNoData = TitleOf(spec, style) is null ? style.TickSize * 0.7f : 2f;
        right.SizeWhenNoData = style.TickSize * 1.2f;
        top.EmptyLabelPadding = new PixelPadding(0);
        right.EmptyLabelPadding = new PixelPadding(0);
        plot.Axes.Bottom.TickGenerator = spec.LogX
            ? new LogTickGenerator(style.TickSize, horizontal: true)
            : new LinearTickGenerator();
        plot.Axes.Left.TickGenerator = spec.LogY
            ? new LogTickGenerator(style.TickSize, horizontal: false)
            : new LinearTickGenerator();
        if (data.YTicks is not null)
        {
            var manual = new NumericManual();
            // ScottPlot draws empty labels; the axis draws the names with their sub- and superscripts.
            foreach (FigureData.PlotTick tick in data.YTicks) manual.AddMajor(tick.Position, "");
            plot.Axes.Left.TickGenerator = manual;
            ((RichLeftAxis)plot.Axes.Left).NamedTicks = data.YTicks.Select(t => (t.Position, RichText.Parse(t.Label))).ToList();
        }
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.10);
        plot.Grid.MajorLineWidth = 0.4f;
        plot.Grid.MinorLineWidth = 0f;
    }

    /// <summary>Distance of an inside legend from the frame, in points.</summary>
    private const float LegendMargin = 4f;

    /// <summary>The paper legend: stacked (inside a corner) or side by side (below the plot, 3 pt between items).</summary>
    private static RichLegend NewLegend(Plot plot, FigureStyle style, bool horizontal) =>
        new(plot, style.FontFamily, style.LegendSize)
        {
            Horizontal = horizontal,
            ItemSpacingX = horizontal ? 3f : 1f,
            ItemSpacingY = 1f,
        };

    /// <summary>
    /// Replaces ScottPlot's bottom and left axes by ones that draw their titles with sub- and superscripts
    /// (<see cref="RichBottomAxis"/>, <see cref="RichLeftAxis"/>), before any plottable is bound to an axis.
    /// </summary>
    private static void UseRichAxes(Plot plot)
    {
        var bottom = new RichBottomAxis();
        var left = new RichLeftAxis();
        plot.Axes.Remove(plot.Axes.Bottom);
        plot.Axes.Remove(plot.Axes.Left);
        plot.Axes.AddBottomAxis(bottom);
        plot.Axes.AddLeftAxis(left);
        plot.Axes.DefaultGrid.XAxis = bottom;
        plot.Axes.DefaultGrid.YAxis = left;
    }

    /// <summary>Axis limits in plot coordinates.</summary>
    internal readonly record struct Limits(double Left, double Right, double Bottom, double Top, bool LogY);

    internal static Limits ComputeLimits(FigureData data)
    {
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        bool markers = false;
        void X(double v) { xMin = Math.Min(xMin, v); xMax = Math.Max(xMax, v); }
        void Y(double v) { yMin = Math.Min(yMin, v); yMax = Math.Max(yMax, v); }
        foreach (FigureData.PlotSeries series in data.Series)
        {
            foreach (double x in series.X) X(x);
            foreach (double y in series.Y) Y(y);
            foreach (double y in series.Lower ?? []) Y(y);
            foreach (double y in series.Upper ?? []) Y(y);
            if (series.Spec.Kind == SeriesKind.Sticks && !data.Spec.LogY && series.X.Length > 0) Y(0);
            markers |= series.Spec.Kind is not (SeriesKind.Line or SeriesKind.Band);
        }
        foreach (FigureData.PlotLine line in data.Lines)
            if (line.Spec.Vertical) X(line.Position); else Y(line.Position);
        foreach (FigureData.PlotTick tick in data.YTicks ?? []) Y(tick.Position);

        (xMin, xMax) = Widen(xMin, xMax, data.Spec.LogX, markers ? 0.05 : 0.02);
        (yMin, yMax) = Widen(yMin, yMax, data.Spec.LogY, 0.07);
        return new Limits(xMin, xMax, yMin, yMax, data.Spec.LogY);
    }

    private static (double, double) Widen(double min, double max, bool log, double margin)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) return log ? (0, 1) : (0, 1);
        if (max - min <= 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            double half = log ? 0.5 : Math.Max(Math.Abs(min) * 0.1, 1e-9 + (min == 0 ? 1 : 0));
            return (min - half, max + half);
        }
        double span = max - min;
        return (min - margin * span, max + margin * span);
    }
}

using ScottPlot;
using SkiaSharp;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Chooses where the legend, the annotation and reference-line labels go, in fractions of the data area
/// (x right, y up). A candidate's cost is the number of data samples it covers (lines densified, bands by their
/// edges, sticks along their length) plus a large penalty for overlapping an earlier box. When every corner
/// covers data, the top of the y range is raised (headroom) so that the box sits above the data; when that
/// would waste more than ~40 % of the height, the legend goes outside on the right instead.
/// </summary>
internal sealed class Placement
{
    /// <summary>Distance of corner boxes from the frame, in points.</summary>
    public const float InsetPoints = 4f;

    private const int OverlapPenalty = 100_000;
    private static readonly Alignment[] Corners = [Alignment.UpperRight, Alignment.UpperLeft, Alignment.LowerLeft, Alignment.LowerRight];

    private readonly List<(double X, double Y)> samples = [];
    private readonly List<Box> boxes = [];
    private readonly FigureData.PlotSeries[] series;
    private readonly FigureData.PlotLine[] lines;
    private readonly double left, right, bottom;
    private readonly bool logY;
    private readonly (float Width, float Height) area;
    private double top;

    public Placement(FigureData data, FigurePlot.Limits limits, (float Width, float Height) area)
    {
        this.area = area;
        left = limits.Left;
        right = limits.Right;
        bottom = limits.Bottom;
        top = limits.Top;
        logY = limits.LogY;
        series = [.. data.Series];
        lines = [.. data.Lines];
        Resample();
    }

    public double Bottom => bottom;

    public double Top => top;

    /// <summary>A chosen corner, or <see cref="Outside"/> when the box goes to the right of the data area.</summary>
    public readonly record struct Choice(Alignment Corner, bool Outside);

    private readonly record struct Box(double X0, double Y0, double X1, double Y1)
    {
        public bool Contains(double x, double y) => x >= X0 && x <= X1 && y >= Y0 && y <= Y1;
        public bool Overlaps(Box other) => X0 < other.X1 && other.X0 < X1 && Y0 < other.Y1 && other.Y0 < Y1;
    }

    /// <summary>A box of <paramref name="width"/> × <paramref name="height"/> points in data-area fractions (at most 1).</summary>
    public (double Width, double Height) Fractions(float width, float height) =>
        (Math.Min(1, (width + InsetPoints) / area.Width), Math.Min(1, (height + InsetPoints) / area.Height));

    /// <summary>Size of a text box (lines of text, measured with their sub- and superscripts, plus a legend symbol) in data-area fractions.</summary>
    public (double Width, double Height) TextBox(IReadOnlyList<RichText> lines, float size, float symbolWidth)
    {
        using var font = PaperFonts.CreateFont(PaperFonts.Regular, size);
        float widest = lines.Count == 0 ? 0 : lines.Max(line => RichTextPainter.MeasureWidth(line, font));
        double width = widest + symbolWidth + 8 + InsetPoints, height = lines.Count * size * 1.3 + 6 + InsetPoints;
        return (Math.Min(1, width / area.Width), Math.Min(1, height / area.Height));
    }

    /// <summary>Puts a box of the given size in the best free corner, raising the top of the y range if needed.</summary>
    public Choice PlaceInCorner(double width, double height, bool allowHeadroom)
    {
        var (corner, box, cost) = BestCorner(width, height);
        if (cost == 0 || !allowHeadroom)
        {
            boxes.Add(box);
            return new Choice(corner, false);
        }

        // Headroom: the smallest raise of the top that clears one of the upper corners of data.
        double bestRaise = double.PositiveInfinity;
        Alignment bestCorner = Alignment.UpperRight;
        foreach (Alignment upper in new[] { Alignment.UpperRight, Alignment.UpperLeft })
        {
            Box candidate = CornerBox(upper, width, height);
            if (boxes.Any(candidate.Overlaps)) continue;
            double highest = samples.Where(p => p.X >= candidate.X0 && p.X <= candidate.X1).Select(p => p.Y).DefaultIfEmpty(0).Max();
            double room = 1 - height - 0.02;
            if (room <= 0.2) continue;
            double raise = Math.Max(1, highest / room);
            if (raise < bestRaise)
            {
                bestRaise = raise;
                bestCorner = upper;
            }
        }
        if (bestRaise <= 1.45)
        {
            top = bottom + (top - bottom) * bestRaise;
            Resample();
            Box placed = CornerBox(bestCorner, width, height);
            boxes.Add(placed);
            return new Choice(bestCorner, false);
        }
        return new Choice(corner, Outside: true);
    }

    /// <summary>Side and end of a reference-line label: (other side of the line, far end of the line).</summary>
    public (bool OtherSide, bool FarEnd) PlaceLineLabel(FigureData.PlotLine line, RichText text, float size)
    {
        using var font = PaperFonts.CreateFont(PaperFonts.Regular, size);
        RichTextMetrics measured = RichTextPainter.Measure(text, font);
        double length = measured.Width + 4, thickness = Math.Max(size * 1.2, measured.Height) + 3;
        bool vertical = line.Spec.Vertical;
        double at = vertical ? Fx(line.Position) : Fy(line.Position);
        double along = vertical ? length / area.Height : length / area.Width;
        double across = vertical ? thickness / area.Width : thickness / area.Height;
        (bool, bool) best = (false, false);
        long bestCost = long.MaxValue;
        Box bestBox = default;
        foreach (bool farEnd in new[] { false, true })
        {
            foreach (bool otherSide in new[] { false, true })
            {
                // Vertical: default right of the line at the top; horizontal: default above the line at the left.
                double a0 = otherSide ? at - across : at;
                double a1 = a0 + across;
                double b0 = vertical ? (farEnd ? 0 : 1 - along) : (farEnd ? 1 - along : 0);
                double b1 = b0 + along;
                Box box = vertical ? new Box(a0, b0, a1, b1) : new Box(b0, a0, b1, a1);
                long cost = Cost(box) + LineCrossings(box, line);
                if (box.X0 < 0 || box.X1 > 1 || box.Y0 < 0 || box.Y1 > 1) cost += OverlapPenalty / 10;
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = (otherSide, farEnd);
                    bestBox = box;
                }
            }
        }
        boxes.Add(bestBox);
        return best;
    }

    /// <summary>How many other reference lines cross <paramref name="box"/> (weighted like 20 data samples each).</summary>
    private long LineCrossings(Box box, FigureData.PlotLine own)
    {
        long cost = 0;
        foreach (FigureData.PlotLine other in lines)
        {
            if (ReferenceEquals(other, own)) continue;
            double at = other.Spec.Vertical ? Fx(other.Position) : Fy(other.Position);
            bool crosses = other.Spec.Vertical ? at > box.X0 && at < box.X1 : at > box.Y0 && at < box.Y1;
            if (crosses) cost += 20;
        }
        return cost;
    }

    private (Alignment Corner, Box Box, long Cost) BestCorner(double width, double height)
    {
        (Alignment, Box, long) best = (Alignment.UpperRight, CornerBox(Alignment.UpperRight, width, height), long.MaxValue);
        foreach (Alignment corner in Corners)
        {
            Box box = CornerBox(corner, width, height);
            long cost = Cost(box);
            if (cost < best.Item3) best = (corner, box, cost);
        }
        return best;
    }

    private long Cost(Box box)
    {
        // A small clearance so that curves do not graze the box edges.
        const double clearance = 0.015;
        var padded = new Box(box.X0 - clearance, box.Y0 - clearance, box.X1 + clearance, box.Y1 + clearance);
        long cost = samples.Count(p => padded.Contains(p.X, p.Y));
        foreach (Box other in boxes)
            if (box.Overlaps(other)) cost += OverlapPenalty;
        return cost;
    }

    private static Box CornerBox(Alignment corner, double width, double height)
    {
        bool isRight = corner is Alignment.UpperRight or Alignment.LowerRight;
        bool isUpper = corner is Alignment.UpperRight or Alignment.UpperLeft;
        double x0 = isRight ? 1 - width : 0, y0 = isUpper ? 1 - height : 0;
        return new Box(x0, y0, x0 + width, y0 + height);
    }

    private double Fx(double x) => (x - left) / (right - left);

    private double Fy(double y) => (y - bottom) / (top - bottom);

    private void Resample()
    {
        samples.Clear();
        foreach (FigureData.PlotSeries s in series)
        {
            bool connect = s.Spec.Kind is SeriesKind.Line or SeriesKind.LineMarkers or SeriesKind.Band;
            Path(s.X, s.Y, connect);
            if (s.Lower is not null) Path(s.X, s.Lower, connect);
            if (s.Upper is not null) Path(s.X, s.Upper, connect);
            if (s.Spec.Kind is SeriesKind.Sticks or SeriesKind.ErrorBars)
            {
                for (int i = 0; i < s.X.Length; i++)
                {
                    double from = s.Spec.Kind == SeriesKind.Sticks ? (logY ? 0 : Math.Clamp(Fy(0), 0, 1)) : Fy(s.Lower![i]);
                    double to = s.Spec.Kind == SeriesKind.Sticks ? Fy(s.Y[i]) : Fy(s.Upper![i]);
                    for (int k = 0; k <= 10; k++) samples.Add((Fx(s.X[i]), from + (to - from) * k / 10));
                }
            }
        }
    }

    private void Path(double[] xs, double[] ys, bool connect)
    {
        for (int i = 0; i < xs.Length; i++)
        {
            double x = Fx(xs[i]), y = Fy(ys[i]);
            samples.Add((x, y));
            if (!connect || i + 1 >= xs.Length) continue;
            double dx = Fx(xs[i + 1]) - x, dy = Fy(ys[i + 1]) - y;
            int steps = Math.Min(50, (int)Math.Ceiling(Math.Sqrt(dx * dx + dy * dy) / 0.02));
            for (int k = 1; k < steps; k++) samples.Add((x + dx * k / steps, y + dy * k / steps));
        }
    }
}

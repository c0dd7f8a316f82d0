using ScottPlot;
using ScottPlot.Plottables;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models;
using TheoryCheck.Reports.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Tests.Reports;

/// <summary>
/// The figure scheme for papers: every series of a figure looks different (colour and line pattern), the dashed
/// theory lines are drawn above the simulation lines and bands in a shade that differs from them, a long legend goes
/// below the plot instead of eating the width, titles can be turned off, and a style file is validated like any input.
/// </summary>
public sealed class FigureSchemeTests
{
    /// <summary>Theory (dashed) and simulation mean with a band for <paramref name="count"/> entries, one colour per entry, like kgmm's m-trajectories.</summary>
    private static FigureSpec Trajectories(int count)
    {
        double[] t = Enumerable.Range(0, 30).Select(i => i * 0.25).ToArray();
        var series = new List<SeriesSpec>();
        for (int j = 0; j < count; j++)
        {
            double[] y = t.Select(x => Math.Sin(x + j) * (1 + 0.1 * j)).ToArray();
            series.Add(new SeriesSpec(j == 0 ? "ODE (dashed)" : null, t, y, SeriesKind.Line) { Dashed = true, ColorIndex = j });
            series.Add(new SeriesSpec($"m[{j / 3 + 1},{j % 3 + 1}]", t, y, SeriesKind.Band)
            {
                Lower = y.Select(v => v - 0.05).ToArray(), Upper = y.Select(v => v + 0.05).ToArray(), ColorIndex = j,
            });
        }
        return new FigureSpec("m-trajectories", "m[c,a]: ODE vs SGD", "t", "m[c,a] = x^c·μ_a", series) { Width = FigureWidth.Double };
    }

    private static Plot Build(FigureSpec spec, FigureStyle style, out float width, out float height)
    {
        (width, height) = style.SizeInPoints(spec.Width);
        return FigurePlot.Build(FigureData.From(spec), style, width, height, null, out _);
    }

    private static List<Scatter> Lines(Plot plot) => plot.GetPlottables().OfType<Scatter>().ToList();

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(25)]
    public void No_two_simulation_series_share_colour_and_pattern(int count)
    {
        using var plot = Build(Trajectories(count), new FigureStyle(), out _, out _);
        var solid = Lines(plot).Where(s => !s.LinePattern.Equals(LinePattern.Dashed) && s.LinePattern.Name != "paper dash").ToList();
        Assert.Equal(count, solid.Count);
        var looks = solid.Select(s => (s.Color.ToHex(), s.LinePattern.Name ?? "solid")).ToList();
        Assert.Equal(count, looks.Distinct().Count());
    }

    [Fact]
    public void Nine_entries_get_nine_colours()
    {
        using var plot = Build(Trajectories(9), new FigureStyle(), out _, out _);
        var solid = Lines(plot).Where(s => s.LinePattern.Name != "paper dash").ToList();
        Assert.Equal(9, solid.Select(s => s.Color.ToHex()).Distinct().Count());
    }

    [Fact]
    public void The_dashed_theory_lines_are_drawn_last_and_darker_than_their_simulation_line()
    {
        using var plot = Build(Trajectories(3), new FigureStyle(), out _, out _);
        var all = plot.GetPlottables().ToList();
        var dashed = all.OfType<Scatter>().Where(s => s.LinePattern.Name == "paper dash").ToList();
        var solid = all.OfType<Scatter>().Where(s => s.LinePattern.Name != "paper dash").ToList();
        var fills = all.OfType<FillY>().ToList();
        Assert.Equal(3, dashed.Count);
        Assert.True(dashed.Min(all.IndexOf) > solid.Max(all.IndexOf), "a theory line is drawn below a simulation line");
        Assert.True(dashed.Min(all.IndexOf) > fills.Max(all.IndexOf), "a theory line is drawn below a band");
        for (int j = 0; j < 3; j++)
        {
            Color mine = PaperPalette.Color(j);
            Assert.Equal(mine.ToHex(), solid[j].Color.ToHex());
            Assert.NotEqual(mine.ToHex(), dashed[j].Color.ToHex());
            Assert.True(dashed[j].Color.R <= mine.R && dashed[j].Color.G <= mine.G && dashed[j].Color.B <= mine.B);
        }
    }

    [Fact]
    public void A_long_legend_goes_below_and_the_data_area_keeps_most_of_the_width()
    {
        var spec = Trajectories(9) with { Width = FigureWidth.Single };
        var style = new FigureStyle();
        using var plot = Build(spec, style, out float width, out float height);
        plot.GetImage((int)width, (int)height).Dispose();
        PixelRect data = plot.RenderManager.LastRender.DataRect;
        Assert.True(data.Width > 0.6 * width, $"data area {data.Width} of {width} pt wide");
        Assert.Contains(plot.Axes.GetPanels().OfType<RichLegendPanel>(), p => p.Edge == Edge.Bottom);
        Assert.DoesNotContain(plot.GetPlottables(), p => p is RichLegendBox);
    }

    [Fact]
    public void Titles_are_optional()
    {
        using var with = Build(Trajectories(2), new FigureStyle(), out _, out _);
        using var without = Build(Trajectories(2), new FigureStyle { Titles = false }, out _, out _);
        Assert.Equal("m[c,a]: ODE vs SGD", Assert.Single(with.Axes.GetPanels().OfType<RichTitlePanel>()).Text.PlainText);
        Assert.Empty(without.Axes.GetPanels().OfType<RichTitlePanel>());
    }

    [Fact]
    public void A_style_palette_and_font_family_reach_the_plot()
    {
        var style = new FigureStyle { Palette = ["#112233", "#445566"], FontFamily = "DejaVu Serif" }.Validated();
        using var plot = Build(Trajectories(3), style, out _, out _);
        var solid = Lines(plot).Where(s => s.LinePattern.Name != "paper dash").ToList();
        Assert.Equal(["#112233", "#445566", "#112233"], solid.Select(s => s.Color.ToHex()[..7]));
        Assert.NotEqual(solid[0].LinePattern.Name, solid[2].LinePattern.Name); // the second cycle is dotted
        Assert.Equal("DejaVu Serif", plot.Axes.Bottom.Label.FontName);
    }

    private static string StyleFile(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), "tc-style-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_style_file_sets_sizes_fonts_palette_and_titles()
    {
        string path = StyleFile("""{"single_width_in": 3.25, "title_size": 10, "legend_size": 6.5, "font_family": "DejaVu Serif", "palette": ["#000000", "#E69F00"], "titles": false}""");
        var style = FigureStyleFile.Read(path);
        File.Delete(path);
        Assert.Equal(3.25, style.SingleWidthInches);
        Assert.Equal(10f, style.TitleSize);
        Assert.Equal(6.5f, style.LegendSize);
        Assert.Equal("DejaVu Serif", style.FontFamily);
        Assert.Equal(["#000000", "#E69F00"], style.Colors);
        Assert.False(style.Titles);
        Assert.Equal(new FigureStyle().LabelSize, style.LabelSize); // unset keys keep the defaults
    }

    [Theory]
    [InlineData("""{"title_size": -1}""", "'title_size'")]
    [InlineData("""{"title_size": "big"}""", "'title_size'")]
    [InlineData("""{"single_width_in": 300}""", "'single_width_in'")]
    [InlineData("""{"palette": ["red"]}""", "'palette'")]
    [InlineData("""{"palette": []}""", "'palette'")]
    [InlineData("""{"font_family": "No Such Font 42"}""", "'font_family'")]
    [InlineData("""{"titles": "no"}""", "'titles'")]
    [InlineData("""{"colour": "#000000"}""", "unknown key 'colour'")]
    [InlineData("""[1, 2]""", "JSON object")]
    [InlineData("""{"title_size": 9,}""", "not valid JSON")]
    [InlineData("""{"band_opacity": 2}""", "'band_opacity'")]
    public void A_bad_style_file_is_one_clear_error_naming_the_key(string json, string expected)
    {
        string path = StyleFile(json);
        var error = Assert.Throws<InputException>(() => FigureStyleFile.Read(path));
        File.Delete(path);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Run_with_a_bad_style_file_exits_2_and_writes_nothing()
    {
        string path = StyleFile("""{"palette": ["#12"]}""");
        string directory = Path.Combine(Path.GetTempPath(), "tc-style-run-" + Guid.NewGuid().ToString("N"));
        string line = Cli.CliRunner.AssertBadInputWith(Cli.HostileInputTests.Defaults,
            "run", "quadratic.initial-direction", "--profile", "test", "--out", directory, "--style", path, "--progress", "none");
        File.Delete(path);
        Assert.Contains("--style", line);
        Assert.False(Directory.Exists(directory));
        Assert.Contains("--style", Cli.CliRunner.AssertBadInputWith(Cli.HostileInputTests.Defaults,
            "run", "quadratic.initial-direction", "--profile", "test", "--out", directory, "--style", directory + ".missing", "--progress", "none"));
        Assert.False(Directory.Exists(directory));
    }
}

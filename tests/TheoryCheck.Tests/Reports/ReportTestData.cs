using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;

namespace TheoryCheck.Tests.Reports;

/// <summary>Small synthetic figures and claim results for the report tests.</summary>
internal static class ReportTestData
{
    public static readonly double[] X = [1, 2, 4, 8, 16];
    public static readonly double[] Y = [0.9, 0.62, 0.45, 0.31, 0.22];

    public static SeriesSpec Series(SeriesKind kind, string? label = "series", int? color = null) => new(label, X, Y, kind)
    {
        Lower = Y.Select(v => v * 0.8).ToArray(),
        Upper = Y.Select(v => v * 1.25).ToArray(),
        ColorIndex = color,
    };

    public static FigureSpec Figure(string name, params SeriesSpec[] series) =>
        new(name, "Error vs d^{-1/2}: λ = 0.1, β = 2", "dimension d", "sup_t |m − m_ODE|", series);

    public static IReadOnlyList<double> TrickyNumbers { get; } =
    [
        0.1 + 0.2, 1.0 / 3.0, double.Epsilon, double.MaxValue, -1.2345678901234567e-300, Math.PI, 123456789012345680.0, -0.0, 1e21, 2.5e-8,
    ];

    public static ClaimResult Claim(string id, Action<ClaimResultBuilder>? edit = null)
    {
        var builder = new ClaimResultBuilder(id);
        edit?.Invoke(builder);
        return builder.Build();
    }

    internal sealed class ClaimResultBuilder(string id)
    {
        public List<CheckResult> Checks { get; } = [new CheckResult("fitted exponent", true, -0.51, "∈ [−0.8, −0.3]", "95% CI [−0.6, −0.42]")];
        public List<FigureSpec> Figures { get; } = [];
        public IReadOnlyList<string> Overrides { get; set; } = [];
        public string? Divergence { get; set; }
        public JsonObject Measurements { get; set; } = new() { ["slope"] = -0.51 };

        public ClaimResult Build() => new()
        {
            Info = new ClaimInfo(id, id.Split('.')[0], "2310.03010 Thm 2.1", "(m, R) track the ODE, error ∝ d^{-1/2}", "kgmm.md §5"),
            Profile = Profile.Test,
            Checks = Checks,
            Parameters = new JsonObject { ["lambda"] = 0.1, ["k"] = 2 },
            Measurements = Measurements,
            Settings = new JsonObject { ["ode"] = "DP5(4)" },
            Sizes = [100, 200, 400],
            Seeds = [ulong.MaxValue, 1UL, 12345678901234567890UL],
            Figures = Figures,
            Notes = ["a note with λ and d^{-1}"],
            Overrides = Overrides,
            Divergence = Divergence,
            Timings = new Dictionary<string, double> { ["total"] = 1.25 },
            GitCommit = "0123456789abcdef0123456789abcdef01234567",
        };
    }
}

/// <summary>A fresh temporary directory, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "theorycheck-reports-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

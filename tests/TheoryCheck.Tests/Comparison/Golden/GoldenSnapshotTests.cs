using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Golden;

namespace TheoryCheck.Tests.Comparison.Golden;

public class GoldenSnapshotTests
{
    public static TheoryData<double> HardNumbers => new()
    {
        0.1, 1.0 / 3, 2.0 / 3, 1e-300, -0.0, 0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
        Math.PI, -Math.E, 123456789012345678.0, 0.30000000000000004, 2.2250738585072014e-308, 2.2250738585072009e-308,
    };

    [Theory]
    [MemberData(nameof(HardNumbers))]
    public void NumbersSurviveTheFileBitForBit(double value)
    {
        var snapshot = GoldenSnapshot.Flatten(new JsonObject { ["x"] = value });
        var back = GoldenSnapshot.Parse(snapshot.ToText()).Index["x"];
        Assert.Equal(GoldenValueKind.Number, back.Kind);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back.Number));
    }

    [Fact]
    public void NegativeZeroIsWrittenWithItsSign()
    {
        Assert.Contains("\"x\": -0", GoldenSnapshot.Flatten(new JsonObject { ["x"] = -0.0 }).ToText());
        Assert.Contains("\"x\": 0.1,", GoldenSnapshot.Flatten(new JsonObject { ["x"] = 0.1, ["y"] = 1 }).ToText());
    }

    [Fact]
    public void NonFiniteNumbersRoundTripAsNamedLiterals()
    {
        var snapshot = GoldenSnapshot.Flatten(new JsonObject { ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity, ["minf"] = double.NegativeInfinity });
        string text = snapshot.ToText();
        Assert.Contains("\"nan\": \"NaN\"", text);
        var back = GoldenSnapshot.Parse(text);
        Assert.True(double.IsNaN(back.Index["nan"].Number));
        Assert.Equal(double.PositiveInfinity, back.Index["inf"].Number);
        Assert.Equal(double.NegativeInfinity, back.Index["minf"].Number);
        Assert.Empty(back.Compare(snapshot, []));
    }

    [Fact]
    public void FlattensIntoDocumentedPathsInDocumentOrder()
    {
        var measurements = new JsonObject
        {
            ["E_d"] = new JsonArray(0.19, 0.107, 0.07),
            ["fit"] = new JsonObject { ["slope"] = -0.58, ["n"] = 4 },
            ["ode"] = new JsonObject { ["m[1,1]"] = new JsonArray(0.0, 0.5) },
            ["e"] = new JsonArray(new JsonArray(1.0, 2.0), new JsonArray(3.0)),
            ["engine"] = "full-vector",
            ["converged"] = true,
            ["missing"] = null,
            ["empty"] = new JsonArray(),
            ["seed"] = 18446744073709551615UL.ToString(),
        };
        var paths = GoldenSnapshot.Flatten(measurements).Fields.Select(f => f.Key).ToArray();
        Assert.Equal(["E_d[0]", "E_d[1]", "E_d[2]", "fit.slope", "fit.n", "ode.m[1,1][0]", "ode.m[1,1][1]",
            "e[0][0]", "e[0][1]", "e[1][0]", "engine", "converged", "missing", "seed"], paths);
        var back = GoldenSnapshot.Parse(GoldenSnapshot.Flatten(measurements).ToText());
        Assert.Equal(GoldenValue.Of("full-vector"), back.Index["engine"]);
        Assert.Equal(GoldenValue.Of(true), back.Index["converged"]);
        Assert.Equal(GoldenValue.Null, back.Index["missing"]);
        Assert.Equal(4, back.Index["fit.n"].Number);
        Assert.Equal("18446744073709551615", back.Index["seed"].Text);
    }

    [Fact]
    public void FileIsOneFieldPerLineWithReadableNames()
    {
        string text = GoldenSnapshot.Flatten(new JsonObject { ["ode"] = new JsonObject { ["m[1,1]"] = 0.5, ["λ"] = 3.0 } }).ToText();
        Assert.Equal("{\n  \"ode.m[1,1]\": 0.5,\n  \"ode.λ\": 3\n}\n", text.Replace("\r\n", "\n"));
    }

    [Fact]
    public void ComparisonUsesAbsolutePlusRelativeTolerance()
    {
        var expected = Snapshot(("small", 0.0), ("large", 1000.0));
        var tolerance = new GoldenTolerance("*", 1e-6, 1e-3); // allowed: 1e-6 at 0, 1.000001 at 1000
        Assert.Empty(Snapshot(("small", 9e-7), ("large", 1000.999)).Compare(expected, [tolerance]));
        var failing = Snapshot(("small", 2e-6), ("large", 1001.01)).Compare(expected, [tolerance]);
        Assert.Equal(["small", "large"], failing.Select(m => m.Path));
        Assert.Equal(2e-6, failing[0].Difference!.Value, 1e-18);
        Assert.Equal(1e-6, failing[0].Allowed!.Value, 1e-18);
        Assert.Equal(1e-6 + 1e-3 * 1000, failing[1].Allowed!.Value, 12);
        // Default: absolute 1e-12 + relative 1e-9.
        Assert.Empty(Snapshot(("small", 5e-13), ("large", 1000 + 9e-7)).Compare(expected, []));
        Assert.Equal(2, Snapshot(("small", 2e-12), ("large", 1000 + 2e-6)).Compare(expected, []).Count);
    }

    [Fact]
    public void TheLastMatchingPathGlobWins()
    {
        GoldenTolerance[] rules = [new("E_d[*]", 0, 0.05), new("E_d[2]", 0, 0.5), new("fit.*", 0.01, 0)];
        Assert.Equal(0.05, GoldenTolerance.For("E_d[0]", rules).Relative);
        Assert.Equal(0.5, GoldenTolerance.For("E_d[2]", rules).Relative);
        Assert.Equal(0.01, GoldenTolerance.For("fit.slope", rules).Absolute);
        Assert.Same(GoldenTolerance.Default, GoldenTolerance.For("other", rules));
        var expected = Snapshot(("E_d[0]", 1.0), ("E_d[2]", 1.0), ("fit.slope", -0.5), ("other", 1.0));
        var obtained = Snapshot(("E_d[0]", 1.04), ("E_d[2]", 1.4), ("fit.slope", -0.509), ("other", 1.0 + 1e-6));
        Assert.Equal(["other"], obtained.Compare(expected, rules).Select(m => m.Path));
    }

    [Fact]
    public void StringsBooleansAndKindsCompareExactly()
    {
        var expected = GoldenSnapshot.Flatten(new JsonObject { ["s"] = "a", ["b"] = true, ["k"] = 1.0 });
        var obtained = GoldenSnapshot.Flatten(new JsonObject { ["s"] = "A", ["b"] = false, ["k"] = "1" });
        var failing = obtained.Compare(expected, [new GoldenTolerance("*", 1, 1)]);
        Assert.Equal(["differs", "differs", "kind"], failing.Select(m => m.Reason));
    }

    [Fact]
    public void MissingAndNewFieldsFail()
    {
        var failing = Snapshot(("a", 1.0), ("c", 3.0)).Compare(Snapshot(("a", 1.0), ("b", 2.0)), []);
        Assert.Equal([("b", "missing"), ("c", "new")], failing.Select(m => (m.Path, m.Reason)));
    }

    [Fact]
    public void RejectsNestedFilesAndBadTolerances()
    {
        Assert.Throws<FormatException>(() => GoldenSnapshot.Parse("{\"a\": [1]}"));
        Assert.Throws<FormatException>(() => GoldenSnapshot.Parse("[1]"));
        Assert.Throws<ArgumentException>(() => new GoldenTolerance("*", -1, 0));
        Assert.Throws<ArgumentException>(() => new GoldenTolerance("", 0, 0));
    }

    private static GoldenSnapshot Snapshot(params (string Path, double Value)[] fields)
    {
        var o = new JsonObject();
        foreach (var (path, value) in fields) o[path] = value;
        return GoldenSnapshot.Flatten(o);
    }
}

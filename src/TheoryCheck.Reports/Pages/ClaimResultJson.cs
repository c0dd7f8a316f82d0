using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Reports.Pages;

/// <summary>
/// The <c>result.json</c> document of a claim: every field of <see cref="ClaimResult"/> plus the computed verdict.
/// Numbers are written in the shortest form that parses back to the same double (round-trip, as "R"); seeds are
/// decimal strings (64-bit values exceed JSON's safe integer range); a non-finite number is written as the
/// string "NaN", "Infinity" or "-Infinity" (System.Text.Json's named literals), never as a number.
/// Figures are listed by name (their files sit beside result.json). Property names are camelCase.
/// </summary>
public static class ClaimResultJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Verdict name in JSON: holds, fails, not-calibrated, diverged.</summary>
    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Fails => "fails",
        Verdict.NotCalibrated => "not-calibrated",
        Verdict.Diverged => "diverged",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };

    /// <summary>Profile name in JSON: test, quick, full.</summary>
    public static string ProfileName(Profile profile) => profile.ToString().ToLowerInvariant();

    /// <summary>The document as indented UTF-8 JSON text.</summary>
    public static string ToJson(ClaimResult result)
    {
        using var buffer = new MemoryStream();
        Write(result, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the document to <paramref name="output"/> (UTF-8, no byte-order mark, trailing newline).</summary>
    public static void Write(ClaimResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        using (var writer = new Utf8JsonWriter(output, Options))
            Write(result, writer);
        output.WriteByte((byte)'\n');
    }

    /// <summary>Writes the document as one JSON object.</summary>
    public static void Write(ClaimResult result, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("info");
        writer.WriteString("id", result.Info.Id);
        writer.WriteString("model", result.Info.Model);
        writer.WriteString("paper", result.Info.Paper);
        writer.WriteString("statement", result.Info.Statement);
        writer.WriteString("source", result.Info.Source);
        writer.WriteEndObject();
        writer.WriteString("verdict", VerdictName(result.Verdict));
        writer.WriteString("profile", ProfileName(result.Profile));
        writer.WriteBoolean("calibrated", result.Calibrated);
        if (result.Divergence is null) writer.WriteNull("divergence");
        else writer.WriteString("divergence", result.Divergence);

        writer.WriteStartArray("checks");
        foreach (CheckResult check in result.Checks)
        {
            writer.WriteStartObject();
            writer.WriteString("name", check.Name);
            writer.WriteBoolean("passed", check.Passed);
            writer.WritePropertyName("measured");
            if (check.Measured is double measured) Number(writer, measured);
            else writer.WriteNullValue();
            writer.WriteString("requirement", check.Requirement);
            if (check.Detail is null) writer.WriteNull("detail");
            else writer.WriteString("detail", check.Detail);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WritePropertyName("parameters");
        Node(writer, result.Parameters);
        writer.WritePropertyName("measurements");
        Node(writer, result.Measurements);
        writer.WritePropertyName("settings");
        Node(writer, result.Settings);

        writer.WriteStartArray("sizes");
        foreach (int size in result.Sizes) writer.WriteNumberValue(size);
        writer.WriteEndArray();
        writer.WriteStartArray("seeds");
        foreach (ulong seed in result.Seeds) writer.WriteStringValue(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteEndArray();
        writer.WriteStartArray("figures");
        foreach (var figure in result.Figures) writer.WriteStringValue(figure.Name);
        writer.WriteEndArray();
        writer.WriteStartArray("notes");
        foreach (string note in result.Notes) writer.WriteStringValue(note);
        writer.WriteEndArray();
        writer.WriteStartObject("timings");
        foreach (var (phase, seconds) in result.Timings)
        {
            writer.WritePropertyName(phase);
            Number(writer, seconds);
        }
        writer.WriteEndObject();
        writer.WriteString("gitCommit", result.GitCommit);
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>A double in round-trip form, or its named literal as a string when it is not finite.</summary>
    private static void Number(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    /// <summary>Writes a JSON node, replacing non-finite doubles and floats by their named literals.</summary>
    private static void Node(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, child) in obj)
                {
                    writer.WritePropertyName(name);
                    Node(writer, child);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (JsonNode? child in array) Node(writer, child);
                writer.WriteEndArray();
                break;
            case JsonValue value when value.TryGetValue(out double d) && !double.IsFinite(d):
                Number(writer, d);
                break;
            case JsonValue value when value.TryGetValue(out float f) && !float.IsFinite(f):
                Number(writer, f);
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

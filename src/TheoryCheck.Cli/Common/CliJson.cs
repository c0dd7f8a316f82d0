using System.Text.Encodings.Web;
using System.Text.Json;

namespace TheoryCheck.Cli.Common;

/// <summary>JSON writer settings for command output: indented, Unicode kept readable (λ, β, ⊥ not escaped).</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

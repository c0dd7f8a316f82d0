using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TheoryCheck.Comparison.Store;

/// <summary>
/// Content keys of the results store: the SHA-256 of a canonical JSON text (object keys sorted, numbers in their
/// shortest round-trip form) of everything that determines a cell's numbers, plus <see cref="CodeVersion"/>.
/// </summary>
public static class StoreKey
{
    private static readonly Lazy<string> s_codeVersion = new(ComputeCodeVersion);

    /// <summary>
    /// A version of the code that computes cells: a hash of the module version ids of the TheoryCheck assemblies loaded
    /// in the process (the build is deterministic, so an id changes exactly when an assembly's content changes). Any
    /// change to the model, engine or claim code invalidates every stored cell.
    /// </summary>
    public static string CodeVersion => s_codeVersion.Value;

    /// <summary>The key (32 hex digits) of <paramref name="parts"/> and <see cref="CodeVersion"/>.</summary>
    public static string Of(JsonObject parts)
    {
        var text = new StringBuilder();
        Canonical(parts, text);
        text.Append('|').Append(CodeVersion);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>The shard (0-based, of <paramref name="count"/>) a key belongs to: its leading 8 hex digits modulo the count.</summary>
    public static int Shard(string key, int count) => (int)(Convert.ToUInt32(key[..8], 16) % (uint)count);

    private static void Canonical(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject o:
                text.Append('{');
                bool first = true;
                foreach (var (name, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    text.Append(JsonValue.Create(name)!.ToJsonString()).Append(':');
                    Canonical(value, text);
                }
                text.Append('}');
                break;
            case JsonArray a:
                text.Append('[');
                for (int i = 0; i < a.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Canonical(a[i], text);
                }
                text.Append(']');
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static string ComputeCodeVersion()
    {
        var ids = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name is string name && name.StartsWith("TheoryCheck.", StringComparison.Ordinal) && !name.EndsWith(".Tests", StringComparison.Ordinal))
            .Select(a => $"{a.GetName().Name}:{a.ManifestModule.ModuleVersionId:N}")
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(";", ids))))[..16];
    }
}

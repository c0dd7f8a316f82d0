using TheoryCheck.Models;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// The user's <c>--set name=value</c> assignments for a claim run, parsed once: each names a model parameter of the
/// claim's model or one of the claim's <see cref="ClaimSetting"/>s. A name given twice with different values is
/// refused (never "the last one wins"). Validated against each selected claim before any work
/// (<see cref="Validate"/>), then applied by <see cref="ClaimContext.Apply(ParameterValues)"/> and read by
/// <see cref="ClaimContext.Setting{T}"/>.
/// </summary>
public sealed class ClaimOverrides
{
    private readonly List<(string Name, string Text)> _entries;

    private ClaimOverrides(List<(string Name, string Text)> entries) => _entries = entries;

    /// <summary>No overrides.</summary>
    public static ClaimOverrides None { get; } = new([]);

    /// <summary>The assignments in the order given (each name once).</summary>
    public IReadOnlyList<(string Name, string Text)> Entries => _entries;

    /// <summary>Number of assignments.</summary>
    public int Count => _entries.Count;

    /// <summary>The assignments as <c>name=value</c> texts (as recorded in result.json).</summary>
    public IReadOnlyList<string> Texts => _entries.Select(e => $"{e.Name}={e.Text}").ToArray();

    /// <summary>
    /// Parses <c>name=value</c> assignments; a malformed one (no <c>=</c>, empty name) or a name repeated with a
    /// different value throws <see cref="InputException"/>.
    /// </summary>
    public static ClaimOverrides Parse(IEnumerable<string> assignments)
    {
        var entries = new List<(string, string)>();
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0 || assignment[..eq].Trim().Length == 0) throw new InputException($"--set expects name=value (got '{assignment}')");
            string name = assignment[..eq].Trim(), text = assignment[(eq + 1)..].Trim();
            int existing = entries.FindIndex(e => e.Item1 == name);
            if (existing < 0) entries.Add((name, text));
            else if (entries[existing].Item2 != text)
                throw new InputException($"--set {name} is given twice with different values ('{entries[existing].Item2}' and '{text}')");
        }
        return entries.Count == 0 ? None : new ClaimOverrides(entries);
    }

    /// <summary>The text given for <paramref name="name"/>, or null.</summary>
    public string? TextOf(string name) => _entries.FirstOrDefault(e => e.Name == name).Text;

    /// <summary>
    /// Checks every assignment against <paramref name="claim"/>: a claim setting (parsed and range-checked), or a model
    /// parameter of <paramref name="model"/> that the claim does not sweep and that is not the simulation-only d or
    /// seed (a claim takes its sizes and seeds from its profile). Throws <see cref="InputException"/> with one line.
    /// </summary>
    public void Validate(IClaim claim, ModelDescriptor model)
    {
        foreach (var (name, text) in _entries)
        {
            if (claim.Settings.FirstOrDefault(s => s.Name == name) is { } setting)
            {
                ClaimSettings.Parse(setting, text);
                continue;
            }
            if (claim.Settings.FirstOrDefault(s => s.Sweeps == name) is { } list)
                throw new InputException($"claim '{claim.Info.Id}' sweeps '{name}': set the list with '{list.Name}=a,b,…' instead");
            var spec = model.Parameters.FirstOrDefault(p => p.Name == name);
            if (spec is { SimulationOnly: true })
                throw new InputException(name == "seed"
                    ? $"claim '{claim.Info.Id}' keys its seeds by (claim, d, replicate){(claim.Settings.Any(s => s.Name == "seeds") ? "; set the number of replicates with 'seeds=N'" : "")}"
                    : $"claim '{claim.Info.Id}' takes its sizes from the profile{Known(claim)}");
            if (spec is null)
                throw new InputException($"unknown parameter '{name}' for claim '{claim.Info.Id}' (model parameters: {string.Join(", ", model.Parameters.Where(p => !p.SimulationOnly).Select(p => p.Name))}{(claim.Settings.Count == 0 ? "" : "; claim settings: " + SettingNames(claim))})");
            spec.ParseText(text);
        }
    }

    private static string Known(IClaim claim) => claim.Settings.Count == 0 ? "" : $" (claim settings: {SettingNames(claim)})";

    private static string SettingNames(IClaim claim) => string.Join(", ", claim.Settings.Select(s => s.Name));
}

using System.Reflection;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;

namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// All models known to TheoryCheck, ordered by id: the bindings this assembly registers with
/// <see cref="ModelBindingAttribute"/>, and those an extension adds with <see cref="Register"/> (a researcher's own
/// model, before the command line runs; see <c>TheoryCheck.Cli.CliApp.Run(args, io, models)</c>).
/// </summary>
public static class ModelCatalog
{
    private static readonly object s_gate = new();
    private static readonly List<IModelBinding> s_registered = [];
    private static IReadOnlyList<IModelBinding>? s_all;

    /// <summary>The bindings, ordered by model id.</summary>
    public static IReadOnlyList<IModelBinding> All
    {
        get
        {
            lock (s_gate) return s_all ??= Discover().Concat(s_registered).OrderBy(b => b.Descriptor.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// Adds a model (with its claims) to the catalogue. Its id and claim ids must be new; throws
    /// <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public static void Register(IModelBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        lock (s_gate)
        {
            var current = s_all ?? Discover().Concat(s_registered).ToList();
            if (current.Any(b => b.Descriptor.Id == binding.Descriptor.Id))
                throw new ArgumentException($"a model with id '{binding.Descriptor.Id}' is already in the catalogue", nameof(binding));
            var ids = current.SelectMany(b => b.Claims).Select(c => c.Info.Id).ToHashSet(StringComparer.Ordinal);
            if (binding.Claims.FirstOrDefault(c => ids.Contains(c.Info.Id)) is { } clash)
                throw new ArgumentException($"claim id '{clash.Info.Id}' is already in the catalogue", nameof(binding));
            s_registered.Add(binding);
            s_all = null;
        }
    }

    /// <summary>The binding of <paramref name="id"/>; unknown ids throw <see cref="InputException"/>.</summary>
    public static IModelBinding Find(string id) =>
        All.FirstOrDefault(b => b.Descriptor.Id == id)
        ?? throw new InputException($"unknown model '{id}' (known: {string.Join(", ", All.Select(b => b.Descriptor.Id))})");

    /// <summary>Every claim of every model, in catalogue order.</summary>
    public static IReadOnlyList<IClaim> Claims => All.SelectMany(b => b.Claims).ToList();

    private static IEnumerable<IModelBinding> Discover() =>
        typeof(ModelCatalog).Assembly.GetCustomAttributes<ModelBindingAttribute>()
            .Select(a => (IModelBinding)Activator.CreateInstance(a.Binding)!);
}

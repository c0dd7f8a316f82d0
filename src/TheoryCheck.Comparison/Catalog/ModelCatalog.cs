using System.Reflection;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;

namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// All models known to TheoryCheck: every non-abstract <see cref="IModelBinding"/> with a public parameterless
/// constructor in this assembly, ordered by id.
/// </summary>
public static class ModelCatalog
{
    private static readonly Lazy<IReadOnlyList<IModelBinding>> s_all = new(Discover);

    /// <summary>The bindings, ordered by model id.</summary>
    public static IReadOnlyList<IModelBinding> All => s_all.Value;

    /// <summary>The binding of <paramref name="id"/>; unknown ids throw <see cref="InputException"/>.</summary>
    public static IModelBinding Find(string id) =>
        All.FirstOrDefault(b => b.Descriptor.Id == id)
        ?? throw new InputException($"unknown model '{id}' (known: {string.Join(", ", All.Select(b => b.Descriptor.Id))})");

    /// <summary>Every claim of every model, in catalogue order.</summary>
    public static IReadOnlyList<IClaim> Claims => All.SelectMany(b => b.Claims).ToList();

    private static IReadOnlyList<IModelBinding> Discover() =>
        typeof(ModelCatalog).Assembly.GetTypes()
            .Where(t => typeof(IModelBinding).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }
                        && t.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .Select(t => (IModelBinding)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Descriptor.Id, StringComparer.Ordinal)
            .ToList();
}

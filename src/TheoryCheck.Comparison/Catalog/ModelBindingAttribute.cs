using System.Diagnostics.CodeAnalysis;

namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// Registers a model binding with the catalogue: each model adds one assembly attribute in its own folder
/// (e.g. <c>Comparison/Kgmm/KgmmRegistration.cs</c>), so no shared list is edited and the discovery stays trim- and
/// AOT-safe (the type's constructor is kept by the annotation).
/// </summary>
/// <param name="binding">A type implementing <see cref="IModelBinding"/> with a public parameterless constructor.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ModelBindingAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type binding) : Attribute
{
    /// <summary>The binding type.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public Type Binding { get; } = binding;
}

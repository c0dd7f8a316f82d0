using TheoryCheck.Models;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Catalog;

/// <summary>The dimension and seed of a simulation, read from parameter values (where <c>--d</c> and <c>--seed</c> put them).</summary>
public static class SimulationPoint
{
    /// <summary>The dimension <c>d</c> (explicit or the model's default); missing → <see cref="InputException"/> asking for <c>--d</c>.</summary>
    public static long Dimension(ParameterValues parameters) =>
        parameters.Get("d") is { } node ? node.GetValue<long>() : throw new InputException($"model '{parameters.ModelId}' needs the dimension: pass --d N");

    /// <summary>The seed (its 64 bits); missing → <see cref="InputException"/> asking for <c>--seed</c>.</summary>
    public static ulong Seed(ParameterValues parameters) =>
        parameters.Get("seed") is { } node ? unchecked((ulong)node.GetValue<long>()) : throw new InputException($"model '{parameters.ModelId}' needs a seed: pass --seed N");

    /// <summary>The values with <c>d</c> and <c>seed</c> set (the seed's 64 bits stored as a signed integer).</summary>
    public static ParameterValues With(ParameterValues parameters, long d, ulong seed) =>
        parameters.With("d", d).With("seed", unchecked((long)seed));
}

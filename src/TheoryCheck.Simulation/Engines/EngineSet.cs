using TheoryCheck.Models;

namespace TheoryCheck.Simulation.Engines;

/// <summary>
/// The engines of one model by name, the default first (design.md, "Engines"). Unknown names throw
/// <see cref="InputException"/> naming the known ones.
/// </summary>
/// <typeparam name="TProblem">The model's simulation problem.</typeparam>
/// <typeparam name="TRun">The model's run record.</typeparam>
public sealed class EngineSet<TProblem, TRun>
{
    private readonly ISimulationEngine<TProblem, TRun>[] _engines;

    /// <param name="model">Model id (for messages).</param>
    /// <param name="engines">The engines, default first; names must be distinct.</param>
    public EngineSet(string model, params ISimulationEngine<TProblem, TRun>[] engines)
    {
        if (engines.Length == 0) throw new ArgumentException("a model needs at least one engine", nameof(engines));
        if (engines.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count() != engines.Length)
            throw new ArgumentException("engine names must be distinct", nameof(engines));
        Model = model;
        _engines = engines;
    }

    /// <summary>Model id.</summary>
    public string Model { get; }

    /// <summary>Engine names, default first.</summary>
    public IReadOnlyList<string> Names => _engines.Select(e => e.Name).ToArray();

    /// <summary>The default engine.</summary>
    public ISimulationEngine<TProblem, TRun> Default => _engines[0];

    /// <summary>The engine named <paramref name="name"/>.</summary>
    public ISimulationEngine<TProblem, TRun> this[string name] =>
        _engines.FirstOrDefault(e => e.Name == name)
        ?? throw new InputException($"model '{Model}' has no engine '{name}' (engines: {string.Join(", ", Names)})");
}

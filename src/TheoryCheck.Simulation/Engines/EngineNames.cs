namespace TheoryCheck.Simulation.Engines;

/// <summary>The engine names shared by every model (design.md, "Engines").</summary>
public static class EngineNames
{
    /// <summary>The full-vector engine: the d-dimensional parameters, d normals per step.</summary>
    public const string Full = "full";

    /// <summary>The exact moving-frame engine of the isotropic models: cost per step independent of d.</summary>
    public const string Subspace = "subspace";
}

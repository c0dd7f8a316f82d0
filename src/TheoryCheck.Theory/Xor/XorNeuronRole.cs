namespace TheoryCheck.Theory.Xor;

/// <summary>
/// The group of a neuron at a λ = ∞ fixed point (xor.md §7.2): unused (v_i = m^μ_i = m^ν_i = 0) or serving one cluster.
/// </summary>
public enum XorNeuronRole
{
    /// <summary>I_0: v_i = m^μ_i = m^ν_i = 0.</summary>
    Unused,

    /// <summary>I_{+μ}: m^μ_i = v_i &gt; 0, m^ν_i = 0.</summary>
    PlusMu,

    /// <summary>I_{−μ}: −m^μ_i = v_i &gt; 0, m^ν_i = 0.</summary>
    MinusMu,

    /// <summary>I_{+ν}: m^ν_i = −v_i &gt; 0, m^μ_i = 0.</summary>
    PlusNu,

    /// <summary>I_{−ν}: m^ν_i = v_i &lt; 0, m^μ_i = 0.</summary>
    MinusNu,
}

namespace TheoryCheck.Theory.Quadratic;

/// <summary>Regime of the one-step alignment criterion (quadratic.md §4).</summary>
public enum AlignmentRegime
{
    /// <summary>Δ_t &gt; 0: the alignment decreases iff η &lt; η*_t and increases iff η &gt; η*_t.</summary>
    LowAlignment,
    /// <summary>Δ_t ≤ 0: the alignment decreases for every η &gt; 0 (self-correction); η*_t = +∞.</summary>
    HighAlignment,
}

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Per-sample scalar weight h(π, b) of an empirical block (1/M) Σ_j h_j Y_jY_jᵀ, as a function of the softmax π of
/// the sample and its 0-based label b (kgmm.md §2 weight table).
/// </summary>
public delegate double KgmmBlockWeight(ReadOnlySpan<double> pi, int label);

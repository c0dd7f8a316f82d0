namespace TheoryCheck.Theory.Xor;

/// <summary>
/// The Gaussian expectations of the finite-λ xor ODE at one state (xor.md §5): A^μ_i = E[(μ·X) 1_i e],
/// A^ν_i = E[(ν·X) 1_i e], A⊥_ij = E[(W_j⊥·X) 1_i e] and B_ij = E[1_i 1_j e²], averaged over the four clusters.
/// Matrices are K×K row-major.
/// </summary>
/// <param name="Amu">A^μ (K).</param>
/// <param name="Anu">A^ν (K).</param>
/// <param name="Aperp">A⊥ (K×K, not symmetric): A⊥[i·K + j] = E[(W_j⊥·X) 1_i e].</param>
/// <param name="B">B (K×K, symmetric).</param>
public sealed record XorOdeMoments(double[] Amu, double[] Anu, double[] Aperp, double[] B);

namespace TheoryCheck.Models.Xor;

/// <summary>How SGD is started (parameter <c>init</c>; xor.md §3).</summary>
public enum XorInitialisation
{
    /// <summary>
    /// <c>warm</c>: W_i(0) = mmu0_i·μ + mnu0_i·ν + √rperp0·u_i with u_i orthonormal and orthogonal to μ, ν, and v(0) = v0,
    /// so the statistics at t = 0 are exactly (v0, mmu0, mnu0, rperp0·I) at every d (xor.md §3). The ODE starts there.
    /// </summary>
    Warm,

    /// <summary><c>random</c>: v_i ~ N(0, 1), W_i ~ N(0, I_d/d), independent (xor.md §3; simulation only, see §8).</summary>
    Random,
}

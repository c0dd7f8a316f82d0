namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Coefficients of the Dormand–Prince 5(4) pair (Dormand &amp; Prince 1980; Hairer–Nørsett–Wanner, Solving ODE I,
/// Table II.5.2) and of Hairer's 4th-order continuous extension in dopri5 (dense output coefficients dᵢ, after
/// Shampine 1986). Stage 7 is evaluated at (t + h, u_new), so k₇ is the next step's k₁ (FSAL).
/// Eᵢ = bᵢ − b̂ᵢ are the error-estimator weights.
/// </summary>
internal static class DormandPrince54Tableau
{
    public const double C2 = 1.0 / 5.0, C3 = 3.0 / 10.0, C4 = 4.0 / 5.0, C5 = 8.0 / 9.0;

    public const double A21 = 1.0 / 5.0;
    public const double A31 = 3.0 / 40.0, A32 = 9.0 / 40.0;
    public const double A41 = 44.0 / 45.0, A42 = -56.0 / 15.0, A43 = 32.0 / 9.0;
    public const double A51 = 19372.0 / 6561.0, A52 = -25360.0 / 2187.0, A53 = 64448.0 / 6561.0, A54 = -212.0 / 729.0;
    public const double A61 = 9017.0 / 3168.0, A62 = -355.0 / 33.0, A63 = 46732.0 / 5247.0, A64 = 49.0 / 176.0, A65 = -5103.0 / 18656.0;

    // 5th-order weights (also row 7 of A).
    public const double B1 = 35.0 / 384.0, B3 = 500.0 / 1113.0, B4 = 125.0 / 192.0, B5 = -2187.0 / 6784.0, B6 = 11.0 / 84.0;

    // Eᵢ = bᵢ − b̂ᵢ.
    public const double E1 = 71.0 / 57600.0, E3 = -71.0 / 16695.0, E4 = 71.0 / 1920.0, E5 = -17253.0 / 339200.0, E6 = 22.0 / 525.0, E7 = -1.0 / 40.0;

    // Dense output (dopri5): r₅ = h Σ dᵢ kᵢ.
    public const double D1 = -12715105075.0 / 11282082432.0, D3 = 87487479700.0 / 32700410799.0,
        D4 = -10690763975.0 / 1880347072.0, D5 = 701980252875.0 / 199316789632.0,
        D6 = -1453857185.0 / 822651844.0, D7 = 69997945.0 / 29380423.0;

    /// <summary>Nodes c₁…c₇.</summary>
    public static double[] C => [0, C2, C3, C4, C5, 1, 1];

    /// <summary>Strictly lower-triangular A (7×7), row 7 = b.</summary>
    public static double[][] A =>
    [
        [],
        [A21],
        [A31, A32],
        [A41, A42, A43],
        [A51, A52, A53, A54],
        [A61, A62, A63, A64, A65],
        [B1, 0, B3, B4, B5, B6],
    ];

    /// <summary>5th-order weights b (7 entries).</summary>
    public static double[] B => [B1, 0, B3, B4, B5, B6, 0];

    /// <summary>Error weights E = b − b̂ (7 entries).</summary>
    public static double[] E => [E1, 0, E3, E4, E5, E6, E7];

    /// <summary>Dense output weights d (7 entries).</summary>
    public static double[] D => [D1, 0, D3, D4, D5, D6, D7];
}

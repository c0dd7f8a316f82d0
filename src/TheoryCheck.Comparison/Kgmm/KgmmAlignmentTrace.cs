namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// Alignment along one SGD run (the first replicate at one λ): at several times t, the mean over c of
/// err(x^c, top-k of Ĥ_cc) measured on fresh test samples, and the mean over c of err_pred (kgmm.md §11) at the ODE state
/// at t.
/// </summary>
/// <param name="Lambda">λ.</param>
/// <param name="Times">Times t along the run.</param>
/// <param name="Measured">Measured mean err at each t.</param>
/// <param name="Predicted">Predicted mean err_pred at each t.</param>
public sealed record KgmmAlignmentTrace(double Lambda, double[] Times, double[] Measured, double[] Predicted);

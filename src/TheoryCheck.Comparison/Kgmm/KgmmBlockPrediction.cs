namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// The effective spectral prediction (kgmm.md §11) for one block at the ODE state at time T: predicted outliers
/// (descending) with the squared overlaps ‖r̃_j‖², the right bulk edge z₊ and err_pred for the top-k space.
/// </summary>
/// <param name="Lambda">λ.</param>
/// <param name="Block">Class c (0-based).</param>
/// <param name="Hessian">True for the Hessian block, false for G.</param>
/// <param name="Outliers">Predicted outliers z_j, descending (β excluded).</param>
/// <param name="SquaredOverlaps">‖r̃_j‖², same order.</param>
/// <param name="Edge">Right bulk edge z₊.</param>
/// <param name="EdgeKind">Interior (square-root) edge or support boundary (docs/kgmm-notes.md §4.2).</param>
/// <param name="AlignmentError">err_pred for the top-k space.</param>
/// <param name="QuadratureErrorEstimate">Largest change of outliers, edge and err_pred under rule refinement.</param>
/// <param name="Rule">Quadrature rule.</param>
public sealed record KgmmBlockPrediction(double Lambda, int Block, bool Hessian, double[] Outliers, double[] SquaredOverlaps, double Edge,
    string EdgeKind, double AlignmentError, double QuadratureErrorEstimate, string Rule);

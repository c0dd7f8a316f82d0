namespace TheoryCheck.Models.Xor;

/// <summary>
/// Population loss and accuracy of one state (xor.md §6) with their randomised-QMC standard errors (spread of the
/// independent scramblings divided by √R).
/// </summary>
/// <param name="Loss">(1/4)Σ_ϑ E[log(1 + e^s) − y_ϑ s] + (β/2)(‖v‖² + ‖W‖_F²) (the observable <c>loss</c>).</param>
/// <param name="LossStandardError">Standard error of <paramref name="Loss"/>.</param>
/// <param name="Accuracy">(1/4)Σ_ϑ P(1{s &gt; 0} = y_ϑ).</param>
/// <param name="AccuracyStandardError">Standard error of <paramref name="Accuracy"/>.</param>
/// <param name="DataLoss">The data term (1/4)Σ_ϑ E[log(1 + e^s) − y_ϑ s] alone (penalty excluded).</param>
public readonly record struct XorPopulationValue(double Loss, double LossStandardError, double Accuracy, double AccuracyStandardError, double DataLoss)
{
    /// <summary>The penalty (β/2)(‖v‖² + ‖W‖_F²) = <see cref="Loss"/> − <see cref="DataLoss"/>.</summary>
    public double Penalty => Loss - DataLoss;
}

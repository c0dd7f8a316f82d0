namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Parameters of Hairer–Wanner's PI step-size controller (Solving ODE I §II.4; Solving ODE II §IV.2, "Lund
/// stabilisation"): after a step with error err ≤ 1, h_new = h / clamp(err^α · err_prev^(−β) / safety, 1/MaxFactor,
/// 1/MinFactor) with α = <see cref="Exponent"/> (1/(q+1) − c·β); after a rejection h_new = h / min(1/MinFactor,
/// err^α / safety) and the next accepted step may not grow. <see cref="Order"/> is the exponent used by the
/// automatic starting step.
/// </summary>
internal readonly record struct StepSizeControl(int Order, double Exponent, double Beta, double Safety, double MinFactor, double MaxFactor);

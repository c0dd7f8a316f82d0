namespace TheoryCheck.Numerics.Statistics;

/// <summary>
/// A fitted power law y ≈ C·x^α from <see cref="LogLogFit.Fit"/>: the OLS line log y = log C + α·log x
/// (natural logarithms) with the exponent's standard error and Student-t confidence interval (n − 2 dof).
/// </summary>
/// <param name="Line">The underlying least-squares fit in (log x, log y).</param>
public sealed record PowerLawFit(LinearFit Line)
{
    /// <summary>Exponent α (the log–log slope).</summary>
    public double Exponent => Line.Slope;

    /// <summary>Intercept log C of the log–log line.</summary>
    public double Intercept => Line.Intercept;

    /// <summary>Prefactor C = e^{intercept}.</summary>
    public double Prefactor => Math.Exp(Line.Intercept);

    /// <summary>Standard error of the exponent.</summary>
    public double ExponentStandardError => Line.SlopeStandardError;

    /// <summary>Lower end of the exponent's confidence interval.</summary>
    public double ExponentLower => Line.SlopeLower;

    /// <summary>Upper end of the exponent's confidence interval.</summary>
    public double ExponentUpper => Line.SlopeUpper;

    /// <summary>Confidence level of the interval (default 0.95).</summary>
    public double ConfidenceLevel => Line.ConfidenceLevel;

    /// <summary>R² of the log–log line.</summary>
    public double RSquared => Line.RSquared;

    /// <summary>Number of points.</summary>
    public int Count => Line.Count;

    /// <summary>The fitted power law C·x^α at <paramref name="x"/> &gt; 0.</summary>
    public double Predict(double x) => Math.Exp(Line.Predict(Math.Log(x)));
}

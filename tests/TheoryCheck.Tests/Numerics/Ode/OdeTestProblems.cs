using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Tests.Numerics.Ode;

/// <summary>Test problems with closed-form solutions, and the log–log slope fit used by the order tests.</summary>
internal static class OdeTestProblems
{
    /// <summary>
    /// A nonlinear, non-autonomous 3-d system with a closed form: the Hopf normal form
    /// x′ = x(1 − r²) − y, y′ = y(1 − r²) + x (r² = x² + y²), whose solution is r(t) = 1/√(1 + (1/r₀² − 1)e^(−2t)),
    /// angle θ₀ + t; and w′ = −2t w², w(0) = 1, whose solution is w(t) = 1/(1 + t²).
    /// </summary>
    public static OdeFunction HopfAndRational { get; } = static (t, u, du) =>
    {
        double r2 = u[0] * u[0] + u[1] * u[1];
        du[0] = u[0] * (1 - r2) - u[1];
        du[1] = u[1] * (1 - r2) + u[0];
        du[2] = -2 * t * u[2] * u[2];
    };

    /// <summary>Initial state at t = 0: r₀ = 0.5, θ₀ = 0, w₀ = 1.</summary>
    public static double[] HopfAndRationalInitial => [0.5, 0.0, 1.0];

    /// <summary>Exact solution of <see cref="HopfAndRational"/> from <see cref="HopfAndRationalInitial"/>.</summary>
    public static double[] HopfAndRationalExact(double t)
    {
        const double r0 = 0.5;
        double r = 1 / Math.Sqrt(1 + (1 / (r0 * r0) - 1) * Math.Exp(-2 * t));
        return [r * Math.Cos(t), r * Math.Sin(t), 1 / (1 + t * t)];
    }

    /// <summary>Harmonic oscillator u₀′ = u₁, u₁′ = −u₀ (rotation; u(t) = (cos t, −sin t) from (1, 0)).</summary>
    public static OdeFunction Oscillator { get; } = static (t, u, du) =>
    {
        du[0] = u[1];
        du[1] = -u[0];
    };

    /// <summary>Kepler problem q″ = −q/|q|³ (state q₁, q₂, p₁, p₂), unit semi-major axis and mean motion (period 2π).</summary>
    public static OdeFunction Kepler { get; } = static (t, u, du) =>
    {
        double r = Math.Sqrt(u[0] * u[0] + u[1] * u[1]);
        double r3 = r * r * r;
        du[0] = u[2];
        du[1] = u[3];
        du[2] = -u[0] / r3;
        du[3] = -u[1] / r3;
    };

    /// <summary>
    /// Exact Kepler orbit with eccentricity e starting at pericentre (1 − e, 0) at t = 0: solves Kepler's equation
    /// E − e sin E = t by Newton's method, then q = (cos E − e, √(1−e²) sin E), p = dq/dt with dE/dt = 1/(1 − e cos E).
    /// </summary>
    public static double[] KeplerExact(double eccentricity, double t)
    {
        double mean = t, anomaly = t;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            double delta = (anomaly - eccentricity * Math.Sin(anomaly) - mean) / (1 - eccentricity * Math.Cos(anomaly));
            anomaly -= delta;
            if (Math.Abs(delta) < 1e-16 * Math.Max(1, Math.Abs(anomaly)))
            {
                break;
            }
        }

        double root = Math.Sqrt(1 - eccentricity * eccentricity);
        double rate = 1 / (1 - eccentricity * Math.Cos(anomaly));
        return [Math.Cos(anomaly) - eccentricity, root * Math.Sin(anomaly), -Math.Sin(anomaly) * rate, root * Math.Cos(anomaly) * rate];
    }

    /// <summary>Max-norm distance between two vectors.</summary>
    public static double MaxError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double error = 0;
        for (int i = 0; i < a.Length; i++)
        {
            error = Math.Max(error, Math.Abs(a[i] - b[i]));
        }

        return error;
    }

    /// <summary>Least-squares slope of log y against log x.</summary>
    public static double LogLogSlope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        double meanX = 0, meanY = 0;
        for (int i = 0; i < n; i++)
        {
            meanX += Math.Log(x[i]) / n;
            meanY += Math.Log(y[i]) / n;
        }

        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = Math.Log(x[i]) - meanX;
            sxy += dx * (Math.Log(y[i]) - meanY);
            sxx += dx * dx;
        }

        return sxy / sxx;
    }
}

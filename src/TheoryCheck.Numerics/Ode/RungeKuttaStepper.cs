namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Workspace and single-step kernel of one explicit Runge–Kutta method for one solve: stage derivatives kᵢ are
/// preallocated (stage 0 holds k₁ = f(t, u) at the current point, FSAL), so stepping allocates nothing.
/// Call order per attempt: <see cref="Step"/>, optionally <see cref="ErrorNorm"/>; after acceptance
/// <see cref="Complete"/>, optionally <see cref="BuildDense"/>, then <see cref="Advance"/>.
/// </summary>
internal abstract class RungeKuttaStepper
{
    private readonly OdeFunction rhs;
    private readonly double[] stages;

    protected RungeKuttaStepper(OdeFunction rhs, int dimension, int stageCount)
    {
        this.rhs = rhs;
        Dimension = dimension;
        stages = new double[stageCount * dimension];
    }

    public int Dimension { get; }

    /// <summary>Right-hand-side evaluations made through this stepper.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Number m of coefficient vectors of the step interpolant (see <see cref="HairerInterpolant"/>).</summary>
    public abstract int DenseVectorCount { get; }

    /// <summary>f(t, u) at the current point (k₁ of the next step).</summary>
    public Span<double> CurrentDerivative => Stage(0);

    /// <summary>Index of the stage that holds f(t + h, u_new) after <see cref="Complete"/>.</summary>
    protected abstract int EndStage { get; }

    /// <summary>Counts and calls f(t, u) → du.</summary>
    public void Evaluate(double t, ReadOnlySpan<double> u, Span<double> du)
    {
        Evaluations++;
        rhs(t, u, du);
    }

    /// <summary>Computes k₁ = f(t, u); returns false when it is not finite.</summary>
    public bool Initialize(double t, ReadOnlySpan<double> u)
    {
        Evaluate(t, u, Stage(0));
        return AllFinite(Stage(0));
    }

    /// <summary>Computes the stages of a step of size h from (t, u) and writes the propagated solution into <paramref name="uNew"/>.</summary>
    public abstract void Step(double t, ReadOnlySpan<double> u, double h, Span<double> uNew);

    /// <summary>
    /// Scaled RMS error estimate of the last <see cref="Step"/>, with scale sᵢ = atol + rtol·max(|uᵢ|, |u_newᵢ|);
    /// the step is acceptable when the result is ≤ 1. NaN when any stage was non-finite.
    /// </summary>
    public abstract double ErrorNorm(ReadOnlySpan<double> u, ReadOnlySpan<double> uNew, double h, double relativeTolerance, double absoluteTolerance);

    /// <summary>Makes f(t_new, u_new) available (evaluating it unless a stage already holds it); false when not finite.</summary>
    public virtual bool Complete(double tNew, ReadOnlySpan<double> uNew)
    {
        return AllFinite(Stage(EndStage));
    }

    /// <summary>Fills the m·n interpolant coefficients of the accepted step (may evaluate extra stages).</summary>
    public abstract void BuildDense(double t, ReadOnlySpan<double> u, double h, ReadOnlySpan<double> uNew, Span<double> coefficients);

    /// <summary>Moves f(t_new, u_new) into k₁ for the next step (first same as last).</summary>
    public void Advance() => Stage(EndStage).CopyTo(Stage(0));

    /// <summary>Stage derivative kᵢ₊₁ (0-based <paramref name="index"/>).</summary>
    protected Span<double> Stage(int index) => stages.AsSpan(index * Dimension, Dimension);

    /// <summary>True when every entry is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// error / scale, except that an exactly zero error counts as zero even when the scale is zero (atol = 0 and a
    /// component that is exactly zero over the step).
    /// </summary>
    public static double ScaledError(double error, double scale) => error == 0 ? 0 : error / scale;
}

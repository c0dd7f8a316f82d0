namespace TheoryCheck.Models.Xor;

/// <summary>
/// The xor observable vector of a state given its summary statistics, identical for both engines (parameters.md;
/// xor.md §4, §6, §7.3): v[i], mmu[i], mnu[i], Rperp[i,j] (i ≤ j), the population loss and accuracy
/// (<see cref="XorPopulationMetrics"/>) and the number of covered clusters (<see cref="XorCoverage"/>), in the order of
/// <see cref="XorModel.ObservableNames"/>. Exact functions of the statistics at any d (closure, §4), so the simulation
/// evaluates them on its own iterate's statistics. Not thread-safe (scratch buffers): one instance per thread.
/// </summary>
public sealed class XorObservables
{
    private readonly XorPopulationMetrics _metrics;

    /// <summary>Observables of <paramref name="parameters"/> with the population rule <paramref name="rule"/> (default settings when null).</summary>
    public XorObservables(XorParameters parameters, XorPopulationRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _metrics = new XorPopulationMetrics(parameters, rule);
        Names = XorModel.ObservableNames(parameters.Width);
    }

    /// <summary>Model parameters.</summary>
    public XorParameters Parameters { get; }

    /// <summary>Observable names, in the order written by <see cref="Evaluate(XorStatistics, Span{double})"/>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of observables, 3K + K(K+1)/2 + 3.</summary>
    public int Count => Names.Count;

    /// <summary>Index of <c>loss</c>.</summary>
    public int LossIndex => Count - 3;

    /// <summary>Index of <c>accuracy</c>.</summary>
    public int AccuracyIndex => Count - 2;

    /// <summary>Index of <c>covered</c>.</summary>
    public int CoveredIndex => Count - 1;

    /// <summary>The population evaluator (rule names, settings).</summary>
    public XorPopulationMetrics Metrics => _metrics;

    /// <summary>Largest standard error of the loss seen so far.</summary>
    public double LossStandardError { get; private set; }

    /// <summary>Largest standard error of the accuracy seen so far.</summary>
    public double AccuracyStandardError { get; private set; }

    /// <summary>Writes the observable vector of <paramref name="statistics"/> into <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    public void Evaluate(XorStatistics statistics, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (destination.Length != Count) throw new ArgumentException($"destination must have {Count} entries", nameof(destination));
        statistics.Pack(destination[..LossIndex]);
        var value = _metrics.Evaluate(statistics);
        LossStandardError = Math.Max(LossStandardError, value.LossStandardError);
        AccuracyStandardError = Math.Max(AccuracyStandardError, value.AccuracyStandardError);
        destination[LossIndex] = value.Loss;
        destination[AccuracyIndex] = value.Accuracy;
        destination[CoveredIndex] = XorCoverage.Count(statistics);
    }

    /// <summary>The observable vector of <paramref name="statistics"/> (a new array).</summary>
    public double[] Evaluate(XorStatistics statistics)
    {
        var values = new double[Count];
        Evaluate(statistics, values);
        return values;
    }
}

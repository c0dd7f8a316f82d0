using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>
/// Runs of one parameter set over several seeds, recorded at common steps, with seed statistics of χ² and the loss
/// per recorded step (mean, sample standard deviation, standard error of the mean). Runs that diverged contribute
/// only the steps they reached; <see cref="Diverged"/> lists them.
/// </summary>
public sealed class QuadraticEnsemble
{
    internal QuadraticEnsemble(QuadraticParameters parameters, IReadOnlyList<QuadraticRun> runs, double seconds)
    {
        Parameters = parameters;
        Runs = runs;
        Seconds = seconds;
    }

    /// <summary>Parameters simulated.</summary>
    public QuadraticParameters Parameters { get; }

    /// <summary>The runs, in seed order.</summary>
    public IReadOnlyList<QuadraticRun> Runs { get; }

    /// <summary>Wall-clock seconds of the ensemble.</summary>
    public double Seconds { get; }

    /// <summary>The runs that diverged.</summary>
    public IEnumerable<QuadraticRun> Diverged => Runs.Where(r => r.Status.Diverged);

    /// <summary>Seed values of χ² at step <paramref name="step"/> (runs that reached it).</summary>
    public double[] AlignmentAt(long step) => Values(step, r => r.Alignment);

    /// <summary>Seed values of the loss at step <paramref name="step"/>.</summary>
    public double[] LossAt(long step) => Values(step, r => r.Loss);

    /// <summary>(mean, sample sd, standard error) of <paramref name="values"/>; sd and SE are NaN for fewer than 2 values.</summary>
    public static (double Mean, double StandardDeviation, double StandardError) Summary(IReadOnlyList<double> values)
    {
        int n = values.Count;
        if (n == 0) return (double.NaN, double.NaN, double.NaN);
        double mean = values.Sum() / n;
        if (n < 2) return (mean, double.NaN, double.NaN);
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        double sd = Math.Sqrt(ss / (n - 1));
        return (mean, sd, sd / Math.Sqrt(n));
    }

    private double[] Values(long step, Func<QuadraticRun, double[]> select)
    {
        var list = new List<double>(Runs.Count);
        foreach (var run in Runs)
        {
            int i = Array.IndexOf(run.Steps, step);
            if (i >= 0) list.Add(select(run)[i]);
        }
        return list.ToArray();
    }
}

namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// Arguments of <c>theorycheck spectrum MODEL --d D --seed N --t T --matrix hessian|g [--block NAME]
/// [--samples-ratio φ] [--top n] [--data test|train]</c>: run SGD to time T, take M = ⌈φ·d⌉ samples — fresh test
/// samples, or the last M samples SGD used before T (<see cref="Data"/>) — and compute the top eigenpairs of the
/// empirical Hessian or G matrix (β excluded), of one block or the full matrix.
/// </summary>
public sealed record SpectrumRequest(int Dimension, ulong Seed, double Time, string Matrix, string? Block, double SamplesRatio, int Top)
{
    /// <summary>
    /// The work budget in SGD element-updates (<see cref="WorkEstimate"/>) that the adaptive parts — the ODE's step
    /// budget, Lanczos's restarts — are held to (they then end with a recorded fault); null: their own defaults.
    /// </summary>
    public double? WorkBudget { get; init; }

    /// <summary>
    /// "test" (default: M fresh samples, kgmm.md §10, xor.md §9.4) or "train" (the last M samples SGD used up to the
    /// recorded step at T: kgmm.md §14, xor.md §15); a model refuses any other value, and "train" when fewer than M SGD
    /// steps are taken by T, with an <see cref="Models.InputException"/>.
    /// </summary>
    public string Data { get; init; } = DataTest;

    /// <summary>The value of <see cref="Data"/> for fresh test samples.</summary>
    public const string DataTest = "test";

    /// <summary>The value of <see cref="Data"/> for the training window.</summary>
    public const string DataTrain = "train";

    /// <summary>
    /// Checks <see cref="Data"/> and, for "train", that the run has at least M = ⌈φ·d⌉ steps by T: the recorded step
    /// <paramref name="steps"/> = ℓ = ⌊T/δ + ½⌋ with δ = <paramref name="stepSize"/> = c_δ/d (kgmm.md §3, xor.md §3).
    /// Returns whether the training window is asked for. Called before any work.
    /// </summary>
    /// <exception cref="Models.InputException">Another value, or fewer than M steps.</exception>
    public bool WantsTrainingData(long steps, double stepSize, int sampleCount)
    {
        if (Data == DataTest) return false;
        if (Data != DataTrain) throw new Models.InputException($"--data must be test or train (got '{Data}')");
        if (steps < sampleCount)
            throw new Models.InputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--data train needs the last M = ⌈φ·d⌉ = {sampleCount} SGD samples, but at --t {Time:G6} SGD has taken only {steps} steps (δ = {stepSize:G6}): use --t ≥ {sampleCount * stepSize:G6} or a smaller --samples-ratio"));
        return true;
    }
}

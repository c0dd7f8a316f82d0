namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// Where the samples of an empirical kgmm matrix come from (kgmm.md §10 test data; §14 training data, 2310.03010 v2 §8).
/// </summary>
public enum KgmmSampleSource
{
    /// <summary>M fresh test samples, independent of the run's SGD samples (stream <c>kgmm.test</c>).</summary>
    Test,

    /// <summary>The last M samples SGD used up to the state's step (steps ℓ − M + 1 … ℓ of stream <c>kgmm.sgd</c>).</summary>
    Training,
}

namespace TheoryCheck.Simulation.Xor;

/// <summary>Where the samples of an empirical xor matrix come from (xor.md §9.4; 2310.03010 v2 §8 for training data).</summary>
public enum XorSampleSource
{
    /// <summary>M fresh test samples, independent of the run's SGD samples (stream <c>xor.test</c>).</summary>
    Test,

    /// <summary>The last M samples SGD used up to the state's step (steps ℓ − M + 1 … ℓ of stream <c>xor.sgd</c>).</summary>
    Training,
}

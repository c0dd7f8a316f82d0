namespace TheoryCheck.Models.Parameters;

/// <summary>
/// A model's typed parameter record: the one place where its names and validation live. It is read from validated
/// <see cref="ParameterValues"/> (<see cref="FromValues"/>, which adds the cross-parameter checks) and written back
/// (<see cref="ToValues"/>), and the two round-trip: <c>FromValues(p.ToValues()) == p</c>.
/// </summary>
/// <typeparam name="TSelf">The record type.</typeparam>
public interface IModelParameters<TSelf> where TSelf : IModelParameters<TSelf>
{
    /// <summary>Reads and validates the record (throws <see cref="InputException"/> naming the parameter).</summary>
    static abstract TSelf FromValues(ParameterValues values);

    /// <summary>The record as parameter values of its model (every parameter it holds, explicitly).</summary>
    ParameterValues ToValues();
}

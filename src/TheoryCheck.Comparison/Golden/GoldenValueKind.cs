namespace TheoryCheck.Comparison.Golden;

/// <summary>The JSON kind of a golden field.</summary>
public enum GoldenValueKind
{
    /// <summary>A number (NaN and ±∞ included; stored as the strings "NaN", "Infinity", "-Infinity").</summary>
    Number,
    /// <summary>A string, compared exactly.</summary>
    String,
    /// <summary>true or false, compared exactly.</summary>
    Boolean,
    /// <summary>JSON null.</summary>
    Null,
}

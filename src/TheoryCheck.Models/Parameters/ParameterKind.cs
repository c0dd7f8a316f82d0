namespace TheoryCheck.Models.Parameters;

/// <summary>The JSON shape of a model parameter.</summary>
public enum ParameterKind
{
    /// <summary>A whole number (JSON integer).</summary>
    Integer,
    /// <summary>A finite real number.</summary>
    Real,
    /// <summary>A list of finite reals (command line: comma-separated, e.g. <c>0.2,0.3,0.5</c>).</summary>
    RealList,
    /// <summary>One of a fixed set of names.</summary>
    Choice,
}

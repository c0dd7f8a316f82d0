using System.Runtime.CompilerServices;

// The Gaussian tests check internal constants (AS 241 coefficient hash sums, Genz–Keister construction).
[assembly: InternalsVisibleTo("TheoryCheck.Tests")]

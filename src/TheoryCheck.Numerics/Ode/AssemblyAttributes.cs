using System.Runtime.CompilerServices;

// The ODE tests check the Butcher tableaux (order conditions) directly.
[assembly: InternalsVisibleTo("TheoryCheck.Tests")]

using System.Runtime.CompilerServices;

// The fixed-order kernels are tested directly and benchmarked component by component.
[assembly: InternalsVisibleTo("TheoryCheck.Tests")]
[assembly: InternalsVisibleTo("TheoryCheck.Bench")]

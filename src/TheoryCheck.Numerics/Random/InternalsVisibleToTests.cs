using System.Runtime.CompilerServices;

// The Random kernels' internal math (log, sin/cos, path dispatch) is tested directly for accuracy and bit-identity.
[assembly: InternalsVisibleTo("TheoryCheck.Tests")]
[assembly: InternalsVisibleTo("TheoryCheck.Bench")]

using TheoryCheck.Cli;
using TheoryCheck.Cli.Common;

// The theorycheck tool: the command line of TheoryCheck.Cli with the catalogue's models (README, "Command reference").
return CliApp.Run(args, CliIO.Console);

using TheoryCheck.Cli;
using TheoryCheck.Cli.Common;

return CliApp.Run(args, CliIO.Console);

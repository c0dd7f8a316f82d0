using System.CommandLine;
using TheoryCheck.Cli.Commands;
using TheoryCheck.Cli.Common;
using TheoryCheck.Models;

namespace TheoryCheck.Cli;

/// <summary>
/// The <c>theorycheck</c> command (design.md, "Command line"). Exit codes: 0 success (every claim holds),
/// 1 a claim fails or a run diverged, 2 bad input (one line on stderr, nothing written), 3 internal error.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for an unexpected internal error (a bug: please report it).</summary>
    public const int InternalError = 3;

    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Build(CliIO io)
    {
        var root = new RootCommand("TheoryCheck: check theorems about high-dimensional SGD against finite-d runs.");
        root.Subcommands.Add(ModelsCommand.Create(io));
        root.Subcommands.Add(ClaimsCommand.Create(io));
        root.Subcommands.Add(OdeCommand.Create(io));
        root.Subcommands.Add(SgdCommand.Create(io));
        root.Subcommands.Add(SpectrumCommand.Create(io));
        root.Subcommands.Add(RunCommand.Create(io));
        root.Subcommands.Add(MergeCommand.Create(io));
        root.Subcommands.Add(GoldenCommand.Create(io));
        return root;
    }

    /// <summary>
    /// The one entry point of an extension: registers a researcher's own <paramref name="models"/> (each an
    /// <see cref="Comparison.Catalog.IModelBinding"/> with its claims) with the catalogue, then runs the command line, so
    /// <c>ode</c>, <c>sgd</c>, <c>run</c>, <c>golden</c> and the reports cover them like the built-in models
    /// (examples/online-least-squares). Returns the exit code.
    /// </summary>
    public static int Run(string[] args, CliIO io, params Comparison.Catalog.IModelBinding[] models)
    {
        foreach (var model in models)
            if (!Comparison.Catalog.ModelCatalog.All.Any(b => b.Descriptor.Id == model.Descriptor.Id))
                Comparison.Catalog.ModelCatalog.Register(model);
        return Run(args, io);
    }

    /// <summary>Parses and runs <paramref name="args"/>, returning the exit code.</summary>
    public static int Run(string[] args, CliIO io)
    {
        var root = Build(io);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            io.Error.WriteLine($"theorycheck: error: {OneLine(UnknownCommand(root, args) ?? parsed.Errors[0].Message)}");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Unwrap(e) is InputException input)
        {
            io.Error.WriteLine($"theorycheck: error: {OneLine(input.Message)}");
            return BadInput;
        }
        catch (Exception e) when (Unwrap(e) is Comparison.Claims.DivergenceException stopped)
        {
            io.Error.WriteLine($"theorycheck: {stopped.Kind}: {OneLine(stopped.Message)}");
            return 1;
        }
        catch (Exception e)
        {
            io.Error.WriteLine($"theorycheck: internal error: {Unwrap(e).GetType().Name}: {OneLine(Unwrap(e).Message)}");
            return InternalError;
        }
    }

    /// <summary>
    /// "unknown command 'x' (commands: …)" when the first word that is not an option, below a command that has
    /// subcommands, names none of them; "no command given (commands: …)" when a command that needs one got none.
    /// Null otherwise (the parser's own message is then clear).
    /// </summary>
    private static string? UnknownCommand(Command root, string[] args)
    {
        Command command = root;
        foreach (string token in args)
        {
            if (command.Subcommands.Count == 0 || token.StartsWith('-')) return null;
            var next = command.Subcommands.FirstOrDefault(c => c.Name == token || c.Aliases.Contains(token));
            if (next is null)
                return $"unknown command '{token}'{(command == root ? "" : $" for '{Path(root, command)}'")} (commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))})";
            command = next;
        }
        return command.Subcommands.Count > 0 && command.Action is null
            ? $"no command given{(command == root ? "" : $" to '{Path(root, command)}'")} (commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))})"
            : null;
    }

    private static string Path(Command root, Command command) =>
        string.Join(' ', command.Parents.OfType<Command>().Where(p => p != root).Reverse().Select(p => p.Name).Append(command.Name));

    /// <summary>Folds a multi-line message into one line (errors are always exactly one line on stderr).</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0])
        : e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? Unwrap(inner)
        : e;
}

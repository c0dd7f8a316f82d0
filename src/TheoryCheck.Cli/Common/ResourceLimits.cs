using System.CommandLine;
using System.Globalization;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Common;

/// <summary>
/// The limits a command's estimate (<see cref="WorkEstimate"/>) is checked against before any work
/// (docs/design-notes.md §8): a work budget in SGD element-updates — <c>--budget N</c>, else THEORYCHECK_BUDGET, else
/// <see cref="DefaultBudget"/>; <c>unlimited</c> turns the check off — and a memory limit — THEORYCHECK_MEMORY_LIMIT
/// (e.g. <c>12GB</c>), else a third of this machine's memory. A command over either limit exits 2 with one line giving
/// the estimate, the limit and how to raise it.
/// </summary>
public sealed class ResourceLimits
{
    /// <summary>Environment variable of the work budget.</summary>
    public const string BudgetVariable = "THEORYCHECK_BUDGET";

    /// <summary>Environment variable of the memory limit.</summary>
    public const string MemoryVariable = "THEORYCHECK_MEMORY_LIMIT";

    /// <summary>Default work budget: 10¹⁰ element-updates, about 40 s at the reference rate of 2.5·10⁸ per second.</summary>
    public const double DefaultBudget = 1e10;

    /// <summary>Memory of the runtime itself, added to every estimate.</summary>
    public const double BaseMemory = 200e6;

    private const double GiB = 1024.0 * 1024 * 1024;

    private ResourceLimits(double work, string workSource, double memory, string memorySource, double machine)
    {
        Work = work;
        WorkSource = workSource;
        Memory = memory;
        MemorySource = memorySource;
        MachineMemory = machine;
    }

    /// <summary>The work budget in element-updates (+∞: unlimited).</summary>
    public double Work { get; }

    /// <summary>Where the budget came from ("--budget", "THEORYCHECK_BUDGET", "the default").</summary>
    public string WorkSource { get; }

    /// <summary>The memory limit in bytes.</summary>
    public double Memory { get; }

    /// <summary>Where the memory limit came from.</summary>
    public string MemorySource { get; }

    /// <summary>This machine's memory (or the container's limit) in bytes.</summary>
    public double MachineMemory { get; }

    /// <summary>The <c>--budget N</c> option.</summary>
    public static Option<string?> CreateOption() => new("--budget")
    {
        Description = $"Work budget in SGD element-updates checked before the run starts (default {DefaultBudget:G}, about 40 s; or {BudgetVariable}); 'unlimited' turns the check off.",
        HelpName = "N",
    };

    /// <summary>The limits of this command: <paramref name="option"/> (if any) over the environment over the defaults; bad values exit 2.</summary>
    public static ResourceLimits Resolve(ParseResult? result, Option<string?>? option, CliIO io)
    {
        double machine = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (!(machine > 0)) machine = 8 * GiB;
        (double work, string workSource) = (DefaultBudget, "the default");
        if (io.Variable(BudgetVariable) is string fromEnvironment && fromEnvironment.Trim().Length > 0)
            (work, workSource) = (ParseBudget(BudgetVariable, fromEnvironment), BudgetVariable);
        if (option is not null && result?.GetValue(option) is string fromOption)
            (work, workSource) = (ParseBudget("--budget", fromOption), "--budget");
        (double memory, string memorySource) = (machine / 3, "a third of this machine's memory");
        if (io.Variable(MemoryVariable) is string limit && limit.Trim().Length > 0)
        {
            memory = ParseBytes(MemoryVariable, limit);
            if (memory > machine)
                throw new InputException($"{MemoryVariable} = {limit.Trim()} is more than this machine's memory ({Bytes(machine)})");
            memorySource = MemoryVariable;
        }
        return new ResourceLimits(work, workSource, memory, memorySource, machine);
    }

    /// <summary>Limits without a work budget (merge: only cells missing from every shard are computed) and the memory limit of <paramref name="io"/>.</summary>
    public static ResourceLimits MemoryOnly(CliIO io)
    {
        var limits = Resolve(null, null, io);
        return new ResourceLimits(double.PositiveInfinity, "none", limits.Memory, limits.MemorySource, limits.MachineMemory);
    }

    /// <summary>Throws <see cref="InputException"/> (exit 2, one line) when <paramref name="estimate"/> exceeds a limit; null passes (no estimate).</summary>
    /// <param name="what">The run, e.g. "sgd kgmm at d = 500000000".</param>
    /// <param name="estimate">Its estimate.</param>
    /// <param name="admitted">Work admitted regardless of the budget (a claim's own profile), or 0.</param>
    public void Check(string what, WorkEstimate? estimate, double admitted = 0)
    {
        if (estimate is null) return;
        CheckMemory(what, estimate);
        double work = estimate.Work;
        if (double.IsNaN(work) || (work > Work && work > admitted))
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"{what} needs about {Count(work)} SGD element-updates ({WorkEstimate.Duration(work)}), over the work budget of {Count(Work)} ({WorkSource}): pass --budget {Suggest(work)} (or set {BudgetVariable}) to run it, or make it smaller"));
    }

    /// <summary>Throws when <paramref name="estimate"/>'s memory (plus the runtime's) exceeds the memory limit.</summary>
    public void CheckMemory(string what, WorkEstimate estimate)
    {
        double bytes = estimate.MemoryBytes + BaseMemory;
        if (double.IsNaN(bytes) || bytes > Memory)
            throw new InputException(
                $"{what} needs about {Bytes(bytes)} of memory (limit {Bytes(Memory)}: {MemorySource}{(MemorySource == MemoryVariable ? "" : $"; {MemoryVariable} raises it")}; this machine has {Bytes(MachineMemory)})");
    }

    /// <summary>"12 GB", "350 MB" (binary units).</summary>
    public static string Bytes(double bytes) => !double.IsFinite(bytes) ? "more bytes than exist"
        : bytes >= 1024 * GiB * 1024 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / GiB:G3} GB")
        : bytes >= 10 * GiB ? string.Create(CultureInfo.InvariantCulture, $"{bytes / GiB:F0} GB")
        : bytes >= GiB ? string.Create(CultureInfo.InvariantCulture, $"{bytes / GiB:F1} GB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / (1024 * 1024)):F0} MB");

    private static string Count(double units) => double.IsPositiveInfinity(units) ? "unlimited" : !double.IsFinite(units) ? "an unknown number of" : units.ToString("G2", CultureInfo.InvariantCulture);

    /// <summary>A round budget just above <paramref name="work"/> (1, 2 or 5 × 10ⁿ).</summary>
    private static string Suggest(double work)
    {
        if (!double.IsFinite(work) || work > 1e300) return "unlimited";
        double power = Math.Pow(10, Math.Floor(Math.Log10(work)));
        double mantissa = work / power;
        double round = (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
        return round.ToString("G2", CultureInfo.InvariantCulture);
    }

    private static double ParseBudget(string source, string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Equals("unlimited", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
            return double.PositiveInfinity;
        double value = CliNumbers.ParseReal(source, trimmed);
        if (!(value > 0)) throw new InputException($"{source} must be a number of SGD element-updates > 0 or 'unlimited' (got '{trimmed}')");
        return value;
    }

    private static double ParseBytes(string source, string text)
    {
        string trimmed = text.Trim();
        int split = trimmed.Length;
        while (split > 0 && char.IsLetter(trimmed[split - 1])) split--;
        double scale = trimmed[split..].ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1024,
            "M" or "MB" or "MIB" => 1024.0 * 1024,
            "G" or "GB" or "GIB" => GiB,
            "T" or "TB" or "TIB" => GiB * 1024,
            _ => double.NaN,
        };
        if (double.IsNaN(scale) || !double.TryParse(trimmed[..split], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || !(value > 0))
            throw new InputException($"{source} must be a size such as 12GB or 512MB (got '{trimmed}')");
        return value * scale;
    }
}

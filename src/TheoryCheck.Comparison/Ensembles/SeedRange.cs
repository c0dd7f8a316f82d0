using System.Globalization;
using TheoryCheck.Models;

namespace TheoryCheck.Comparison.Ensembles;

/// <summary>An inclusive range of seeds A..B (<c>sgd --seeds 1..32</c>): at least 2 and at most <see cref="MaxCount"/> seeds.</summary>
public sealed record SeedRange
{
    /// <summary>Most seeds one ensemble takes.</summary>
    public const int MaxCount = 100_000;

    private SeedRange(ulong first, ulong last)
    {
        First = first;
        Last = last;
    }

    /// <summary>First seed A.</summary>
    public ulong First { get; }

    /// <summary>Last seed B (≥ A).</summary>
    public ulong Last { get; }

    /// <summary>Number of seeds B − A + 1.</summary>
    public int Count => (int)(Last - First + 1);

    /// <summary>The seeds A, A + 1, …, B.</summary>
    public IReadOnlyList<ulong> Seeds => Enumerable.Range(0, Count).Select(i => First + (ulong)i).ToArray();

    /// <summary>Parses "A..B" (whole numbers in [0, 2⁶⁴ − 1], A &lt; B, at most <see cref="MaxCount"/> seeds); bad text throws <see cref="InputException"/> naming <paramref name="option"/>.</summary>
    public static SeedRange Parse(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        const NumberStyles whole = NumberStyles.None;
        if (dots < 0
            || !ulong.TryParse(text.AsSpan(0, dots).Trim(), whole, CultureInfo.InvariantCulture, out ulong first)
            || !ulong.TryParse(text.AsSpan(dots + 2).Trim(), whole, CultureInfo.InvariantCulture, out ulong last))
            throw new InputException($"{option} must be a range A..B of whole numbers in [0, 18446744073709551615], e.g. 1..32 (got '{text}')");
        if (last <= first)
            throw new InputException($"{option} {text}: the last seed must be greater than the first (an ensemble needs at least 2 seeds; for one run use --seed)");
        if (last - first >= MaxCount)
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{option} {text} is {(last - first) + 1:N0} seeds: at most {MaxCount:N0}"));
        return new SeedRange(first, last);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}..{Last}");
}

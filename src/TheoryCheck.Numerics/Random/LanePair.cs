namespace TheoryCheck.Numerics.Random;

/// <summary>Two independent vectors handled as one wider lane set (see <see cref="PairedLanes{TInner, TBits, TReal}"/>).</summary>
internal readonly struct LanePair<T>(T first, T second)
    where T : struct
{
    public readonly T First = first;
    public readonly T Second = second;
}

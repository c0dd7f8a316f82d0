using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TheoryCheck.Numerics.Kernels;

/// <summary>
/// A managed, pinned array of doubles whose usable part starts on a 64-byte boundary and whose rows (if any) are
/// padded to a multiple of 8 doubles, so every row starts on a cache-line boundary and 512-bit loads never split
/// a line. Garbage-collected like any array (pinned object heap); no disposal needed.
/// </summary>
public sealed class AlignedBuffer
{
    private const int Alignment = 64;
    private readonly double[] _storage;
    private readonly int _offset;

    /// <summary><paramref name="rows"/> rows of <paramref name="rowLength"/> doubles, zero-initialised.</summary>
    public AlignedBuffer(int rows, int rowLength)
    {
        if (rows < 1 || rowLength < 1) throw new ArgumentException("rows and row length must be ≥ 1");
        Rows = rows;
        RowLength = rowLength;
        Stride = (rowLength + 7) & ~7;
        long length = (long)rows * Stride + Alignment / sizeof(double);
        if (length > Array.MaxLength) throw new ArgumentException("buffer too large");
        _storage = GC.AllocateArray<double>((int)length, pinned: true);
        unsafe
        {
            nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
            _offset = (int)(((Alignment - (address % Alignment)) % Alignment) / sizeof(double));
        }
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Usable length of a row.</summary>
    public int RowLength { get; }

    /// <summary>Distance between row starts (a multiple of 8 doubles).</summary>
    public int Stride { get; }

    /// <summary>Row <paramref name="index"/> (length <see cref="RowLength"/>).</summary>
    public Span<double> Row(int index) => _storage.AsSpan(_offset + index * Stride, RowLength);

    /// <summary>All rows including the padding (length Rows·Stride); padding entries stay 0 unless written.</summary>
    public Span<double> All => _storage.AsSpan(_offset, Rows * Stride);

    /// <summary>Reference to the first element of row 0.</summary>
    public ref double Start => ref _storage[_offset];
}

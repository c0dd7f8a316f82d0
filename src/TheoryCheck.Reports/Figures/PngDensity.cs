using System.Buffers.Binary;
using System.Text;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Adds a pHYs chunk (pixels per metre) to a PNG so that viewers and typesetters size it physically
/// (Skia's encoder writes none). The chunk goes right after IHDR, as the PNG specification requires it
/// before the image data.
/// </summary>
internal static class PngDensity
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] WithDpi(byte[] png, double dpi)
    {
        const int ihdrEnd = 8 + 4 + 4 + 13 + 4;
        if (png.Length < ihdrEnd || Encoding.ASCII.GetString(png, 12, 4) != "IHDR")
            throw new InvalidOperationException("not a PNG produced by Skia (IHDR expected first)");
        uint perMetre = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[4 + 4 + 9 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(0), 9);
        Encoding.ASCII.GetBytes("pHYs").CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), perMetre);
        chunk[16] = 1; // unit: metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc(chunk.AsSpan(4, 13)));
        var output = new byte[png.Length + chunk.Length];
        png.AsSpan(0, ihdrEnd).CopyTo(output);
        chunk.CopyTo(output, ihdrEnd);
        png.AsSpan(ihdrEnd).CopyTo(output.AsSpan(ihdrEnd + chunk.Length));
        return output;
    }

    /// <summary>CRC-32 (ISO 3309, polynomial 0xEDB88320) as used by PNG chunks.</summary>
    internal static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}

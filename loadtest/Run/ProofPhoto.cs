using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// Small, valid PNG photos made in code (a 32 x 24 gradient tinted by a seed), so every report or
/// proof of work carries real image bytes without shipping files.
/// </summary>
internal static class ProofPhoto
{
    private const int Width = 32;
    private const int Height = 24;
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Png(int seed)
    {
        var raw = new byte[Height * (1 + (Width * 3))];
        for (var y = 0; y < Height; y++)
        {
            var row = y * (1 + (Width * 3));
            for (var x = 0; x < Width; x++)
            {
                raw[row + 1 + (x * 3)] = (byte)(x * 8);
                raw[row + 2 + (x * 3)] = (byte)(y * 10);
                raw[row + 3 + (x * 3)] = (byte)(seed * 37);
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8;
        header[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc(typed));
        png.Write(number);
    }

    private static uint Crc(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

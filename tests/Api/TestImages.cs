namespace TangerangLive.Tests.Api;

/// <summary>Bytes that pass (or fail) the magic-byte image check.</summary>
public static class TestImages
{
    public static byte[] Png(int size = 256)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Jpeg(int size = 256)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }

    /// <summary>A text file a client renamed to .jpg.</summary>
    public static byte[] FakeJpeg() => "this is not a picture, just text renamed to .jpg"u8.ToArray();
}

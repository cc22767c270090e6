using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TangerangLive.Api.Reports;

/// <summary>Where photos live (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for report and proof photos; relative paths are under the working directory.</summary>
    public string PhotoDirectory { get; set; } = "data/photos";
}

/// <summary>
/// Report and proof photos on disk, named by the SHA-256 of their bytes (so a retried upload stores
/// nothing new), checked by their magic bytes: JPEG, PNG or WebP only.
/// </summary>
public sealed class PhotoStore(IOptions<StorageOptions> options)
{
    public const int MaxPhotos = 3;
    public const long MaxPhotoBytes = 5 * 1024 * 1024;
    public const string ReferencePrefix = "photos/";

    private string Root => Path.GetFullPath(options.Value.PhotoDirectory);

    /// <summary>The image type by magic bytes, or null when the bytes are not a JPEG, PNG or WebP image.</summary>
    public static string? ExtensionOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ".jpg";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ".png";
        }

        return bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? ".webp" : null;
    }

    /// <summary>The reference a photo will be stored under ("photos/HASH.ext").</summary>
    public static string ReferenceOf(byte[] bytes) =>
        ReferencePrefix + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant() + ExtensionOf(bytes);

    /// <summary>Writes the photo unless it is already there; true when this call created the file.</summary>
    public async Task<bool> SaveAsync(string reference, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = PathOf(reference) ?? throw new ArgumentException("Not a photo reference.", nameof(reference));
        if (File.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(Root);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return true;
    }

    public void Delete(string reference)
    {
        if (PathOf(reference) is { } path)
        {
            File.Delete(path);
        }
    }

    /// <summary>The file of a reference, or null when the name is not one of ours.</summary>
    public string? PathOf(string reference)
    {
        var name = reference.StartsWith(ReferencePrefix, StringComparison.Ordinal) ? reference[ReferencePrefix.Length..] : reference;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var valid = dot == 64 && name[..dot].All(char.IsAsciiHexDigitLower) && name[dot..] is ".jpg" or ".png" or ".webp";
        return valid ? Path.Combine(Root, name) : null;
    }

    public static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };
}

using System.Text;

namespace TangerangLive.Api.Problems;

/// <summary>
/// The one rule for text from callers: no control characters (a multi-line text may hold tab, line
/// feed and carriage return) and no unpaired UTF-16 surrogates, so nothing downstream (PostgreSQL,
/// logs, CSV, browsers) chokes on it.
/// </summary>
public static class CleanText
{
    public const string Message = "Contains control characters or invalid Unicode.";

    /// <summary>True when <paramref name="text"/> is null or clean.</summary>
    public static bool IsClean(string? text, bool multiLine = false)
    {
        if (text is null)
        {
            return true;
        }

        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            if (Rune.IsControl(rune) && !(multiLine && rune.Value is '\t' or '\n' or '\r'))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    /// <summary>Adds an error naming <paramref name="field"/> when its text is not clean; true when clean.</summary>
    public static bool CheckText(this ValidationErrors errors, string field, string? text, bool multiLine = false)
    {
        if (IsClean(text, multiLine))
        {
            return true;
        }

        errors.Add(field, Message);
        return false;
    }
}

namespace TangerangLive.Silo.Database;

/// <summary>Who this process runs as.</summary>
internal static class ProcessUser
{
    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
}

namespace TangerangLive.Grains;

/// <summary>Names of the Orleans providers every silo registers.</summary>
public static class StorageNames
{
    /// <summary>The ADO.NET grain storage on PostgreSQL.</summary>
    public const string Grains = "tl-grains";
}

namespace TangerangLive.Grains.City;

/// <summary>Opens the city data files embedded in this assembly (logical names TangerangLive.City.*).</summary>
internal static class EmbeddedData
{
    public static Stream Open(string logicalName) =>
        typeof(EmbeddedData).Assembly.GetManifestResourceStream(logicalName)
        ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing from {typeof(EmbeddedData).Assembly.GetName().Name}.");
}

namespace TangerangLive.Api;

/// <summary>Marker for the API assembly.</summary>
public sealed class ApiAssembly;

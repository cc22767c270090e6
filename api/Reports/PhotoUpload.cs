namespace TangerangLive.Api.Reports;

/// <summary>A photo as received, before it is checked and stored.</summary>
public sealed record PhotoUpload(string Field, byte[] Bytes);

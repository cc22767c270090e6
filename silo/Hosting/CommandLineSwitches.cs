namespace TangerangLive.Silo.Hosting;

/// <summary>Short command-line switches for the settings people change most.</summary>
public static class CommandLineSwitches
{
    public static IReadOnlyDictionary<string, string> Map { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--http-port"] = "Silo:HttpPort",
        ["--silo-port"] = "Silo:SiloPort",
        ["--gateway-port"] = "Silo:GatewayPort",
        ["--cluster-id"] = "Silo:ClusterId",
        ["--service-id"] = "Silo:ServiceId",
        ["--connection-string"] = "ConnectionStrings:Postgres",
        ["--data-dir"] = "Database:Embedded:DataDirectory",
        ["--log-dir"] = "Silo:LogDirectory",
    };
}

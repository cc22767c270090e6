namespace TangerangLive.Api.Reports;

/// <summary>How a report reached the city: the lower-case names stored on reports and shown in the Live Room.</summary>
public static class ReportChannels
{
    public const string App = "app";
    public const string Web = "web";
    public const string Open311 = "open311";
    public const string CallCentre = "call-centre";
    public const string Emergency112 = "112";
    public const string Sms = "sms";
    public const string Twitter = "twitter";
    public const string Facebook = "facebook";
    public const string WhatsApp = "whatsapp";

    public static IReadOnlyList<string> All { get; } = [App, Web, Open311, CallCentre, Emergency112, Sms, Twitter, Facebook, WhatsApp];

    /// <summary>The channels an operator enters a report for: a call, a 112 call or a text message.</summary>
    public static IReadOnlyList<string> Operator { get; } = [CallCentre, Emergency112, Sms];
}

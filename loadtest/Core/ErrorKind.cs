using System.Net;
using System.Net.Sockets;

namespace TangerangLive.LoadTest.Core;

/// <summary>Short, stable names for what went wrong, used as error kinds in <see cref="OperationStats"/>.</summary>
public static class ErrorKind
{
    public const string Timeout = "timeout";
    public const string Socket = "socket";

    /// <summary>"http-503" and so on.</summary>
    public static string Of(HttpStatusCode status) => $"http-{(int)status}";

    /// <summary>timeout, socket, http-NNN, or the exception's type name.</summary>
    public static string Of(Exception exception) => exception switch
    {
        TaskCanceledException or TimeoutException => Timeout,
        HttpRequestException { StatusCode: { } status } => Of(status),
        HttpRequestException { InnerException: SocketException or IOException } => Socket,
        HttpRequestException => "http-request",
        SocketException or IOException => Socket,
        _ => exception.GetType().Name,
    };
}

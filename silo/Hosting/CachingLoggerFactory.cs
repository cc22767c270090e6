using System.Collections.Concurrent;

namespace TangerangLive.Silo.Hosting;

/// <summary>
/// Remembers one logger per category in front of Serilog's logger factory, which builds a new logger (with its own
/// event-id property cache) on every <see cref="ILoggerFactory.CreateLogger"/>. ASP.NET Core asks for loggers per
/// request (each authentication handler and each typed result creates one), so on the heartbeat path those loggers
/// were about 7 % of all bytes allocated. Microsoft's own factory caches by category in the same way.
/// </summary>
public sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, static (name, factory) => factory.CreateLogger(name), inner);

    public void AddProvider(ILoggerProvider provider)
    {
        inner.AddProvider(provider);
        _loggers.Clear();
    }

    public void Dispose() => inner.Dispose();
}

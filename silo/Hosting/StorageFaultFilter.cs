using System.Data.Common;
using Orleans.Storage;

namespace TangerangLive.Silo.Hosting;

/// <summary>
/// A grain whose state write failed may hold a change in memory that storage never took (a report that
/// "exists" only in this activation, an officer "holding" an offer nobody saved). When a call fails with a
/// storage fault, the activation is dropped, so the next call re-reads what storage really holds; the
/// caller sees the fault (the API answers 503 and the client retries).
/// </summary>
public sealed partial class StorageFaultFilter(ILogger<StorageFaultFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (IsStorageFault(ex))
        {
            LogDropped(logger, context.TargetId.ToString(), context.InterfaceMethod?.Name ?? "?", ex);
            // The reason carries no exception: Orleans rejects the calls already queued for a deactivation caused by an
            // exception with that exception, so a read arriving just after the fault (GET /api/me) got the same 503.
            // Without it they are forwarded to a fresh activation, which re-reads storage. The fault is logged above.
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A state write failed; the activation may hold changes storage does not."));
            throw;
        }
    }

    /// <summary>A storage write that did not land: a database error, a timeout, or a version conflict.</summary>
    public static bool IsStorageFault(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException or InconsistentStateException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain {GrainId} dropped after a storage fault in {Method}; it re-reads storage on its next call")]
    private static partial void LogDropped(ILogger logger, string grainId, string method, Exception exception);
}

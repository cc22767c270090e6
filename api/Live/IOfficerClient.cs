using TangerangLive.Grains.Live;

namespace TangerangLive.Api.Live;

/// <summary>What the officer hub pushes to one officer's SIGAP app.</summary>
public interface IOfficerClient
{
    Task Assignment(AssignmentPushed push);
}

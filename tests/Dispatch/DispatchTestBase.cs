using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>A fresh dispatch cluster per test, on the class's PostgreSQL database.</summary>
public abstract class DispatchTestBase(DispatchDatabase database) : IClassFixture<DispatchDatabase>, IAsyncLifetime
{
    protected DispatchCluster Engine { get; private set; } = null!;

    protected CityScenario Scenario => Engine.Scenario;

    /// <summary>This test class's own database (tests that hold its tables reach it directly).</summary>
    protected string ConnectionString => database.ConnectionString;

    protected IGrainFactory Grains => Engine.Grains;

    protected static OperatorAction Operator(string reason) => new("operator-ani", reason);

    public async Task InitializeAsync() => Engine = await DispatchCluster.StartAsync(database.ConnectionString);

    public async Task DisposeAsync() => await Engine.DisposeAsync();

    /// <summary>Waits for the report's next published change that satisfies the condition.</summary>
    protected Task<ComplaintChanged> WaitForReportAsync(string complaintId, string status, TimeSpan? timeout = null) =>
        Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == complaintId && c.Status == status, $"report {complaintId} to become {status}", timeout);

    protected async Task<ComplaintSnapshot> ReportAsync(IComplaintGrain grain) => (await grain.GetAsync())!;
}

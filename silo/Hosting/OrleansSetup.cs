using System.Net;
using Orleans.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using TangerangLive.Grains;

namespace TangerangLive.Silo.Hosting;

/// <summary>Orleans in this process: clustering, grain storage and reminders on PostgreSQL, the dashboard.</summary>
public static class OrleansSetup
{
    public const string AdoNetInvariant = "Npgsql";

    public static WebApplicationBuilder AddTangerangOrleans(this WebApplicationBuilder builder, SiloHostOptions silo, string connectionString)
    {
        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = silo.ClusterId;
                o.ServiceId = silo.ServiceId;
            });
            orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
            orleans.Configure<ClusterMembershipOptions>(o =>
            {
                // Fast enough that a dead silo's grains come back within seconds, not minutes.
                o.ProbeTimeout = TimeSpan.FromSeconds(silo.ProbeTimeoutSeconds);
                o.NumMissedProbesLimit = 3;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
            // Where grains on other silos live: 100,000 entries by default here instead of Orleans' 1,000,000, whose
            // pre-sized dictionary is a 9 MB array of buckets that each metrics scrape walks (2-3 % of the silo's CPU under
            // load with 10,000 officers, docs/benchmarks.md, session 6). Entries past it are looked up again when needed.
            orleans.Configure<GrainDirectoryOptions>(o => o.CacheSize = silo.DirectoryCacheSize);
            orleans.UseAdoNetClustering(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
            orleans.AddTangerangPersistence(connectionString);
            orleans.AddDashboard();
        });
        return builder;
    }

    /// <summary>Grain storage and reminders on PostgreSQL, under the names the grains use.</summary>
    public static ISiloBuilder AddTangerangPersistence(this ISiloBuilder orleans, string connectionString)
    {
        // State is written with the Orleans serializer (version-tolerant by [Id]), so private fields and
        // immutable collections of the state classes survive, which a JSON serializer would drop.
        orleans.AddAdoNetGrainStorage(StorageNames.Grains, (OptionsBuilder<AdoNetGrainStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        orleans.AddIncomingGrainCallFilter<StorageFaultFilter>();

        // Open reports are watched every 20 s (Dispatch:WatchPeriodSeconds, at least 5), so a report stranded by a
        // dead silo moves within seconds of its deadline.
        orleans.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(5));
        orleans.UseAdoNetReminderService(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
        return orleans;
    }
}

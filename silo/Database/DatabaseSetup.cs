using Npgsql;
using Serilog.Extensions.Logging;
using TangerangLive.Api.Auth;
using TangerangLive.Silo.Hosting;

namespace TangerangLive.Silo.Database;

/// <summary>
/// Finds the database (configured, or the private embedded one), brings its schema up to date, and
/// registers a data source for the project's own tables.
/// </summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>Resolves the connection string; returns the embedded server when this silo started one.</summary>
    public static async Task<EmbeddedPostgres?> AddTangerangDatabaseAsync(this WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        using var loggerFactory = new SerilogLoggerFactory(Serilog.Log.Logger);
        var logger = loggerFactory.CreateLogger(typeof(DatabaseSetup).FullName!);

        EmbeddedPostgres? embedded = null;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var options = ConfigurationCheck.BindAndValidate<EmbeddedPostgresOptions>(builder.Configuration, EmbeddedPostgresOptions.Section);
            embedded = await EmbeddedPostgres.StartAsync(options, logger, cancellationToken);
            connectionString = embedded.ConnectionString;
            builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = connectionString;
            builder.Configuration[AuthBootstrap.EmbeddedDatabaseKey] = "true";
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidConfigurationException($"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string: {ex.Message}", ex);
            }
        }

        try
        {
            await new MigrationRunner(loggerFactory.CreateLogger<MigrationRunner>()).ApplyAsync(connectionString, cancellationToken);
        }
        catch
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }

            throw;
        }

        // The grains' storage, reminders and clustering, and the silo's own tables, share the tuned pools; the
        // migrations above ran on the string as configured (they hold a session lock).
        var pooled = ConnectionTuning.ForPools(connectionString);
        builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = pooled;
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(pooled));
        return embedded;
    }
}

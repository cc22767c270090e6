using System.Globalization;
using Npgsql;
using TangerangLive.Silo.Database;
using TangerangLive.Silo.Hosting;
using TangerangLive.Silo.Storage;

namespace TangerangLive.Silo.Commands;

/// <summary>
/// <c>TangerangLive.Silo verify-attendance [--officer ID] [--from yyyy-MM-dd] [--to yyyy-MM-dd]</c>:
/// proves each officer's chain of sealed attendance days. Exit code 0 when every chain holds, 1 when one is broken.
/// </summary>
public static class VerifyAttendanceCommand
{
    public const string Name = "verify-attendance";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args[1..]);
        builder.Configuration.AddCommandLine(args[1..], CommandLineSwitches.Map.Concat(new Dictionary<string, string>
        {
            ["--officer"] = "Verify:Officer",
            ["--from"] = "Verify:From",
            ["--to"] = "Verify:To",
        }).ToDictionary());
        await using var database = await builder.AddTangerangDatabaseAsync();
        var connectionString = builder.Configuration.GetConnectionString(DatabaseSetup.ConnectionStringName)!;
        var from = ParseDay(builder.Configuration["Verify:From"]) ?? new DateOnly(2000, 1, 1);
        var to = ParseDay(builder.Configuration["Verify:To"]) ?? new DateOnly(2100, 1, 1);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var results = await new PostgresAttendanceStore(dataSource).VerifyAsync(from, to, builder.Configuration["Verify:Officer"]);
        foreach (var result in results)
        {
            Console.WriteLine(result.Valid
                ? $"OK      {result.OfficerId}: {result.Days} sealed days, chain intact"
                : $"BROKEN  {result.OfficerId}: at {result.BrokenDay:yyyy-MM-dd}: {result.Reason}");
        }

        var broken = results.Count(r => !r.Valid);
        Console.WriteLine($"{results.Count} officers checked, {results.Sum(r => r.Days)} days, {broken} broken chains");
        return broken == 0 ? 0 : 1;
    }

    private static DateOnly? ParseDay(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Observability;
using TangerangLive.Api.Problems;
using TangerangLive.Grains;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Attendance;

/// <summary>Attendance for supervisors and payroll: sealed days, the monthly recap and its CSV, chain checks.</summary>
public static class AttendanceApi
{
    /// <summary>Years attendance can be asked about; outside them a date is a typo or a probe (and 9999-12 has no next month).</summary>
    private const int FirstYear = 1900;
    private const int LastYear = 2999;

    public static RouteGroupBuilder MapAttendanceApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/attendance").WithTags("Attendance").RequireAuthorization(Policies.Supervise);
        group.MapGet("/officers/{officerId}/days/{day}", GetDay);
        group.MapGet("/days/{day}", GetDays);
        group.MapGet("/recap/{month}", GetRecap);
        group.MapGet("/recap/{month}/csv", GetRecapCsv);
        group.MapPost("/officers/{officerId}/close", CloseDays);
        group.MapGet("/verify", Verify);
        routes.MapGet("/api/attendance-board", AttendanceBoard.GetAsync).WithTags("Attendance").RequireAuthorization(Policies.StaffRead)
            .WithScreen(AttendanceBoard.Screen);
        routes.MapGet("/api/me/attendance/{day}", GetMyDay).WithTags("Officers").RequireAuthorization(Policies.FieldOfficer);
        return group;
    }

    private static async Task<Results<Ok<AttendanceDayView>, NotFound, ValidationProblem>> GetDay(string officerId, string day, IAttendanceStore store)
    {
        if (!OfficerKey.IsValidId(officerId))
        {
            return Invalid("officerId", "Officer id must be 1-64 letters, digits, '.', '_' or '-'.");
        }

        if (ParseDay(day) is not { } date)
        {
            return Invalid("day", "Day must be yyyy-MM-dd, in the years 1900-2999.");
        }

        var found = (await store.ReadAsync(date, date, officerId)).SingleOrDefault();
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(AttendanceDayView.From(found));
    }

    private static async Task<Results<Ok<AttendanceDayView>, NotFound, ValidationProblem>> GetMyDay(string day, ClaimsPrincipal user, IAttendanceStore store) =>
        await GetDay(user.FindFirstValue(UserClaims.OfficerId)!, day, store);

    private static async Task<Results<Ok<List<AttendanceDayView>>, ValidationProblem>> GetDays(string day, string? agency, IAttendanceStore store)
    {
        if (!CleanText.IsClean(agency))
        {
            return Invalid("agency", CleanText.Message);
        }

        if (ParseDay(day) is not { } date)
        {
            return Invalid("day", "Day must be yyyy-MM-dd, in the years 1900-2999.");
        }

        return TypedResults.Ok((await store.ReadAsync(date, date, null, agency)).Select(AttendanceDayView.From).ToList());
    }

    private static async Task<Results<Ok<HonorariumRecap>, ValidationProblem>> GetRecap(string month, string? agency, IAttendanceStore store, IOfficerDirectory directory, CityModel city)
    {
        if (!CleanText.IsClean(agency))
        {
            return Invalid("agency", CleanText.Message);
        }

        if (ParseMonth(month) is not { } payroll)
        {
            return Invalid("month", "Month must be yyyy-MM, in the years 1900-2999.");
        }

        var recap = await BuildRecapAsync(payroll, store, directory, city);
        return TypedResults.Ok(agency is null ? recap : recap.ForAgency(agency));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> GetRecapCsv(string month, string? agency, IAttendanceStore store, IOfficerDirectory directory, CityModel city)
    {
        if (!CleanText.IsClean(agency))
        {
            return Invalid("agency", CleanText.Message);
        }

        if (ParseMonth(month) is not { } payroll)
        {
            return Invalid("month", "Month must be yyyy-MM, in the years 1900-2999.");
        }

        var recap = await BuildRecapAsync(payroll, store, directory, city);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HonorariumCsv.Write(writer, recap, agency);
        var name = $"honorarium-{month}{(agency is null ? string.Empty : "-" + agency)}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", name);
    }

    private static async Task<Results<Ok<List<AttendanceDayView>>, NotFound>> CloseDays(string officerId, IGrainFactory grains)
    {
        if (!OfficerKey.IsValidId(officerId) || await grains.Officer(officerId).GetAsync() is null)
        {
            return TypedResults.NotFound();
        }

        var closed = await grains.Officer(officerId).CloseAttendanceAsync();
        return TypedResults.Ok(closed.Select(AttendanceDayView.From).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<AttendanceVerification>>, ValidationProblem>> Verify(string? officer, string? from, string? to, IAttendanceStore store)
    {
        var start = from is null ? new DateOnly(2000, 1, 1) : ParseDay(from);
        var end = to is null ? new DateOnly(2100, 1, 1) : ParseDay(to);
        if (start is null || end is null)
        {
            return Invalid(start is null ? "from" : "to", "Dates must be yyyy-MM-dd, in the years 1900-2999.");
        }

        if (!CleanText.IsClean(officer))
        {
            return Invalid("officer", CleanText.Message);
        }

        return TypedResults.Ok(await store.VerifyAsync(start.Value, end.Value, officer));
    }

    /// <summary>The month's recap over every officer on the roster and every sealed day.</summary>
    public static async Task<HonorariumRecap> BuildRecapAsync(PayrollMonth month, IAttendanceStore store, IOfficerDirectory directory, CityModel city)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var days = await store.ReadAsync(first, first.AddMonths(1).AddDays(-1));
        var roster = (await directory.ListAsync()).ToDictionary(o => o.OfficerId, o => new PayeeInfo(o.Name, o.Agency));
        return HonorariumRecap.Build(month, days.Select(d => d.Record), id => roster.GetValueOrDefault(id), city.Definition.Attendance.HonorariumDailyRateIdr);
    }

    private static DateOnly? ParseDay(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= FirstYear and <= LastYear ? day : null;

    private static PayrollMonth? ParseMonth(string text) =>
        ParseDay(text + "-01") is { } day ? new PayrollMonth(day.Year, day.Month) : null;

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

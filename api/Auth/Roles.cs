namespace TangerangLive.Api.Auth;

/// <summary>The roles an account can have, and the policies built from them.</summary>
public static class Roles
{
    public const string Citizen = "citizen";
    public const string Officer = "officer";
    public const string Operator = "operator";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Citizen, Officer, Operator, Supervisor, Admin, Viewer];

    /// <summary>Command-centre staff who act on reports.</summary>
    public static bool IsOperator(string? role) => role is Operator or Supervisor or Admin;

    /// <summary>Command-centre staff who may see everything.</summary>
    public static bool IsStaff(string? role) => IsOperator(role) || role is Viewer;
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Anyone who may file a report: citizens, and operators on behalf of callers.</summary>
    public const string Reporter = "reporter";

    /// <summary>A field officer acting as themself.</summary>
    public const string FieldOfficer = "field-officer";

    /// <summary>Operators, supervisors, admins and viewers: read everything.</summary>
    public const string StaffRead = "staff-read";

    /// <summary>Operators, supervisors and admins: override reports and dispatch.</summary>
    public const string Operate = "operate";

    /// <summary>Supervisors and admins: attendance, payroll and chain checks.</summary>
    public const string Supervise = "supervise";

    public const string Admin = "admin";
}

namespace TangerangLive.Silo.Database;

/// <summary>
/// The account PostgreSQL runs under. PostgreSQL refuses to run as root, so a root silo runs the
/// server programs as an ordinary user through setpriv; any other user runs them directly.
/// </summary>
internal sealed class ServerAccount
{
    private readonly string? _user;
    private readonly string? _group;

    private ServerAccount(string? user, string? group)
    {
        _user = user;
        _group = group;
    }

    public static async Task<ServerAccount> ResolveAsync(string runAsUser, CancellationToken cancellationToken)
    {
        if (!ProcessUser.IsRoot)
        {
            return new ServerAccount(null, null);
        }

        var group = await CommandRunner.RunAsync(["id", "-gn", runAsUser], cancellationToken);
        if (!group.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"The silo runs as root, and PostgreSQL refuses to run as root, so it runs the private server as " +
                $"user '{runAsUser}', which does not exist. Create it (useradd --system {runAsUser}), set " +
                "Database:Embedded:RunAsUser to an existing unprivileged user, or run the silo as an ordinary user.");
        }

        return new ServerAccount(runAsUser, group.Output.Trim());
    }

    /// <summary>The command line that runs <paramref name="command"/> under this account.</summary>
    public IReadOnlyList<string> Wrap(params string[] command) =>
        _user is null
            ? command
            : ["setpriv", $"--reuid={_user}", $"--regid={_group}", "--init-groups", .. command];

    /// <summary>Gives the account ownership of a folder it must write to.</summary>
    public async Task TakeOwnershipAsync(string path, CancellationToken cancellationToken)
    {
        if (_user is null)
        {
            return;
        }

        var result = await CommandRunner.RunAsync(["chown", $"{_user}:{_group}", path], cancellationToken);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException($"Could not hand {path} to user {_user}: {result.Output.Trim()}");
        }
    }
}

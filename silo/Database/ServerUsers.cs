using System.Globalization;

namespace TangerangLive.Silo.Database;

/// <summary>
/// The <c>users</c> file beside a private PostgreSQL: the process ids of the silos using it, one a line. Changes
/// take an exclusive lock file, drop ids of processes that are gone, and replace the file atomically, so the
/// watchdog shell reading it never sees half a list.
/// </summary>
internal sealed class ServerUsers(string path)
{
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(10);

    public string Path { get; } = path;

    /// <summary>Lists <paramref name="pid"/> as a user.</summary>
    public void Add(int pid) => Update(live => live.Add(pid));

    /// <summary>Removes <paramref name="pid"/>; returns the live users left.</summary>
    public IReadOnlyList<int> Remove(int pid)
    {
        IReadOnlyList<int> left = [];
        Update(live =>
        {
            live.Remove(pid);
            left = [.. live];
        });
        return left;
    }

    /// <summary>The listed processes that are alive, other than <paramref name="except"/>.</summary>
    public IReadOnlyList<int> Alive(int except) => [.. Read().Where(p => p != except && EmbeddedPostgres.IsAlive(p))];

    private void Update(Action<SortedSet<int>> change)
    {
        using var gate = Lock();
        var live = new SortedSet<int>(Read().Where(EmbeddedPostgres.IsAlive));
        change(live);
        var next = Path + ".next";
        File.WriteAllLines(next, live.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        File.Move(next, Path, overwrite: true);
    }

    private IEnumerable<int> Read() => File.Exists(Path)
        ? File.ReadAllLines(Path).Select(l => int.TryParse(l.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : 0).Where(p => p > 0).ToList()
        : [];

    private FileStream Lock()
    {
        var deadline = DateTime.UtcNow + LockPatience;
        while (true)
        {
            try
            {
                return new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}

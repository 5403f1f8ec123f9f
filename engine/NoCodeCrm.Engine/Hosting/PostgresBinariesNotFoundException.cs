namespace NoCodeCrm.Engine.Hosting;

/// <summary>
/// The PostgreSQL server binaries the embedded cluster needs are not on this machine.
/// The message says how to install them.
/// </summary>
public sealed class PostgresBinariesNotFoundException : Exception
{
    public PostgresBinariesNotFoundException()
        : this([])
    {
    }

    public PostgresBinariesNotFoundException(string message)
        : base(message)
    {
        SearchedDirectories = [];
    }

    public PostgresBinariesNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        SearchedDirectories = [];
    }

    internal PostgresBinariesNotFoundException(IReadOnlyList<string> searchedDirectories)
        : base(BuildMessage(searchedDirectories))
    {
        SearchedDirectories = searchedDirectories;
    }

    /// <summary>The folders that were searched, in order.</summary>
    public IReadOnlyList<string> SearchedDirectories { get; }

    private static string BuildMessage(IReadOnlyList<string> searched)
    {
        var where = searched.Count == 0 ? "no folder to search" : string.Join(", ", searched);
        return $"PostgreSQL 15 server binaries were not found (looked in {where}). "
            + "Install them with: apt-get update && apt-get install -y postgresql  "
            + "— or set ConnectionStrings:Crm to use an existing server.";
    }
}

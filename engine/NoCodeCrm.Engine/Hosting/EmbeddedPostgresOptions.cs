namespace NoCodeCrm.Engine.Hosting;

/// <summary>Where and how <see cref="EmbeddedPostgres"/> keeps its private cluster.</summary>
public sealed record EmbeddedPostgresOptions
{
    /// <summary>
    /// Folder owned by the embedded server: the cluster lives in <c>pgdata/</c> inside it, next to
    /// <c>postgres.log</c> and the unix socket folder <c>socket/</c>. Created if missing.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// Folder with <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>. When null or without those
    /// binaries, <c>/usr/lib/postgresql/15/bin</c> and then <c>pg_config --bindir</c> are tried.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>
    /// False turns off fsync, synchronous commit and full page writes: fast, and a crash of the
    /// machine can corrupt the cluster. For throwaway test clusters only.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>The database created (if missing) at start and named by the connection string.</summary>
    public string Database { get; init; } = "crm";

    /// <summary>
    /// Whether to look beyond <see cref="BinDirectory"/> for the binaries. Off only in tests that
    /// need the "binaries not found" path on a machine that has them.
    /// </summary>
    internal bool SearchFallbackBinDirectories { get; init; } = true;

    /// <summary>
    /// Overrides PostgreSQL's <c>max_connections</c> (100). Test clusters hold one pool per
    /// database, and idle pooled connections linger for minutes, so they need more.
    /// </summary>
    internal int? MaxConnections { get; init; }
}

namespace NoCodeCrm.Engine.Hosting;

/// <summary>Where things live inside the embedded cluster's data folder.</summary>
internal sealed record ClusterFolder
{
    /// <summary>sun_path holds 108 bytes; stay well below it.</summary>
    private const int MaxSocketPathLength = 100;

    public ClusterFolder(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        PgData = Path.Combine(dataDirectory, "pgdata");
        LogFile = Path.Combine(dataDirectory, "postgres.log");
        PidFile = Path.Combine(PgData, "postmaster.pid");
        var socketDirectory = Path.Combine(dataDirectory, "socket");
        SocketDirectory = (socketDirectory + "/.s.PGSQL.65535").Length < MaxSocketPathLength ? socketDirectory : null;
    }

    /// <summary>The folder given in the options (absolute).</summary>
    public string DataDirectory { get; }

    /// <summary>The cluster itself (initdb's <c>-D</c>).</summary>
    public string PgData { get; }

    /// <summary>The server log, appended to by every start.</summary>
    public string LogFile { get; }

    /// <summary>The postmaster's lock file: present while a server runs (or after one crashed).</summary>
    public string PidFile { get; }

    /// <summary>The unix socket folder, or null when its path would be too long for a socket (TCP only then).</summary>
    public string? SocketDirectory { get; }
}

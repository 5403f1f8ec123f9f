namespace NoCodeCrm.Engine.Hosting;

/// <summary>
/// The OS account the cluster runs as. PostgreSQL refuses to run as root, so a root process
/// runs every server program through <c>runuser -u postgres --</c> and hands the folders it
/// creates to that user; any other user runs them as itself.
/// </summary>
internal sealed class PostgresOsAccount
{
    public const string ServiceUser = "postgres";

    private PostgresOsAccount(bool switchesUser) => SwitchesUser = switchesUser;

    /// <summary>True when this process is root and programs run as <see cref="ServiceUser"/>.</summary>
    public bool SwitchesUser { get; }

    public static async Task<PostgresOsAccount> ForCurrentProcessAsync(CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return new PostgresOsAccount(switchesUser: false);
        }

        var lookup = await ProcessRunner.RunAsync("id", ["-u", ServiceUser], "/", ct).ConfigureAwait(false);
        if (!lookup.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"PostgreSQL refuses to run as root, and there is no '{ServiceUser}' OS user to run it as. "
                + "Install the server package (apt-get install -y postgresql creates the user), "
                + $"create the user (useradd --system {ServiceUser}), or run as a non-root user.");
        }

        return new PostgresOsAccount(switchesUser: true);
    }

    /// <summary>Runs a program as the cluster's OS user.</summary>
    public Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken ct) =>
        SwitchesUser
            ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments], workingDirectory, ct)
            : ProcessRunner.RunAsync(program, arguments, workingDirectory, ct);

    /// <summary>Creates the folder if needed and makes it (and, if asked, everything in it) the cluster user's.</summary>
    public async Task PrepareDirectoryAsync(string directory, bool recursive, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        if (!SwitchesUser)
        {
            return;
        }

        string[] arguments = recursive
            ? ["-R", $"{ServiceUser}:{ServiceUser}", directory]
            : [$"{ServiceUser}:{ServiceUser}", directory];
        var result = await ProcessRunner.RunAsync("chown", arguments, "/", ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException($"Could not give {directory} to the '{ServiceUser}' OS user: {result.Output}");
        }
    }

    /// <summary>
    /// Fails with a message naming the culprit when the cluster user cannot reach the folder,
    /// typically because a parent such as <c>/root</c> (mode 700) is not traversable; initdb
    /// would otherwise fail with a cryptic "could not change directory" or "permission denied".
    /// </summary>
    public async Task EnsureReachableAsync(string directory, CancellationToken ct)
    {
        if (!SwitchesUser || await CanTraverseAsync(directory, ct).ConfigureAwait(false))
        {
            return;
        }

        foreach (var folder in SelfAndAncestorsFromRoot(directory))
        {
            if (!await CanTraverseAsync(folder, ct).ConfigureAwait(false))
            {
                throw new EmbeddedPostgresException(
                    $"The embedded PostgreSQL runs as the '{ServiceUser}' OS user (it refuses to run as root), "
                    + $"and that user cannot traverse the folder {folder}, so it cannot reach {directory}. "
                    + $"Choose a data folder outside {folder} (for example under /var/lib or /srv), "
                    + $"or allow traversal with: chmod o+x {folder}");
            }
        }

        throw new EmbeddedPostgresException($"The '{ServiceUser}' OS user cannot reach {directory}.");
    }

    private async Task<bool> CanTraverseAsync(string folder, CancellationToken ct)
    {
        // test -x resolves the whole path as the cluster user, so it fails on the first parent
        // that user may not search, exactly as initdb and the postmaster would.
        var result = await RunAsync("test", ["-x", folder], "/", ct).ConfigureAwait(false);
        return result.Succeeded;
    }

    private static List<string> SelfAndAncestorsFromRoot(string directory)
    {
        var folders = new List<string>();
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            folders.Add(current.FullName);
        }

        folders.Reverse();
        return folders;
    }
}

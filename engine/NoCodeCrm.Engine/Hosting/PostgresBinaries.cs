using Microsoft.Extensions.Logging;

namespace NoCodeCrm.Engine.Hosting;

/// <summary>A folder holding the PostgreSQL server programs the embedded cluster runs.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    /// <summary>Where Debian's <c>postgresql-15</c> package puts them.</summary>
    public const string DebianDirectory = "/usr/lib/postgresql/15/bin";

    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// Tries <see cref="EmbeddedPostgresOptions.BinDirectory"/>, then (unless the options turn the
    /// fallbacks off) the Debian folder, then <c>pg_config --bindir</c> if pg_config is on PATH.
    /// </summary>
    /// <exception cref="PostgresBinariesNotFoundException">None of them has the programs.</exception>
    public static async Task<PostgresBinaries> FindAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken ct)
    {
        var searched = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BinDirectory))
        {
            var configured = Path.GetFullPath(options.BinDirectory);
            if (HasServerPrograms(configured))
            {
                return new PostgresBinaries(configured);
            }

            searched.Add(configured);
            if (options.SearchFallbackBinDirectories)
            {
                logger.LogWarning("{BinDirectory} lacks the PostgreSQL server programs; looking elsewhere", configured);
            }
        }

        if (!options.SearchFallbackBinDirectories)
        {
            throw new PostgresBinariesNotFoundException(searched);
        }

        if (HasServerPrograms(DebianDirectory))
        {
            return new PostgresBinaries(DebianDirectory);
        }

        searched.Add(DebianDirectory);
        var pgConfig = FindOnPath("pg_config");
        if (pgConfig is null)
        {
            searched.Add("pg_config --bindir (no pg_config on PATH)");
            throw new PostgresBinariesNotFoundException(searched);
        }

        var result = await ProcessRunner.RunAsync(pgConfig, ["--bindir"], "/", ct).ConfigureAwait(false);
        var reported = result.Output.Trim();
        if (result.Succeeded && reported.Length > 0 && HasServerPrograms(reported))
        {
            return new PostgresBinaries(reported);
        }

        searched.Add(result.Succeeded ? $"{reported} (from {pgConfig} --bindir)" : $"{pgConfig} --bindir (failed)");
        throw new PostgresBinariesNotFoundException(searched);
    }

    private static bool HasServerPrograms(string directory) =>
        RequiredPrograms.All(program => File.Exists(Path.Combine(directory, program)));

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }
}

using System.Globalization;
using System.Runtime.Versioning;
using NoCodeCrm.Engine.Hosting;
using NoCodeCrm.Engine.Tests.Infrastructure;
using Npgsql;

namespace NoCodeCrm.Engine.Tests.Hosting;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task Starts_and_answers_as_PostgreSQL_15_with_pg_trgm_in_its_database()
    {
        using var folder = new TempDirectory();
        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path, Durable = false });

        var version = await ScalarAsync<string>(server.ConnectionString, "select version()");
        var trigramInstalled = await ScalarAsync<long>(server.ConnectionString, "select count(*) from pg_extension where extname = 'pg_trgm'");
        var database = await ScalarAsync<string>(server.ConnectionString, "select current_database()");
        var admin = await ScalarAsync<string>(server.AdminConnectionString, "select current_database()");

        Assert.Contains("PostgreSQL 15", version, StringComparison.Ordinal);
        Assert.Equal(1, trigramInstalled);
        Assert.Equal("crm", database);
        Assert.Equal("postgres", admin);
        Assert.Contains("Host=127.0.0.1", server.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Maximum Pool Size=50", server.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Max Auto Prepare=32", server.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_start_on_the_same_data_directory_keeps_tables_and_rows()
    {
        using var folder = new TempDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = folder.Path };
        await using (var first = await EmbeddedPostgres.StartAsync(options))
        {
            await ExecuteAsync(first.ConnectionString, "create table kept (id int primary key, name text)");
            await ExecuteAsync(first.ConnectionString, "insert into kept values (1, 'İstanbul'), (2, 'Ankara')");
        }

        await using var second = await EmbeddedPostgres.StartAsync(options);

        Assert.Equal("İstanbul,Ankara", await ScalarAsync<string>(second.ConnectionString, "select string_agg(name, ',' order by id) from kept"));
    }

    [Fact]
    public async Task A_server_left_running_on_the_data_directory_is_stopped_and_started_again()
    {
        using var folder = new TempDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = folder.Path, Durable = false };
        await using var abandoned = await EmbeddedPostgres.StartAsync(options);
        await ExecuteAsync(abandoned.ConnectionString, "create table kept (id int)");

        await using var second = await EmbeddedPostgres.StartAsync(options);

        Assert.Equal(0, await ScalarAsync<long>(second.ConnectionString, "select count(*) from kept"));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync<int>(abandoned.ConnectionString, "select 1"));
    }

    [Fact]
    public async Task A_lock_file_naming_a_live_process_that_is_not_the_server_is_discarded()
    {
        using var folder = new TempDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = folder.Path, Durable = false };
        await (await EmbeddedPostgres.StartAsync(options)).DisposeAsync();
        var pgData = Path.Combine(folder.Path, "pgdata");
        var startTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // This test process is alive, and it is not a postmaster: its number was "reused".
        await File.WriteAllTextAsync(Path.Combine(pgData, "postmaster.pid"), $"{Environment.ProcessId}\n{pgData}\n{startTime}\n5432\n\n\n");
        await using var server = await EmbeddedPostgres.StartAsync(options);

        Assert.Equal(1, await ScalarAsync<int>(server.ConnectionString, "select 1"));
    }

    [Fact]
    public async Task A_server_that_fails_to_start_reports_the_end_of_its_log()
    {
        using var folder = new TempDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = folder.Path, Durable = false };
        await (await EmbeddedPostgres.StartAsync(options)).DisposeAsync();
        await File.AppendAllTextAsync(Path.Combine(folder.Path, "pgdata", "postgresql.auto.conf"), "bogus_setting = 1\n");

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(options));

        Assert.Contains("PostgreSQL did not start", error.Message, StringComparison.Ordinal);
        Assert.Contains("unrecognized configuration parameter \"bogus_setting\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_directory_too_deep_for_a_unix_socket_is_served_over_TCP_only()
    {
        using var folder = new TempDirectory();
        var deep = Path.Combine(folder.Path, new string('d', 60), new string('e', 60));
        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = deep, Durable = false });

        Assert.Equal(string.Empty, await ScalarAsync<string>(server.ConnectionString, "show unix_socket_directories"));
        Assert.False(Directory.Exists(Path.Combine(deep, "socket")));
    }

    [Fact]
    public async Task Missing_binaries_give_an_error_that_says_how_to_install_them()
    {
        using var folder = new TempDirectory();
        var emptyBin = Directory.CreateDirectory(Path.Combine(folder.Path, "bin")).FullName;
        var options = new EmbeddedPostgresOptions
        {
            DataDirectory = Path.Combine(folder.Path, "data"),
            BinDirectory = emptyBin,
            SearchFallbackBinDirectories = false,
        };

        var error = await Assert.ThrowsAsync<PostgresBinariesNotFoundException>(() => EmbeddedPostgres.StartAsync(options));

        Assert.Contains(emptyBin, error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get update && apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Crm", error.Message, StringComparison.Ordinal);
        Assert.Equal([emptyBin], error.SearchedDirectories);
    }

    [RootFact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_parent_folder_the_postgres_user_cannot_traverse_is_named_in_the_error()
    {
        using var folder = new TempDirectory();
        var locked = Directory.CreateDirectory(Path.Combine(folder.Path, "locked")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new EmbeddedPostgresOptions { DataDirectory = Path.Combine(locked, "crm", "data") };

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(options));

        Assert.Contains($"cannot traverse the folder {locked},", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod o+x {locked}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cluster_has_the_Turkish_ICU_collation()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();

        var collations = await ScalarAsync<long>(connectionString, "select count(*) from pg_collation where collname = 'tr-x-icu'");
        var upper = await ScalarAsync<string>(connectionString, "select upper('istanbul' collate \"tr-x-icu\")");
        var sorted = await ScalarAsync<string>(connectionString, "select string_agg(x, '' order by x collate \"tr-x-icu\") from unnest(array['ş','i','d','ı','c','s','ç']) x");

        Assert.Equal(1, collations);
        Assert.Equal("İSTANBUL", upper);
        Assert.Equal("cçdıisş", sorted);
    }

    [Fact]
    public async Task Each_test_database_is_a_separate_database()
    {
        var first = await TestPostgres.CreateDatabaseAsync();
        var second = await TestPostgres.CreateDatabaseAsync();
        await ExecuteAsync(first, "create table only_in_first (id int)");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        Assert.Equal(1, await ScalarAsync<long>(first, "select count(*) from pg_tables where tablename = 'only_in_first'"));
        Assert.Equal(0, await ScalarAsync<long>(second, "select count(*) from pg_tables where tablename = 'only_in_first'"));
        Assert.Equal(1, await ScalarAsync<long>(second, "select count(*) from pg_extension where extname = 'pg_trgm'"));
    }

    [Fact]
    public async Task Test_databases_can_be_created_concurrently()
    {
        var connectionStrings = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => TestPostgres.CreateDatabaseAsync()));

        var databases = connectionStrings.Select(cs => new NpgsqlConnectionStringBuilder(cs).Database).Distinct().Count();
        var answers = await Task.WhenAll(connectionStrings.Select(cs => ScalarAsync<int>(cs, "select 1")));
        Assert.Equal(6, databases);
        Assert.All(answers, answer => Assert.Equal(1, answer));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

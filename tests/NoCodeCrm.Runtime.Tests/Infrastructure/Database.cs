using Npgsql;

namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>Direct SQL against the test database, to look at what the API did (or did not) do.</summary>
public static class Database
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default! : (T)result;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Which columns (schema.table.column) of any table hold one of the values: every text, JSON and array column, cast to text and searched.</summary>
    public static async Task<List<string>> ColumnsHoldingAsync(string connectionString, string[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg_toast%'
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        Assert.Contains(columns, c => c.Table == "audit" && c.Column == "changes");

        var patterns = values.Select(v => "%" + v.Replace("+", "", StringComparison.Ordinal) + "%").ToArray();
        var hits = new List<string>();
        foreach (var (schema, table, column) in columns)
        {
            await using var search = new NpgsqlCommand(
                $"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE \"{column}\"::text ILIKE ANY(@patterns)", connection);
            search.Parameters.AddWithValue("patterns", patterns);
            if ((long)(await search.ExecuteScalarAsync())! > 0) hits.Add($"{schema}.{table}.{column}");
        }
        return hits;
    }
}

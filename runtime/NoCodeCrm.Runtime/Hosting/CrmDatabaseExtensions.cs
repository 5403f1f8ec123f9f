using Npgsql;
using NoCodeCrm.Engine.Hosting;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Connects the runtime to PostgreSQL: the configured server, or a private embedded cluster started here.</summary>
public static class CrmDatabaseExtensions
{
    public static async Task<WebApplicationBuilder> AddCrmDatabaseAsync(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Crm");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var options = builder.Configuration.GetSection("Crm").Get<CrmOptions>() ?? new CrmOptions();
            var dataDirectory = Path.GetFullPath(options.DataDirectory, Directory.GetCurrentDirectory());
            using var loggerFactory = LoggerFactory.Create(l => l.AddConsole());
            var embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
            {
                DataDirectory = dataDirectory,
                BinDirectory = options.PostgresBinDirectory,
            }, loggerFactory.CreateLogger("NoCodeCrm.EmbeddedPostgres")).ConfigureAwait(false);
            builder.Services.AddSingleton(embedded);
            builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
            connectionString = embedded.ConnectionString;
        }
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        return builder;
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>Another runtime node on an existing database, as in a scaled-out deployment.</summary>
public sealed class SecondNodeFactory(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Crm", connectionString);
        builder.UseSetting("Crm:AdminPassword", CrmApiFactory.AdminPassword);
        builder.UseSetting("Crm:Sample", "crm");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}

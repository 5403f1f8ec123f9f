using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NoCodeCrm.Engine.Tests.Messaging;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Messaging;

/// <summary>The runtime on a fresh database with the sample pack, sending e-mail to a loopback SMTP server and tracking under <see cref="PublicBaseUrl"/>.</summary>
public sealed class MessagingApiFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "http://crm.test";

    private CrmApiFactory Crm { get; } = new();

    public LoopbackSmtpServer Smtp { get; } = new();
    public WebApplicationFactory<Program> App { get; private set; } = null!;
    public string ConnectionString => Crm.ConnectionString;

    public async Task InitializeAsync()
    {
        await Crm.InitializeAsync();
        App = Crm.WithWebHostBuilder(b => b
            .UseSetting("Crm:PublicBaseUrl", PublicBaseUrl)
            .UseSetting("Crm:Smtp:Host", "127.0.0.1")
            .UseSetting("Crm:Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Crm:Smtp:Security", "None")
            .UseSetting("Crm:Smtp:From", "crm@example.com"));
    }

    public Task<HttpClient> AdminClientAsync() => App.CreateAdminClientAsync();

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Crm.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

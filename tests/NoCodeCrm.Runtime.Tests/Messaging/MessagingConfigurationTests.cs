using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Engine.Messaging.Email;

namespace NoCodeCrm.Runtime.Tests.Messaging;

public sealed class MessagingConfigurationTests(MessagingApiFixture fixture) : IClassFixture<MessagingApiFixture>
{
    [Fact]
    public void Settings_are_read_from_the_crm_section_and_allowed_hosts_may_be_one_line()
    {
        using var app = fixture.App.WithWebHostBuilder(b => b
            .UseSetting("Crm:Webhooks:AllowedHosts", "127.0.0.1, hooks.internal;10.20.0.0/16")
            .UseSetting("Crm:Smtp:Security", "SslOnConnect")
            .UseSetting("Crm:Channels:sms:Url", "https://sms.example.com/send")
            .UseSetting("Crm:Channels:sms:Headers:Authorization", "Bearer k"));

        var options = app.Services.GetRequiredService<MessagingOptions>();

        Assert.Equal(["127.0.0.1", "hooks.internal", "10.20.0.0/16"], options.Webhooks.AllowedHosts);
        Assert.Equal(SmtpSecurity.SslOnConnect, options.Smtp.Security);
        Assert.Equal(MessagingApiFixture.PublicBaseUrl, options.PublicBaseUrl);
        Assert.Equal("https://sms.example.com/send", options.Channels["sms"].Url);
        Assert.Equal("Bearer k", options.Channels["sms"].Headers["Authorization"]);
    }

    [Fact]
    public void Allowed_hosts_may_also_be_a_list()
    {
        using var app = fixture.App.WithWebHostBuilder(b => b
            .UseSetting("Crm:Webhooks:AllowedHosts:0", "127.0.0.1")
            .UseSetting("Crm:Webhooks:AllowedHosts:1", "::1"));

        Assert.Equal(["127.0.0.1", "::1"], app.Services.GetRequiredService<MessagingOptions>().Webhooks.AllowedHosts);
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NoCodeCrm.Engine.Tests.Messaging;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Automation;

/// <summary>
/// The runtime with the sample pack and fast automation settings (short backoff and lease), e-mail to a loopback SMTP
/// server, SMS through the HTTP adapter and webhooks to a loopback HTTP receiver (allow-listed); no scheduler of its own.
/// </summary>
public sealed class AutomationFixture : IAsyncLifetime
{
    private CrmApiFactory Crm { get; } = new();

    public LoopbackSmtpServer Smtp { get; } = new();
    public LoopbackHttpReceiver Receiver { get; } = new();
    public LoopbackHttpReceiver SmsGateway { get; } = new();
    public WebApplicationFactory<Program> App { get; private set; } = null!;
    public string ConnectionString => Crm.ConnectionString;

    public async Task InitializeAsync()
    {
        await Crm.InitializeAsync();
        App = Crm.WithWebHostBuilder(b => b
            .UseSetting("Crm:PublicBaseUrl", "http://crm.test")
            .UseSetting("Crm:Smtp:Host", "127.0.0.1")
            .UseSetting("Crm:Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Crm:Smtp:Security", "None")
            .UseSetting("Crm:Smtp:From", "crm@example.com")
            .UseSetting("Crm:Channels:sms:Url", SmsGateway.Url("/sms").ToString())
            .UseSetting("Crm:Webhooks:AllowedHosts", "127.0.0.1")
            .UseSetting("Crm:Automation:RetryBackoff", "00:00:00.200")
            .UseSetting("Crm:Automation:MaxAttempts", "3")
            .UseSetting("Crm:Automation:PollInterval", "00:00:00.100")
            .UseSetting("Crm:Automation:Lease", "00:00:05")
            // Tests sweep date-relative rules at moments of their choosing; a sweep on the real clock would move the watermarks.
            .UseSetting("Crm:Scheduling:Enabled", "false"));
        _ = App.Server;
    }

    public Task<HttpClient> AdminClientAsync() => App.CreateAdminClientAsync();

    /// <summary>Publishes the current model with these automation rules added (replacing rules of the same name).</summary>
    public static async Task PublishRulesAsync(HttpClient client, params JsonObject[] rules)
    {
        var (_, model, _) = await client.GetJsonAsync("/api/metadata");
        var automations = model!["automations"]?.AsArray() ?? [];
        var names = rules.Select(r => r["name"]!.GetValue<string>()).ToHashSet();
        var kept = new JsonArray(automations.Where(a => !names.Contains(a!["name"]!.GetValue<string>())).Select(a => a!.DeepClone()).ToArray());
        foreach (var rule in rules) kept.Add(rule.DeepClone());
        model["automations"] = kept;
        var (status, body, _) = await client.PutJsonAsync("/api/metadata", model);
        Assert.True(status == HttpStatusCode.OK, $"publish failed: {status} {body}");
    }

    /// <summary>Polls until the condition holds (automation is asynchronous), failing after the timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) Assert.Fail($"Timed out waiting for {what}; last value: {value}");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Crm.DisposeAsync();
        await Smtp.DisposeAsync();
        await Receiver.DisposeAsync();
        await SmsGateway.DisposeAsync();
    }
}

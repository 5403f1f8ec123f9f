using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Engine.Tests.Messaging;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Messaging;

public sealed partial class TrackingApiTests(MessagingApiFixture fixture) : IClassFixture<MessagingApiFixture>
{
    private const string Target = "https://example.com/teklif?id=7&lang=tr";

    /// <summary>Sends a tracked e-mail about a new person and returns the person, the message and the mail as received over SMTP.</summary>
    private async Task<(Guid PersonId, MessageResult Message, string Html)> SendTrackedEmailAsync()
    {
        var admin = await fixture.AdminClientAsync();
        var (status, person, _) = await admin.PostJsonAsync("/api/records/person", new { first_name = "Ayşe", last_name = "Yılmaz" });
        Assert.Equal(HttpStatusCode.Created, status);
        var personId = Guid.Parse(person!["id"]!.GetValue<string>());
        var to = $"ayse.{personId:N}@example.com";
        await Consents.RecordAsync(admin, personId.ToString(), "email", recipient: to);

        var sender = fixture.App.Services.GetRequiredService<MessageSender>();
        var message = await sender.SendAsync(new OutgoingMessage(MessageChannels.Email, to, "Teklifiniz hazır", "Teklifiniz hazır",
            $"<html><body><p>Teklifiniz hazır.</p><a href=\"{WebUtility.HtmlEncode(Target)}\">Teklifi gör</a></body></html>",
            "person", personId, ActionKey: $"test:{personId:N}"), CancellationToken.None);
        var mail = fixture.Smtp.Received.Single(m => m.To.Contains(to));
        return (personId, message, mail.Parse().HtmlBody!);
    }

    private static string PixelPath(string html) => Pixel().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(html);
    private static string LinkPath(string html) =>
        Link().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException(html);

    private Task<long> CountAsync(string sql, Guid recordId) =>
        Database.ScalarAsync<long>(fixture.ConnectionString, sql, ("id", recordId));

    [Fact]
    public async Task An_opened_email_records_one_opened_event_on_the_record_and_an_outbox_event()
    {
        var (personId, message, html) = await SendTrackedEmailAsync();
        var anonymous = fixture.App.CreateClient();

        var first = await anonymous.GetAsync(PixelPath(html));
        var again = await anonymous.GetAsync(PixelPath(html));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/gif", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString((await first.Content.ReadAsByteArrayAsync())[..6]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await CountAsync(
            "SELECT count(*) FROM crm_system.event WHERE type = 'email.opened' AND entity = 'person' AND record_id = @id AND source = 'tracking'", personId));
        Assert.Equal(1, await CountAsync(
            "SELECT count(*) FROM crm_system.outbox WHERE type = 'event' AND entity = 'person' AND record_id = @id AND payload->>'eventType' = 'email.opened'", personId));
        Assert.Equal(2, await Database.ScalarAsync<int>(fixture.ConnectionString,
            "SELECT open_count FROM crm_system.message WHERE id = @id", ("id", message.MessageId)));
    }

    [Fact]
    public async Task A_clicked_link_records_a_clicked_event_and_redirects_to_the_original_address()
    {
        var (personId, _, html) = await SendTrackedEmailAsync();
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await browser.GetAsync(LinkPath(html));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Target, response.Headers.Location!.ToString());
        Assert.Equal(1, await CountAsync(
            $"SELECT count(*) FROM crm_system.event WHERE type = 'link.clicked' AND record_id = @id AND data->>'url' = '{Target}'", personId));
        Assert.Equal(1, await CountAsync(
            "SELECT count(*) FROM crm_system.outbox WHERE type = 'event' AND record_id = @id AND payload->>'eventType' = 'link.clicked' AND payload->'data'->>'url' IS NOT NULL", personId));
    }

    [Fact]
    public async Task Forged_tokens_and_changed_targets_are_refused_and_record_nothing()
    {
        var (personId, _, html) = await SendTrackedEmailAsync();
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var pixel = PixelPath(html);
        var link = LinkPath(html);
        var token = pixel[5..^4];
        var forgedToken = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        var forgedOpen = await browser.GetAsync($"/t/o/{forgedToken}.gif");
        var garbageOpen = await browser.GetAsync("/t/o/%3Cscript%3E.gif");
        var openRedirect = await browser.GetAsync(link[..(link.IndexOf("?u=", StringComparison.Ordinal) + 3)] + Uri.EscapeDataString("https://evil.example/"));
        var forgedClick = await browser.GetAsync($"/t/c/{forgedToken}?u={Uri.EscapeDataString(Target)}");

        Assert.Equal(HttpStatusCode.NotFound, forgedOpen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbageOpen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, openRedirect.StatusCode);
        Assert.Null(openRedirect.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, forgedClick.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM crm_system.event WHERE record_id = @id", personId));
    }

    [Fact]
    public async Task The_record_timeline_lists_its_messages_and_events()
    {
        var (personId, message, html) = await SendTrackedEmailAsync();
        await fixture.App.CreateClient().GetAsync(PixelPath(html));
        var admin = await fixture.AdminClientAsync();

        var (messagesStatus, messages, _) = await admin.GetJsonAsync($"/api/messages?entity=person&recordId={personId}");
        var (eventsStatus, events, _) = await admin.GetJsonAsync($"/api/events?entity=person&recordId={personId}&type=email.opened");
        var (oneStatus, one, _) = await admin.GetJsonAsync($"/api/messages/{message.MessageId}");
        var (badStatus, bad, _) = await admin.GetJsonAsync("/api/messages?status=lost");

        Assert.Equal(HttpStatusCode.OK, messagesStatus);
        var listed = Assert.Single(messages!["value"]!.AsArray());
        Assert.Equal("sent", listed!["status"]!.GetValue<string>());
        Assert.Equal("email", listed["channel"]!.GetValue<string>());
        Assert.Equal(1, listed["openCount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, eventsStatus);
        var opened = Assert.Single(events!["value"]!.AsArray());
        Assert.Equal(message.MessageId.ToString(), opened!["data"]!["messageId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, oneStatus);
        Assert.Equal("Teklifiniz hazır", one!["subject"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal(["status"], bad.ErrorPaths());
    }

    [GeneratedRegex("src=\"http://crm\\.test(/t/o/[A-Za-z0-9_-]+\\.gif)\"")]
    private static partial Regex Pixel();

    [GeneratedRegex("href=\"http://crm\\.test(/t/c/[^\"]+)\"")]
    private static partial Regex Link();
}

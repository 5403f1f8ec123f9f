using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Runtime.Tests.Automation;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Consent;

/// <summary>
/// Consent end to end on the sample pack: automated e-mail and SMS through the loopback SMTP server and SMS gateway,
/// decisions through <c>/api/consents</c>, the unsubscribe link as a recipient's browser would use it.
/// </summary>
public sealed partial class ConsentTests(AutomationFixture fixture) : IClassFixture<AutomationFixture>
{
    [GeneratedRegex("href=\"http://crm\\.test(/t/u/[^\"]+)\"")]
    private static partial Regex UnsubscribeLink();

    private static string UniqueEmail(string prefix) => $"{prefix}.{Guid.NewGuid():N}@example.com";

    private static string UniquePhone() => "+90535" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);

    private static async Task<string> CreatePersonAsync(HttpClient client, object body)
    {
        var (status, record, _) = await client.PostJsonAsync("/api/records/person", body);
        Assert.True(status == HttpStatusCode.Created, $"creating the person failed: {status} {record}");
        return record!["id"]!.GetValue<string>();
    }

    private static async Task<JsonArray> ConsentsAsync(HttpClient client, string query)
    {
        var (status, body, _) = await client.GetJsonAsync("/api/consents?" + query);
        Assert.True(status == HttpStatusCode.OK, $"listing consents failed: {status} {body}");
        return body!["value"]!.AsArray();
    }

    private List<string> SmsTo(string phone) =>
        fixture.SmsGateway.Requests.Where(r => r.Body.Contains(phone, StringComparison.Ordinal)).Select(r => r.Body).ToList();

    private Task<MessageResult> SendDirectAsync(string channel, string to, string personId, string? purpose) =>
        fixture.App.Services.GetRequiredService<MessageSender>().SendAsync(
            new OutgoingMessage(channel, to, "Kampanya", "Yeni kampanyamız başladı", null, "person", Guid.Parse(personId), Purpose: purpose), CancellationToken.None);

    [Fact]
    public async Task Withdrawing_email_consent_stops_the_next_automated_email_logged_as_skipped_for_consent_while_sms_consent_still_allows_sms()
    {
        var client = await fixture.AdminClientAsync();
        await AutomationFixture.PublishRulesAsync(client, JsonNode.Parse("""
            {"name":"consent_campaign","trigger":{"type":"event","entity":"person","eventType":"campaign.due"},
             "actions":[{"type":"sendMessage","template":"birthday_greeting"},{"type":"sendMessage","template":"birthday_greeting_sms"}]}
            """)!.AsObject());
        var email = UniqueEmail("izin");
        var phone = UniquePhone();
        var personId = await CreatePersonAsync(client, new { first_name = "Derya", last_name = "Kaya", email, phone });
        await Consents.GrantAsync(client, personId, "email");
        await Consents.GrantAsync(client, personId, "sms");

        async Task<JsonArray> CampaignAsync(int runs)
        {
            var (status, _, _) = await client.PostJsonAsync("/api/events", new { type = "campaign.due", entity = "person", recordId = personId });
            Assert.Equal(HttpStatusCode.Created, status);
            return await AutomationFixture.EventuallyAsync(
                async () => (await client.GetJsonAsync($"/api/automation/runs?rule=consent_campaign&recordId={personId}")).Body!["value"]!.AsArray(),
                v => v.Count == runs && v.All(r => r!["status"]!.GetValue<string>() == "succeeded"), $"{runs} finished campaign runs");
        }

        await CampaignAsync(1);
        Assert.Single(fixture.Smtp.Received, m => m.To.Contains(email));
        Assert.Single(SmsTo(phone));

        await Consents.RecordAsync(client, personId, "email", status: "withdrawn", source: "call centre");
        var runs = await CampaignAsync(2);

        Assert.Single(fixture.Smtp.Received, m => m.To.Contains(email));
        Assert.Equal(2, SmsTo(phone).Count);
        var latest = runs.OrderByDescending(r => DateTimeOffset.Parse(r!["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)).First()!;
        var steps = latest["steps"]!.AsArray();
        var emailStep = steps[0]!;
        Assert.Equal("skipped", emailStep["status"]!.GetValue<string>());
        Assert.Equal("consent", emailStep["output"]!["skipped"]!.GetValue<string>());
        Assert.Equal("blocked", emailStep["output"]!["status"]!.GetValue<string>());
        Assert.Contains("marketing consent for email", emailStep["output"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("withdrawn", emailStep["output"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("succeeded", steps[1]!["status"]!.GetValue<string>());
        Assert.Equal("sent", steps[1]!["output"]!["status"]!.GetValue<string>());
        Assert.Equal(1, await Database.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM crm_system.message WHERE recipient = @to AND status = 'blocked' AND error LIKE 'Consent:%'", ("to", email)));
    }

    [Fact]
    public async Task Marketing_needs_a_current_grant_for_its_channel_but_transactional_messages_and_unknown_recipients_are_judged_apart()
    {
        var client = await fixture.AdminClientAsync();
        var email = UniqueEmail("kosul");
        var personId = await CreatePersonAsync(client, new { first_name = "Onur", last_name = "Tan", email });

        var none = await SendDirectAsync(MessageChannels.Email, email, personId, "marketing");
        Assert.Equal(MessageStatus.Blocked, none.Status);
        Assert.Contains("No marketing consent for email", none.Error, StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Sent, (await SendDirectAsync(MessageChannels.Email, email, personId, "transactional")).Status);

        await Consents.GrantAsync(client, personId, "sms");
        Assert.Equal(MessageStatus.Blocked, (await SendDirectAsync(MessageChannels.Email, email, personId, "marketing")).Status);
        await Consents.RecordAsync(client, personId, "email", purpose: "profiling");
        Assert.Equal(MessageStatus.Blocked, (await SendDirectAsync(MessageChannels.Email, email, personId, "marketing")).Status);

        // Recorded at a past moment with an end date already gone: an expired grant is no grant.
        var (expired, body, _) = await client.PostJsonAsync("/api/consents", new
        {
            person = personId, channel = "email", purpose = "marketing", status = "granted", source = "store",
            decidedAt = "2020-01-10T10:00:00Z", validUntil = "2021-01-10",
        });
        Assert.True(expired == HttpStatusCode.Created, body?.ToJsonString());
        var stale = await SendDirectAsync(MessageChannels.Email, email, personId, "marketing");
        Assert.Equal(MessageStatus.Blocked, stale.Status);
        Assert.Contains("expired on 2021-01-10", stale.Error, StringComparison.Ordinal);

        await Consents.GrantAsync(client, personId, "email");
        Assert.Equal(MessageStatus.Sent, (await SendDirectAsync(MessageChannels.Email, email, personId, "marketing")).Status);

        // The address decides too: marketing to someone else's address, or to nobody known, needs their consent.
        var stranger = UniqueEmail("yabanci");
        var unknown = await fixture.App.Services.GetRequiredService<MessageSender>().SendAsync(
            new OutgoingMessage(MessageChannels.Email, stranger, "Kampanya", "Yeni kampanya", Purpose: "marketing"), CancellationToken.None);
        Assert.Equal(MessageStatus.Blocked, unknown.Status);
        Assert.Contains("is not a known person", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_link_of_an_email_opts_out_of_every_channel_at_once_and_forged_links_are_refused()
    {
        var client = await fixture.AdminClientAsync();
        var email = UniqueEmail("abonelik");
        var phone = UniquePhone();
        var personId = await CreatePersonAsync(client, new { first_name = "Ece", last_name = "Uçar", email, phone, segment = "silver" });
        await Consents.GrantAsync(client, personId, "email");
        await Consents.GrantAsync(client, personId, "sms");
        await Consents.GrantAsync(client, personId, "call");

        await client.PatchJsonAsync($"/api/records/person/{personId}", new { segment = "gold" });
        var mail = (await AutomationFixture.EventuallyAsync(() => Task.FromResult(fixture.Smtp.Received.Where(m => m.To.Contains(email)).ToList()),
            m => m.Count == 1, "the gold welcome")).Single().Parse();
        var link = UnsubscribeLink().Match(mail.HtmlBody ?? "");
        Assert.True(link.Success, "the e-mail carries its own (untracked) unsubscribe link: " + mail.HtmlBody);
        var path = WebUtility.HtmlDecode(link.Groups[1].Value);
        var token = path["/t/u/".Length..];
        var forged = "/t/u/" + (token[0] == 'A' ? 'B' : 'A') + token[1..];

        var browser = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync(forged, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/t/u/" + Guid.NewGuid().ToString("N"), null)).StatusCode);
        Assert.Empty(await ConsentsAsync(client, $"person={personId}&status=withdrawn"));

        var page = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await ConsentsAsync(client, $"person={personId}&status=withdrawn")); // looking is not unsubscribing

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("List-Unsubscribe=One-Click") };
        request.Headers.UserAgent.ParseAdd("MailClient/1.0");
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(request)).StatusCode);

        var current = await ConsentsAsync(client, $"person={personId}");
        Assert.Equal(3, current.Count);
        Assert.All(current, c =>
        {
            Assert.Equal("withdrawn", c!["status"]!.GetValue<string>());
            Assert.Equal("unsubscribe link", c["source"]!.GetValue<string>());
            Assert.Equal("recipient (unsubscribe link)", c["recordedByName"]!.GetValue<string>());
            Assert.Equal("MailClient/1.0", c["proofUserAgent"]!.GetValue<string>());
        });
        Assert.Equal(MessageStatus.Blocked, (await SendDirectAsync(MessageChannels.Sms, phone, personId, "marketing")).Status);
        Assert.Equal(MessageStatus.Blocked, (await SendDirectAsync(MessageChannels.Email, email, personId, "marketing")).Status);
    }

    [Fact]
    public async Task Every_decision_is_kept_with_its_proof_and_text_version_and_the_list_shows_the_latest_unless_history_is_asked()
    {
        var client = await fixture.AdminClientAsync();
        var personId = await CreatePersonAsync(client, new { first_name = "Mert", last_name = "Ay", email = UniqueEmail("gecmis") });
        var purpose = "analytics";

        var (added, text, _) = await client.PostJsonAsync("/api/consents/texts", new { purpose, channel = "email", version = "2026-01", text = "Analiz amaçlı açık rıza metni." });
        Assert.Equal(HttpStatusCode.Created, added);
        Assert.Equal("admin", text!["changedByName"]!.GetValue<string>());
        var (again, conflict, _) = await client.PostJsonAsync("/api/consents/texts", new { purpose, channel = "email", version = "2026-01", text = "Değiştirilmiş metin" });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("versionExists", conflict!["code"]!.GetValue<string>());
        await client.PostJsonAsync("/api/consents/texts", new { purpose, version = "2026-02", text = "Tüm kanallar için yeni metin." });
        var (_, texts, _) = await client.GetJsonAsync($"/api/consents/texts?purpose={purpose}&channel=email");
        Assert.Equal(["2026-02", "2026-01"], texts!["value"]!.AsArray().Select(t => t!["version"]!.GetValue<string>()).OrderDescending());

        var (noVersion, problem, _) = await client.PostJsonAsync("/api/consents", new { person = personId, channel = "email", purpose, status = "granted", source = "web" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noVersion);
        Assert.Equal(["$.textVersion"], problem.ErrorPaths());
        var (badVersion, _, _) = await client.PostJsonAsync("/api/consents", new { person = personId, channel = "email", purpose, status = "granted", source = "web", textVersion = "1999" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badVersion);
        var (invalid, invalidProblem, _) = await client.PostJsonAsync("/api/consents",
            new { person = Guid.NewGuid(), channel = "fax", purpose = "gossip", status = "maybe", source = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid);
        Assert.Equal(["$.channel", "$.purpose", "$.source", "$.status"], invalidProblem.ErrorPaths().Order());

        foreach (var (status, version) in new[] { ("granted", "2026-01"), ("withdrawn", (string?)null), ("granted", "2026-02") })
        {
            var (code, body, _) = await client.PostJsonAsync("/api/consents", new
            {
                person = personId, channel = "email", purpose, status, source = "web form", textVersion = version,
                proof = new { ip = "198.51.100.4", userAgent = "Firefox", document = "form-77" },
            });
            Assert.True(code == HttpStatusCode.Created, body?.ToJsonString());
        }

        var history = await ConsentsAsync(client, $"person={personId}&purpose={purpose}&history=true");
        Assert.Equal(["granted", "withdrawn", "granted"], history.Select(c => c!["status"]!.GetValue<string>()));
        Assert.Equal("2026-02", history[0]!["textVersion"]!.GetValue<string>());
        Assert.Equal("2026-01", history[2]!["textVersion"]!.GetValue<string>());
        Assert.All(history, c =>
        {
            Assert.Equal("198.51.100.4", c!["proofIp"]!.GetValue<string>());
            Assert.Equal("form-77", c["proofDocument"]!.GetValue<string>());
            Assert.Equal("admin", c["recordedByName"]!.GetValue<string>());
        });
        var current = Assert.Single(await ConsentsAsync(client, $"person={personId}&purpose={purpose}"));
        Assert.Equal("granted", current!["status"]!.GetValue<string>());
        Assert.Empty(await ConsentsAsync(client, $"person={personId}&purpose={purpose}&status=withdrawn"));

        var (optOut, withdrawn, _) = await client.PostJsonAsync("/api/consents/opt-out", new { person = personId, source = "phone call" });
        Assert.Equal(HttpStatusCode.OK, optOut);
        Assert.Single(withdrawn!["withdrawn"]!.AsArray());
        Assert.Equal(4, (await ConsentsAsync(client, $"person={personId}&history=true")).Count);
        Assert.Equal(4, await Database.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM crm_system.consent WHERE subject_id = @id", ("id", Guid.Parse(personId))));
    }

    [Fact]
    public async Task The_iys_export_lists_current_decisions_with_iys_codes_in_turkey_time_and_neutralises_formula_cells()
    {
        var client = await fixture.AdminClientAsync();
        var phone = UniquePhone();
        var email = UniqueEmail("iys");
        var personId = await CreatePersonAsync(client, new { first_name = "Sena", last_name = "Er", email, phone });
        var formula = "=HYPERLINK(\"http://evil.example\",\"x\")" + Guid.NewGuid().ToString("N");
        foreach (var (channel, status, source, recipient) in new[]
                 {
                     ("sms", "granted", "HS_WEB", (string?)null), ("email", "granted", "HS_EORTAM", null), ("email", "withdrawn", "@SUM(1,2)", null),
                     ("call", "denied", "-1+1", formula),
                 })
        {
            var (code, body, _) = await client.PostJsonAsync("/api/consents",
                new { person = personId, channel, purpose = "marketing", status, source, recipient, decidedAt = "2026-05-01T09:30:00Z" });
            Assert.True(code == HttpStatusCode.Created, body?.ToJsonString());
        }

        var response = await client.GetAsync("/api/consents/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("recipient,type,source,status,consentDate", lines[0]);
        Assert.Contains($"{phone},MESAJ,HS_WEB,ONAY,2026-05-01 12:30:00", lines);
        Assert.Contains($"{email},EPOSTA,'@SUM(1,2),RET,2026-05-01 12:30:00".Replace("'@SUM(1,2)", "\"'@SUM(1,2)\"", StringComparison.Ordinal), lines);
        Assert.DoesNotContain(lines, l => l.StartsWith(email + ",EPOSTA,HS_EORTAM", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"'=HYPERLINK(", StringComparison.Ordinal) && l.EndsWith(",ARAMA,'-1+1,RET,2026-05-01 12:30:00", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.Skip(1), l => l.Length > 0 && l[0] is '=' or '@' or '-');
    }

    [Fact]
    public async Task Publishing_refuses_an_unknown_consent_subject_and_a_template_purpose_that_is_no_consent_purpose()
    {
        var client = await fixture.AdminClientAsync();
        var (_, model, _) = await client.GetJsonAsync("/api/metadata");
        model!["settings"]!["consent"]!["subject"] = "customer";
        model["templates"]![0]!["purpose"] = "marketting";
        var (status, problem, _) = await client.PutJsonAsync("/api/metadata", model);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("$.settings.consent.subject", problem.ErrorPaths());
        Assert.Contains("$.templates[0].purpose", problem.ErrorPaths());
    }
}

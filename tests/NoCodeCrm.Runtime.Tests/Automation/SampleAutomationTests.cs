using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Scheduling;
using NoCodeCrm.Engine.Tests.Messaging;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Automation;

/// <summary>
/// The automation rules of the sample pack (M4 (a), (b), (c), (f), (g) and T2), end to end: metadata as shipped, e-mail
/// received over SMTP, SMS through the HTTP adapter. Date-relative rules are swept at chosen moments in the future, so the
/// tests do not wait for the clock; the worker that runs the swept occurrences is the real one.
/// </summary>
public sealed partial class SampleAutomationTests(AutomationFixture fixture) : IClassFixture<AutomationFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [GeneratedRegex("(/t/o/[^\"]+\\.gif)")]
    private static partial Regex Pixel();

    private static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid():N}@example.com";

    private static DateTimeOffset Utc(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static async Task<string> CreateAsync(HttpClient client, string entity, object body)
    {
        var (status, record, _) = await client.PostJsonAsync($"/api/records/{entity}", body);
        Assert.True(status == HttpStatusCode.Created, $"creating {entity} failed: {status} {record}");
        return record!["id"]!.GetValue<string>();
    }

    private static async Task PatchAsync(HttpClient client, string entity, string id, object body)
    {
        var (status, record, _) = await client.PatchJsonAsync($"/api/records/{entity}/{id}", body);
        Assert.True(status == HttpStatusCode.OK, $"updating {entity} failed: {status} {record}");
    }

    private Task<List<ReceivedMail>> MailsToAsync(string address, int count, string what) =>
        AutomationFixture.EventuallyAsync(() => Task.FromResult(fixture.Smtp.Received.Where(m => m.To.Contains(address)).ToList()), m => m.Count >= count, what);

    private async Task<int> SweepAsync(string rule, string moment)
    {
        var registry = fixture.App.Services.GetRequiredService<ModelRegistry>();
        var scheduler = fixture.App.Services.GetRequiredService<CrmScheduler>();
        var swept = DateRelativeRule.For(registry.Current).Single(r => r.Name == rule);
        return await scheduler.Sweeper.SweepRuleAsync(swept, Utc(moment), None);
    }

    /// <summary>Waits until no run of the rule for the record is still pending, so a count afterwards is final.</summary>
    private static async Task<JsonArray> SettledRunsAsync(HttpClient client, string rule, string recordId, int expected)
    {
        return await AutomationFixture.EventuallyAsync(
            async () => (await client.GetJsonAsync($"/api/automation/runs?rule={rule}&recordId={recordId}")).Body!["value"]!.AsArray(),
            runs => runs.Count == expected && runs.All(r => r!["status"]!.GetValue<string>() == "succeeded"), $"{expected} succeeded runs of {rule}");
    }

    [Fact]
    public async Task A_quote_marked_sent_emails_the_offer_and_opening_it_creates_a_call_task_for_the_owner()
    {
        var client = await fixture.AdminClientAsync();
        var email = Unique("teklif");
        var personId = await CreateAsync(client, "person", new { first_name = "Elif", last_name = "Çelik", email });
        var quoteId = await CreateAsync(client, "quote", new { name = "Yıllık bakım", status = "draft", person = personId, total_amount = 1250.5m });
        Assert.DoesNotContain(fixture.Smtp.Received, m => m.To.Contains(email));

        await PatchAsync(client, "quote", quoteId, new { status = "sent" });
        var mail = Assert.Single(await MailsToAsync(email, 1, "the quote e-mail")).Parse();
        Assert.Contains("Yıllık bakım", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("1.250,50", mail.HtmlBody, StringComparison.Ordinal);

        var opened = await fixture.App.CreateClient().GetAsync(Pixel().Match(mail.HtmlBody ?? "").Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);

        var tasks = await AutomationFixture.EventuallyAsync(
            async () => (await client.GetJsonAsync($"/api/records/task?$filter=quote eq {quoteId}")).Body!["value"]!.AsArray(),
            v => v.Count == 1, "the call task");
        var task = tasks[0]!;
        var (_, quote, _) = await client.GetJsonAsync($"/api/records/quote/{quoteId}");
        Assert.Equal("Ara: Elif Çelik – Yıllık bakım teklifi açıldı", task["subject"]!.GetValue<string>());
        Assert.Equal("high", task["priority"]!.GetValue<string>());
        Assert.Equal(quote!["owner"]!.GetValue<string>(), task["owner"]!.GetValue<string>());
        Assert.Equal(personId, task["person"]!.GetValue<string>());
        Assert.NotNull(task["due_date"]);
        Assert.NotNull(task["reminder_at"]);
    }

    [Fact]
    public async Task A_contract_ending_in_ten_days_gets_exactly_one_renewal_email_and_a_moved_end_date_gets_its_own()
    {
        var client = await fixture.AdminClientAsync();
        var email = Unique("yenileme");
        var personId = await CreateAsync(client, "person", new { first_name = "Burak", last_name = "Aydın", email });
        await Consents.GrantAsync(client, personId, "email"); // a renewal offer is commercial: ETK needs the opt-in
        var orderId = await CreateAsync(client, "sales_order",
            new { person = personId, status = "confirmed", order_date = "2030-03-20", contract_end = "2031-03-20", total_amount = 9800m });

        await SweepAsync("contract_renewal_offer", "2031-03-01T00:00:00Z");
        Assert.Equal(0, await SweepAsync("contract_renewal_offer", "2031-03-10T05:59:00Z"));
        Assert.Equal(1, await SweepAsync("contract_renewal_offer", "2031-03-10T06:00:00Z")); // 09:00 in Istanbul, 10 days before
        Assert.Equal(0, await SweepAsync("contract_renewal_offer", "2031-03-10T06:30:00Z"));

        var mail = Assert.Single(await MailsToAsync(email, 1, "the renewal offer")).Parse();
        var (_, order, _) = await client.GetJsonAsync($"/api/records/sales_order/{orderId}");
        Assert.Equal($"Burak, {order!["order_number"]!.GetValue<string>()} numaralı siparişiniz için yenileme teklifi", mail.Subject);
        Assert.Contains("20.03.2031 tarihinde doluyor", mail.TextBody, StringComparison.Ordinal);
        await SettledRunsAsync(client, "contract_renewal_offer", orderId, 1);
        Assert.Single(fixture.Smtp.Received, m => m.To.Contains(email));

        await PatchAsync(client, "sales_order", orderId, new { contract_end = "2031-04-30" });
        Assert.Equal(1, await SweepAsync("contract_renewal_offer", "2031-04-20T06:00:00Z"));
        var both = await MailsToAsync(email, 2, "the renewal offer for the new end date");
        Assert.Contains("30.04.2031 tarihinde doluyor", both[1].Parse().TextBody, StringComparison.Ordinal);
        await SettledRunsAsync(client, "contract_renewal_offer", orderId, 2);
    }

    [Fact]
    public async Task A_birthday_greeting_is_sent_once_a_year_by_email_or_else_by_sms()
    {
        var client = await fixture.AdminClientAsync();
        var email = Unique("dogumgunu");
        var withEmail = await CreateAsync(client, "person", new { first_name = "Selin", last_name = "Koç", email, birth_date = "1990-06-15" });
        var phone = "+90532" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        var withPhone = await CreateAsync(client, "person", new { first_name = "Kemal", last_name = "Öz", phone, birth_date = "1985-06-15" });
        await Consents.GrantAsync(client, withEmail, "email");
        await Consents.GrantAsync(client, withPhone, "sms");

        Assert.Equal(0, await SweepAsync("birthday_greeting", "2031-06-01T00:00:00Z")); // first sweep: the window starts here
        Assert.Equal(2, await SweepAsync("birthday_greeting", "2031-06-15T06:00:00Z"));
        Assert.Equal(0, await SweepAsync("birthday_greeting", "2031-06-15T18:00:00Z"));
        var first = Assert.Single(await MailsToAsync(email, 1, "this year's greeting")).Parse();
        Assert.Equal("İyi ki doğdunuz Selin!", first.Subject);
        var sms = await AutomationFixture.EventuallyAsync(
            () => Task.FromResult(fixture.SmsGateway.Requests.Where(r => r.Body.Contains(phone, StringComparison.Ordinal)).ToList()),
            r => r.Count >= 1, "the SMS greeting");
        Assert.Contains("İyi ki doğdunuz Kemal!", Assert.Single(sms).Body, StringComparison.Ordinal);
        await SettledRunsAsync(client, "birthday_greeting", withEmail, 1);

        Assert.Equal(0, await SweepAsync("birthday_greeting", "2032-06-01T00:00:00Z"));
        Assert.Equal(2, await SweepAsync("birthday_greeting", "2032-06-15T06:00:00Z"));
        await MailsToAsync(email, 2, "next year's greeting");
        await SettledRunsAsync(client, "birthday_greeting", withEmail, 2);
        await SettledRunsAsync(client, "birthday_greeting", withPhone, 2);
        Assert.Equal(2, fixture.Smtp.Received.Count(m => m.To.Contains(email)));
        Assert.Equal(2, fixture.SmsGateway.Requests.Count(r => r.Body.Contains(phone, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_bounced_email_sends_the_sms_fallback_through_the_http_adapter()
    {
        var client = await fixture.AdminClientAsync();
        var phone = "+90533" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        var personId = await CreateAsync(client, "person", new { first_name = "Deniz", last_name = "Arslan", email = Unique("geridonen"), phone });

        var (status, _, _) = await client.PostJsonAsync("/api/events", new { type = "email.bounced", entity = "person", recordId = personId, data = new { reason = "550 mailbox unavailable" } });
        Assert.Equal(HttpStatusCode.Created, status);

        var sms = await AutomationFixture.EventuallyAsync(
            () => Task.FromResult(fixture.SmsGateway.Requests.Where(r => r.Body.Contains(phone, StringComparison.Ordinal)).ToList()),
            r => r.Count >= 1, "the SMS fallback");
        Assert.Equal("/sms", sms[0].Target);
        Assert.Contains("Merhaba Deniz, size gönderdiğimiz e-posta ulaşmadı.", sms[0].Body, StringComparison.Ordinal);
        await SettledRunsAsync(client, "bounce_sms_fallback", personId, 1);
        Assert.Equal(1, await Database.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM crm_system.message WHERE channel = 'sms' AND record_id = @id AND status = 'sent'", ("id", Guid.Parse(personId))));
    }

    [Fact]
    public async Task Changing_the_segment_to_gold_sends_the_tailored_welcome_once()
    {
        var client = await fixture.AdminClientAsync();
        var email = Unique("altin");
        var personId = await CreateAsync(client, "person", new { first_name = "Zeynep", last_name = "Şahin", email, segment = "silver" });
        await Consents.GrantAsync(client, personId, "email");

        await PatchAsync(client, "person", personId, new { segment = "gold" });
        var mail = Assert.Single(await MailsToAsync(email, 1, "the gold welcome")).Parse();
        Assert.Equal("Zeynep, Altın müşterilerimiz arasına hoş geldiniz", mail.Subject);

        await PatchAsync(client, "person", personId, new { city = "İzmir" });
        await PatchAsync(client, "person", personId, new { segment = "silver" });
        await PatchAsync(client, "person", personId, new { nps = 9 });
        await SettledRunsAsync(client, "segment_gold_welcome", personId, 1);
        Assert.Single(fixture.Smtp.Received, m => m.To.Contains(email));
    }

    [Fact]
    public async Task A_new_opportunity_gets_a_follow_up_task_and_its_reminder_notifies_the_owner()
    {
        var client = await fixture.AdminClientAsync();
        var personId = await CreateAsync(client, "person", new { first_name = "Can", last_name = "Yıldız" });
        var opportunityId = await CreateAsync(client, "opportunity", new { name = "Filo kiralama", person = personId, amount = 50000m });

        var tasks = await AutomationFixture.EventuallyAsync(
            async () => (await client.GetJsonAsync($"/api/records/task?$filter=opportunity eq {opportunityId}")).Body!["value"]!.AsArray(),
            v => v.Count == 1, "the follow-up task");
        var task = tasks[0]!;
        var taskId = task["id"]!.GetValue<string>();
        Assert.Equal("Takip: Filo kiralama", task["subject"]!.GetValue<string>());
        Assert.Equal(personId, task["person"]!.GetValue<string>());
        Assert.Equal("open", task["status"]!.GetValue<string>());
        var due = DateOnly.Parse(task["due_date"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(due.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber, 1, 3);
        var reminder = DateTimeOffset.Parse(task["reminder_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        await SweepAsync("task_reminder", (reminder - TimeSpan.FromHours(1)).ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(1, await SweepAsync("task_reminder", (reminder + TimeSpan.FromMinutes(1)).ToString("O", CultureInfo.InvariantCulture)));
        await SettledRunsAsync(client, "task_reminder", taskId, 1);
        var (_, messages, _) = await client.GetJsonAsync($"/api/messages?entity=task&recordId={taskId}");
        var notification = Assert.Single(messages!["value"]!.AsArray())!;
        Assert.Equal("notification", notification["channel"]!.GetValue<string>());
        Assert.Equal(task["owner"]!.GetValue<string>(), notification["recipient"]!.GetValue<string>());
        Assert.Equal("Hatırlatma: Takip: Filo kiralama", notification["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_corporate_deal_entering_negotiation_gets_a_contract_task_once_and_other_moves_do_not()
    {
        var client = await fixture.AdminClientAsync();
        var companyId = await CreateAsync(client, "company", new { name = "Sözleşme A.Ş." });
        var dealId = await CreateAsync(client, "opportunity", new
        {
            name = "Yıllık bakım", sales_type = "corporate", company = companyId, amount = 120000m, expected_close_date = "2027-06-30",
        });
        foreach (var stage in new[] { "qualification", "proposal", "negotiation", "proposal", "negotiation" })
            await PatchAsync(client, "opportunity", dealId, new { stage });

        // Entered twice, so two runs; the second move back into negotiation is a new entry, by design.
        await SettledRunsAsync(client, "negotiation_contract_task", dealId, 2);
        var (_, tasks, _) = await client.GetJsonAsync($"/api/records/task?$filter=opportunity eq {dealId} and startswith(subject, 'Sözleşme')");
        Assert.Equal(2, tasks!["value"]!.AsArray().Count);
        Assert.All(tasks["value"]!.AsArray(), t => Assert.Equal("Sözleşme taslağı: Yıllık bakım", t!["subject"]!.GetValue<string>()));

        // An individual deal moving through its own stages never fires the corporate rule.
        var individual = await CreateAsync(client, "opportunity", new { name = "Bireysel", amount = 10m });
        await PatchAsync(client, "opportunity", individual, new { stage = "proposal" });
        var (_, runs, _) = await client.GetJsonAsync($"/api/automation/runs?rule=negotiation_contract_task&recordId={individual}");
        Assert.Empty(runs!["value"]!.AsArray());
    }
}

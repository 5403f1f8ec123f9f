using System.Net;
using System.Text.Json;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Messaging;

public sealed class EventsApiTests(MessagingApiFixture fixture) : IClassFixture<MessagingApiFixture>
{
    private async Task<(HttpClient Admin, Guid PersonId)> PersonAsync()
    {
        var admin = await fixture.AdminClientAsync();
        var (_, person, _) = await admin.PostJsonAsync("/api/records/person", new { first_name = "Mehmet", last_name = "Öztürk" });
        return (admin, Guid.Parse(person!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_posted_event_is_stored_on_the_record_and_queued_for_automation_in_one_go()
    {
        var (admin, personId) = await PersonAsync();

        var (status, stored, _) = await admin.PostJsonAsync("/api/events", new
        {
            type = "form.submitted",
            entity = "person",
            recordId = personId,
            occurredAt = "2026-03-01T09:30:00+03:00",
            data = new { form = "iletişim", fields = new { konu = "Fiyat" } },
        });

        Assert.Equal(HttpStatusCode.Created, status);
        var eventId = stored!["id"]!.GetValue<string>();
        Assert.Equal("2026-03-01T06:30:00Z", stored["occurredAt"]!.GetValue<string>());
        Assert.Equal("api", stored["source"]!.GetValue<string>());
        var payload = await Database.ScalarAsync<string>(fixture.ConnectionString,
            "SELECT payload::text FROM crm_system.outbox WHERE type = 'event' AND entity = 'person' AND record_id = @id", ("id", personId));
        using var document = JsonDocument.Parse(payload);
        Assert.Equal("form.submitted", document.RootElement.GetProperty("eventType").GetString());
        Assert.Equal(eventId, document.RootElement.GetProperty("eventId").GetString());
        Assert.Equal("Fiyat", document.RootElement.GetProperty("data").GetProperty("fields").GetProperty("konu").GetString());

        var (listStatus, list, _) = await admin.GetJsonAsync($"/api/events?entity=person&recordId={personId}");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal("iletişim", Assert.Single(list!["value"]!.AsArray())!["data"]!["form"]!.GetValue<string>());
    }

    [Fact]
    public async Task Custom_event_types_following_the_name_pattern_are_accepted()
    {
        var (admin, personId) = await PersonAsync();
        var (status, _, _) = await admin.PostJsonAsync("/api/events", new { type = "webinar.attended", entity = "person", recordId = personId });
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task An_invalid_event_is_refused_naming_every_wrong_property()
    {
        var (admin, _) = await PersonAsync();

        var (status, problem, response) = await admin.PostJsonAsync("/api/events",
            new { type = "Email Opened!", entity = "person", recordId = "nope", occurredAt = "yesterday", data = new[] { 1 }, extra = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["$.type", "$.recordId", "$.occurredAt", "$.data", "$.extra"], problem.ErrorPaths());
    }

    [Fact]
    public async Task Events_about_unknown_entities_or_records_are_refused()
    {
        var (admin, personId) = await PersonAsync();

        var (entityStatus, entityProblem, _) = await admin.PostJsonAsync("/api/events", new { type = "page.visited", entity = "spaceship", recordId = personId });
        var (recordStatus, recordProblem, _) = await admin.PostJsonAsync("/api/events", new { type = "page.visited", entity = "person", recordId = Guid.NewGuid() });
        var (missingStatus, missingProblem, _) = await admin.PostJsonAsync("/api/events", new { data = new { } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, entityStatus);
        Assert.Equal(["$.entity"], entityProblem.ErrorPaths());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, recordStatus);
        Assert.Equal(["$.recordId"], recordProblem.ErrorPaths());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingStatus);
        Assert.Equal(["$.type", "$.entity", "$.recordId"], missingProblem.ErrorPaths());
        Assert.Equal(0, await Database.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM crm_system.event WHERE record_id = @id", ("id", personId)));
    }

    [Fact]
    public async Task Events_need_a_logged_in_caller()
    {
        var (status, problem, _) = await fixture.App.CreateClient().PostJsonAsync("/api/events",
            new { type = "page.visited", entity = "person", recordId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("unauthorized", problem!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreateClient().GetAsync("/api/messages")).StatusCode);
    }
}

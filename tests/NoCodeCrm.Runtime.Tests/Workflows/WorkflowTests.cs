using System.Net;
using System.Text.Json.Nodes;
using NoCodeCrm.Runtime.Tests.Automation;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Workflows;

/// <summary>Workflows of the service-desk pack: guarded steps, trail, approvals, SLA warning, breach and escalation on a manual clock.</summary>
public sealed class WorkflowTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    private static string Id(JsonNode record) => record["id"]!.GetValue<string>();

    [Fact]
    public async Task A_new_complaint_starts_at_the_first_step_assigned_to_the_team_with_its_first_response_due_in_four_business_hours()
    {
        // Friday 16:00 in Istanbul: two business hours left that day, two more on Monday from 09:00, so due Monday 11:00 (08:00 UTC).
        fixture.Clock.Set(new DateTimeOffset(2026, 3, 6, 13, 0, 0, TimeSpan.Zero));
        var record = await fixture.CreateRequestAsync("complaint", "Start " + Guid.NewGuid());
        Assert.Equal("new", record["step"]!.GetValue<string>());
        Assert.Equal("on_track", record["sla_state"]!.GetValue<string>());
        Assert.Equal(fixture.Agent.ToString(), record["owner"]!.GetValue<string>());
        var due = DateTimeOffset.Parse(record["sla_due"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 8, 0, 0, TimeSpan.Zero), due);
        var trail = await fixture.TrailAsync(Id(record));
        Assert.Equal("start", Assert.Single(trail)!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_step_change_that_is_no_allowed_transition_or_whose_condition_fails_is_refused_and_allowed_ones_write_the_trail()
    {
        var record = await fixture.CreateRequestAsync("complaint", "Guard " + Guid.NewGuid());
        var url = $"/api/records/service_request/{Id(record)}";

        var (status, problem, _) = await fixture.Admin.PatchJsonAsync(url, new { step = "resolved" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("$.step", problem.ErrorPaths().Single());
        Assert.Equal("transitionNotAllowed", problem!["errors"]![0]!["code"]!.GetValue<string>());

        (status, problem, _) = await fixture.Admin.PatchJsonAsync(url, new { sla_state = "breached" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("$.sla_state", problem.ErrorPaths().Single());

        (status, var moved, _) = await fixture.Admin.PatchJsonAsync(url, new { step = "investigating" });
        Assert.True(status == HttpStatusCode.OK, $"{status} {moved}");

        // investigating → proposed_resolution needs a resolution: refused without, allowed when the same write gives one.
        (status, problem, _) = await fixture.Admin.PatchJsonAsync(url, new { step = "proposed_resolution" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("transitionConditionNotMet", problem!["errors"]![0]!["code"]!.GetValue<string>());
        (status, moved, _) = await fixture.Admin.PatchJsonAsync(url, new { step = "proposed_resolution", resolution = "Refund sent" });
        Assert.True(status == HttpStatusCode.OK, $"{status} {moved}");

        var trail = await fixture.TrailAsync(Id(record));
        Assert.Equal(["start", "move", "move"], trail.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal("new", trail[1]!["fromStep"]!.GetValue<string>());
        Assert.Equal("investigating", trail[1]!["toStep"]!.GetValue<string>());
        Assert.NotNull(trail[1]!["spentSeconds"]);
        Assert.Equal("admin", trail[2]!["actorName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reject_returns_to_the_previous_step_keeping_the_comment_approve_moves_on_and_others_are_refused()
    {
        var record = await fixture.CreateRequestAsync("complaint", "Approval " + Guid.NewGuid());
        var id = Id(record);
        var url = $"/api/records/service_request/{id}";
        await MoveAsync(url, new { step = "investigating" });
        await MoveAsync(url, new { step = "proposed_resolution", resolution = "Voucher" });

        var (status, problem, _) = await fixture.Admin.PatchJsonAsync(url, new { step = "resolved" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("approvalRequired", problem!["errors"]![0]!["code"]!.GetValue<string>());

        (status, problem, _) = await fixture.Outsider.PostJsonAsync($"/api/workflows/service_request/{id}/approve", new { comment = "fine by me" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("proposed_resolution", (await fixture.GetAsync(id))["step"]!.GetValue<string>());

        (status, var rejected, _) = await fixture.Approver.PostJsonAsync($"/api/workflows/service_request/{id}/reject", new { comment = "A voucher is not enough" });
        Assert.True(status == HttpStatusCode.OK, $"{status} {rejected}");
        Assert.Equal("investigating", rejected!["step"]!.GetValue<string>());

        await MoveAsync(url, new { step = "proposed_resolution", resolution = "Full refund" });
        (status, var approved, _) = await fixture.Approver.PostJsonAsync($"/api/workflows/service_request/{id}/approve", new { comment = "OK" });
        Assert.True(status == HttpStatusCode.OK, $"{status} {approved}");
        Assert.Equal("resolved", approved!["step"]!.GetValue<string>());

        var trail = await fixture.TrailAsync(id);
        var reject = trail.Single(e => e!["action"]!.GetValue<string>() == "reject")!;
        Assert.Equal("A voucher is not enough", reject["comment"]!.GetValue<string>());
        Assert.Equal("proposed_resolution", reject["fromStep"]!.GetValue<string>());
        Assert.Equal("investigating", reject["toStep"]!.GetValue<string>());
        Assert.Equal("approver", reject["actorName"]!.GetValue<string>());
        Assert.Equal("resolved", trail.Single(e => e!["action"]!.GetValue<string>() == "approve")!["toStep"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_record_waiting_for_approval_is_in_the_approvers_inbox_but_not_in_others_and_leaves_it_once_decided()
    {
        var subject = "Inbox " + Guid.NewGuid();
        var id = Id(await fixture.CreateRequestAsync("complaint", subject));
        var url = $"/api/records/service_request/{id}";
        async Task<JsonArray> InboxAsync(HttpClient client)
        {
            var (status, body, _) = await client.GetJsonAsync("/api/workflows/approvals");
            Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
            return body!["value"]!.AsArray();
        }
        bool Holds(JsonArray inbox) => inbox.Any(e => e!["recordId"]!.GetValue<string>() == id);

        await MoveAsync(url, new { step = "investigating" });
        Assert.False(Holds(await InboxAsync(fixture.Approver)));
        await MoveAsync(url, new { step = "proposed_resolution", resolution = "Refund" });

        var waiting = (await InboxAsync(fixture.Approver)).Single(e => e!["recordId"]!.GetValue<string>() == id)!;
        Assert.Equal("service_request", waiting["entity"]!.GetValue<string>());
        Assert.Equal(subject, waiting["title"]!.GetValue<string>());
        Assert.Equal("complaint", waiting["workflow"]!.GetValue<string>());
        Assert.Equal("proposed_resolution", waiting["step"]!.GetValue<string>());
        Assert.Equal("service_manager", waiting["role"]!.GetValue<string>());
        Assert.True(Holds(await InboxAsync(fixture.Admin)));
        Assert.False(Holds(await InboxAsync(fixture.Outsider)));

        var (status, approved, _) = await fixture.Approver.PostJsonAsync($"/api/workflows/service_request/{id}/approve", new { comment = "OK" });
        Assert.True(status == HttpStatusCode.OK, $"{status} {approved}");
        Assert.False(Holds(await InboxAsync(fixture.Approver)));
    }

    [Fact]
    public async Task Approving_a_record_of_an_entity_without_workflows_is_refused_and_changes_nothing()
    {
        var (_, person, _) = await fixture.Admin.PostJsonAsync("/api/records/person", new { full_name = "Onay Yok" });
        var id = person!["id"]!.GetValue<string>();
        var (status, problem, _) = await fixture.Admin.PostJsonAsync($"/api/workflows/person/{id}/approve", new { comment = "tamam" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("noWorkflow", problem!["code"]!.GetValue<string>());
        var (_, after, _) = await fixture.Admin.GetJsonAsync($"/api/records/person/{id}");
        Assert.Equal(person["version"]!.GetValue<int>(), after!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_complaint_breaching_its_first_response_escalates_once_to_the_team_lead_notifies_and_shows_breached()
    {
        var created = fixture.Clock.GetUtcNow();
        var record = await fixture.CreateRequestAsync("complaint", "Breach " + Guid.NewGuid());
        var id = Id(record);
        var due = DateTimeOffset.Parse(record["sla_due"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(due > created);

        await fixture.SweepAtAsync(due.AddMinutes(-20));
        var atRisk = await fixture.GetAsync(id);
        Assert.Equal("at_risk", atRisk["sla_state"]!.GetValue<string>());
        Assert.Equal(fixture.Agent.ToString(), atRisk["owner"]!.GetValue<string>());

        await fixture.SweepAtAsync(due.AddMinutes(1));
        await fixture.SweepAtAsync(due.AddMinutes(2));
        var breached = await fixture.GetAsync(id);
        Assert.Equal("breached", breached["sla_state"]!.GetValue<string>());
        Assert.Equal(fixture.Lead.ToString(), breached["owner"]!.GetValue<string>());

        var trail = await fixture.TrailAsync(id);
        var escalation = Assert.Single(trail, e => e!["action"]!.GetValue<string>() == "escalate")!;
        Assert.Equal(fixture.Lead.ToString(), escalation["assignee"]!.GetValue<string>());
        Assert.Single(trail, e => e!["action"]!.GetValue<string>() == "slaWarning");

        var messages = await AutomationFixture.EventuallyAsync(() => MessagesAsync(id),
            m => m.Any(x => x!["subject"]?.GetValue<string>()?.StartsWith("Escalated", StringComparison.Ordinal) == true), "the escalation notification");
        var escalated = Assert.Single(messages, m => m!["subject"]!.GetValue<string>().StartsWith("Escalated", StringComparison.Ordinal))!;
        Assert.Equal(fixture.Lead.ToString(), escalated["recipient"]!.GetValue<string>());
        Assert.Contains("agent", escalated["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complaint_breaching_first_response_then_resolution_escalates_to_the_team_lead_then_the_department_manager()
    {
        var record = await fixture.CreateRequestAsync("complaint", "Two breaches " + Guid.NewGuid());
        var id = Id(record);
        var firstDue = DateTimeOffset.Parse(record["sla_due"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        await fixture.SweepAtAsync(firstDue.AddMinutes(1));
        Assert.Equal(fixture.Lead.ToString(), (await fixture.GetAsync(id))["owner"]!.GetValue<string>());

        var (status, trail, _) = await fixture.Admin.GetJsonAsync($"/api/workflows/service_request/{id}/trail");
        Assert.True(status == HttpStatusCode.OK, $"{status} {trail}");
        var resolutionDue = DateTimeOffset.Parse(trail!["state"]!["resolutionDue"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(resolutionDue > firstDue);
        await fixture.SweepAtAsync(resolutionDue.AddMinutes(1));
        await fixture.SweepAtAsync(resolutionDue.AddMinutes(2));

        var after = await fixture.GetAsync(id);
        Assert.Equal("breached", after["sla_state"]!.GetValue<string>());
        Assert.Equal(fixture.Manager.ToString(), after["owner"]!.GetValue<string>());
        var escalations = (await fixture.TrailAsync(id)).Where(e => e!["action"]!.GetValue<string>() == "escalate").ToArray();
        Assert.Equal([fixture.Lead.ToString(), fixture.Manager.ToString()], escalations.Select(e => e!["assignee"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_request_recategorised_as_a_complaint_before_its_first_move_switches_workflow_and_one_that_has_moved_stays()
    {
        var record = await fixture.CreateRequestAsync("request", "Switch " + Guid.NewGuid());
        var id = Id(record);
        var requestDue = DateTimeOffset.Parse(record["sla_due"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        await MoveAsync($"/api/records/service_request/{id}", new { category = "complaint" });

        var (_, trail, _) = await fixture.Admin.GetJsonAsync($"/api/workflows/service_request/{id}/trail");
        Assert.Equal("complaint", trail!["state"]!["workflow"]!.GetValue<string>());
        Assert.Equal("new", trail["state"]!["step"]!.GetValue<string>());
        Assert.Equal(["start", "switch", "start"], trail["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        var switched = await fixture.GetAsync(id);
        // The complaint's first response (4 business hours) replaces the request's (8).
        var complaintDue = DateTimeOffset.Parse(switched["sla_due"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(complaintDue < requestDue, $"{complaintDue} should come before {requestDue}");
        Assert.Equal(1L, await Database.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(DISTINCT workflow) FROM crm_system.workflow_timer WHERE record_id = @id", ("id", Guid.Parse(id))));

        var moved = Id(await fixture.CreateRequestAsync("request", "Stays " + Guid.NewGuid()));
        await MoveAsync($"/api/records/service_request/{moved}", new { step = "in_progress" });
        await MoveAsync($"/api/records/service_request/{moved}", new { category = "complaint" });
        var (_, kept, _) = await fixture.Admin.GetJsonAsync($"/api/workflows/service_request/{moved}/trail");
        Assert.Equal("request", kept!["state"]!["workflow"]!.GetValue<string>());
        Assert.Equal("in_progress", kept["state"]!["step"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_answered_and_resolved_in_time_never_breaches()
    {
        var record = await fixture.CreateRequestAsync("request", "In time " + Guid.NewGuid());
        var id = Id(record);
        var url = $"/api/records/service_request/{id}";
        await MoveAsync(url, new { step = "in_progress" });
        await MoveAsync(url, new { step = "resolved" });
        await fixture.SweepAtAsync(fixture.Clock.GetUtcNow().AddDays(30));

        var after = await fixture.GetAsync(id);
        Assert.Equal("on_track", after["sla_state"]!.GetValue<string>());
        Assert.Equal(fixture.Agent.ToString(), after["owner"]!.GetValue<string>());
        Assert.Null(after["sla_due"]);
        var trail = await fixture.TrailAsync(id);
        Assert.DoesNotContain(trail, e => e!["action"]!.GetValue<string>() is "escalate" or "slaBreach" or "slaWarning");
    }

    [Fact]
    public async Task Publishing_a_workflow_whose_step_is_no_option_of_its_field_is_refused_with_the_path()
    {
        var (_, model, _) = await fixture.Admin.GetJsonAsync("/api/metadata");
        model!["workflows"]![0]!["steps"]![1]!["name"] = "nowhere";
        var (status, problem, _) = await fixture.Admin.PutJsonAsync("/api/metadata", model);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("$.workflows[0].steps[1].name", problem.ErrorPaths());
    }

    [Fact]
    public async Task A_step_past_its_due_time_is_marked_overdue_once_and_notifies_the_assignee_while_a_step_left_in_time_never_is()
    {
        var record = await fixture.CreateRequestAsync("complaint", "Overdue " + Guid.NewGuid());
        var id = Id(record);
        var newDue = DateTimeOffset.Parse(record["step_due"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(newDue > fixture.Clock.GetUtcNow());

        await MoveAsync($"/api/records/service_request/{id}", new { step = "investigating" });
        var investigating = await fixture.GetAsync(id);
        var due = DateTimeOffset.Parse(investigating["step_due"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(due > newDue, $"investigating is due {due}, after new's {newDue}");

        await fixture.SweepAtAsync(due.AddMinutes(-1));
        Assert.DoesNotContain(await fixture.TrailAsync(id), e => e!["action"]!.GetValue<string>() == "stepOverdue");
        await fixture.SweepAtAsync(due.AddMinutes(1));
        await fixture.SweepAtAsync(due.AddMinutes(2));

        var trail = await fixture.TrailAsync(id);
        var overdue = Assert.Single(trail, e => e!["action"]!.GetValue<string>() == "stepOverdue")!;
        Assert.Equal("investigating", overdue["fromStep"]!.GetValue<string>());
        var after = await fixture.GetAsync(id);
        Assert.Equal("investigating", after["step"]!.GetValue<string>());
        Assert.Equal(fixture.Agent.ToString(), after["owner"]!.GetValue<string>());
        var messages = await AutomationFixture.EventuallyAsync(() => MessagesAsync(id),
            m => m.Any(x => x!["subject"]?.GetValue<string>()?.StartsWith("Overdue", StringComparison.Ordinal) == true), "the overdue notification");
        var reminder = Assert.Single(messages, m => m!["subject"]!.GetValue<string>().StartsWith("Overdue", StringComparison.Ordinal))!;
        Assert.Equal(fixture.Agent.ToString(), reminder["recipient"]!.GetValue<string>());
        Assert.Contains("investigating", reminder["subject"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_an_overdue_notification_on_a_step_without_a_due_time_or_a_step_due_field_that_is_no_datetime_is_refused()
    {
        var (_, model, _) = await fixture.Admin.GetJsonAsync("/api/metadata");
        var complaint = model!["workflows"]![0]!;
        complaint["steps"]![2]!["notify"]!.AsArray().Add(new JsonObject { ["template"] = "step_overdue", ["on"] = "overdue" });
        complaint["stepDueField"] = "subject";
        var (status, problem, _) = await fixture.Admin.PutJsonAsync("/api/metadata", model);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("$.workflows[0].steps[2].notify[1].on", problem.ErrorPaths());
        Assert.Contains("$.workflows[0].stepDueField", problem.ErrorPaths());
    }

    private async Task MoveAsync(string url, object body)
    {
        var (status, answer, _) = await fixture.Admin.PatchJsonAsync(url, body);
        Assert.True(status == HttpStatusCode.OK, $"{status} {answer}");
    }

    private async Task<JsonArray> MessagesAsync(string id)
    {
        var (_, body, _) = await fixture.Admin.GetJsonAsync($"/api/messages?entity=service_request&recordId={id}&channel=notification");
        return body!["value"]!.AsArray();
    }
}

using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Tests.Audit;

/// <summary>Every write leaves an audit row in its own transaction, with who, through what and each field's old → new value; the rows cannot be changed.</summary>
public sealed class AuditTrailTests
{
    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString()}");

    [Fact]
    public async Task Create_update_delete_and_restore_each_leave_a_row_with_the_user_and_old_to_new_values()
    {
        await using var host = await AuditHost.StartAsync();
        var id = await host.CreateAsync("person", new { name = "Ada", city = "Ankara", tags = new[] { "vip" }, score = 7.5m });
        await host.PatchAsync("person", id, new { city = "İzmir", tags = new[] { "vip", "press" }, score = 7.5m, name = "Ada" });
        await host.Records.DeleteAsync(AuditHost.Ayse, "person", id, null, CancellationToken.None);
        await host.Records.RestoreAsync(CrmPrincipal.Administrator(), "person", id, CancellationToken.None);

        var rows = await host.AuditAsync(new AuditQuery(RecordId: id));
        Assert.Equal(["restore", "delete", "update", "create"], rows.Select(r => r["operation"]!.GetValue<string>()));
        Assert.All(rows, r => Assert.Equal("api", r["source"]!.GetValue<string>()));
        Assert.All(rows, r => Assert.Equal("person", r["entity"]!.GetValue<string>()));
        Assert.Equal(["admin", "ayse", "ayse", "ayse"], rows.Select(r => r["userName"]!.GetValue<string>()));
        Assert.Equal(AuditHost.Ayse.UserId.ToString(), rows[3]["userId"]!.GetValue<string>());

        AssertJson($$$"""
            {"owner": {"new": "{{{AuditHost.Ayse.UserId}}}"}, "name": {"new": "Ada"}, "city": {"new": "Ankara"}, "tags": {"new": ["vip"]}, "score": {"new": 7.50}}
            """, rows[3]["changes"]);
        // Only what changed: name and score were sent again with their old values.
        AssertJson("""{"city": {"old": "Ankara", "new": "İzmir"}, "tags": {"old": ["vip"], "new": ["vip", "press"]}}""", rows[2]["changes"]);
        AssertJson($$$"""
            {"owner": {"old": "{{{AuditHost.Ayse.UserId}}}"}, "name": {"old": "Ada"}, "city": {"old": "İzmir"}, "tags": {"old": ["vip", "press"]}, "score": {"old": 7.50}}
            """, rows[1]["changes"]);
        Assert.Null(rows[0]["changes"]);
    }

    [Fact]
    public async Task Clearing_a_field_is_kept_as_old_value_to_null()
    {
        await using var host = await AuditHost.StartAsync();
        var id = await host.CreateAsync("person", new { name = "Ada", city = "Ankara" });
        await host.PatchAsync("person", id, new { city = (string?)null });

        var update = (await host.AuditAsync(new AuditQuery(RecordId: id)))[0];
        AssertJson("""{"city": {"old": "Ankara", "new": null}}""", update["changes"]);
    }

    [Fact]
    public async Task Deleting_a_company_audits_the_people_its_cascade_deleted_and_restoring_it_audits_them_again()
    {
        await using var host = await AuditHost.StartAsync();
        var acme = await host.CreateAsync("company", new { name = "Acme" });
        var ada = await host.CreateAsync("person", new { name = "Ada", company = acme });
        var bob = await host.CreateAsync("person", new { name = "Bob", company = acme });
        var other = await host.CreateAsync("person", new { name = "Cem" });

        await host.Records.DeleteAsync(AuditHost.Ayse, "company", acme, null, CancellationToken.None);
        await host.Records.RestoreAsync(AuditHost.Ayse, "company", acme, CancellationToken.None);

        foreach (var person in new[] { ada, bob })
        {
            var rows = await host.AuditAsync(new AuditQuery(RecordId: person));
            Assert.Equal(["restore", "delete", "create"], rows.Select(r => r["operation"]!.GetValue<string>()));
            Assert.All(rows.Take(2), r => Assert.Equal($"company/{acme}", r["cascadeOf"]!.GetValue<string>()));
            Assert.All(rows.Take(2), r => Assert.Equal("ayse", r["userName"]!.GetValue<string>()));
        }
        Assert.Single(await host.AuditAsync(new AuditQuery(RecordId: other)));
        Assert.Equal(["restore", "delete", "create"], (await host.AuditAsync(new AuditQuery(RecordId: acme))).Select(r => r["operation"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_write_that_rolls_back_leaves_no_audit_row()
    {
        var failing = new FailingHook();
        await using var host = await AuditHost.StartAsync(failing);
        var id = await host.CreateAsync("person", new { name = "Ada" });

        failing.Fail = true;
        await Assert.ThrowsAsync<CrmException>(() => host.PatchAsync("person", id, new { name = "Ada Lovelace" }));
        await Assert.ThrowsAsync<CrmException>(() => host.CreateAsync("person", new { name = "Bob" }));
        await Assert.ThrowsAsync<CrmException>(() => host.Records.DeleteAsync(AuditHost.Ayse, "person", id, null, CancellationToken.None));

        var rows = await host.AuditAsync(new AuditQuery(Entity: "person"));
        Assert.Equal("create", Assert.Single(rows)["operation"]!.GetValue<string>());
        Assert.Equal(1, failing.Calls(RecordOperation.Update));
    }

    [Theory]
    [InlineData("UPDATE crm_system.audit SET user_name = 'someone else'")]
    [InlineData("DELETE FROM crm_system.audit")]
    [InlineData("TRUNCATE crm_system.audit")]
    public async Task Changing_or_removing_audit_rows_in_sql_fails(string sql)
    {
        await using var host = await AuditHost.StartAsync();
        await host.CreateAsync("person", new { name = "Ada" });

        var error = await Assert.ThrowsAsync<PostgresException>(() => host.ScalarAsync(sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("audit rows cannot be changed or deleted", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM crm_system.audit WHERE user_name = 'ayse'"));
    }

    [Fact]
    public async Task Reads_and_exports_of_sensitive_fields_are_logged_with_records_and_fields_but_no_values()
    {
        await using var host = await AuditHost.StartAsync();
        var ada = await host.CreateAsync("person", new { name = "Ada", city = "Ankara" });
        var bob = await host.CreateAsync("person", new { name = "Bob", city = "Bursa" });

        await host.Log.RecordReadAsync(AuditHost.Ayse, "person", [ada], ["city"], CancellationToken.None);
        await host.Log.RecordExportAsync(CrmPrincipal.Administrator(), "person", [ada, bob], ["name", "city"], CancellationToken.None);
        await host.Log.RecordExportAsync(CrmPrincipal.Administrator(), "person", [], ["city"], CancellationToken.None);

        var shown = (await host.AuditAsync(new AuditQuery(RecordId: ada))).Where(r => r["operation"]!.GetValue<string>() != "create").ToArray();
        Assert.Equal(["export", "read"], shown.Select(r => r["operation"]!.GetValue<string>()));
        var (export, read) = (shown[0], shown[1]);
        Assert.Equal("admin", export["userName"]!.GetValue<string>());
        Assert.Null(export["recordId"]);
        Assert.Equal([ada.ToString(), bob.ToString()], export["recordIds"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(["name", "city"], export["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("ayse", read["userName"]!.GetValue<string>());
        Assert.Equal(ada.ToString(), read["recordId"]!.GetValue<string>());
        Assert.Equal(["city"], read["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Null(read["changes"]);
        Assert.DoesNotContain("Ankara", string.Join("", shown.Select(r => r.ToJsonString())), StringComparison.Ordinal);
        Assert.Equal(["export", "create"], (await host.AuditAsync(new AuditQuery(RecordId: bob))).Select(r => r["operation"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_store_filters_by_entity_user_and_time_and_pages_newest_first()
    {
        await using var host = await AuditHost.StartAsync();
        var acme = await host.CreateAsync("company", new { name = "Acme" });
        var people = new List<Guid>();
        for (var i = 0; i < 5; i++) people.Add(await host.CreateAsync("person", new { name = $"P{i}" }, i % 2 == 0 ? CrmPrincipal.Administrator() : null));

        var persons = await host.AuditAsync(new AuditQuery(Entity: "person"));
        Assert.Equal(people.AsEnumerable().Reverse().Select(p => p.ToString()), persons.Select(r => r["recordId"]!.GetValue<string>()));
        var page = await host.AuditAsync(new AuditQuery(Entity: "person", Top: 2, Skip: 1));
        Assert.Equal([people[3].ToString(), people[2].ToString()], page.Select(r => r["recordId"]!.GetValue<string>()));

        Assert.Equal(3, (await host.AuditAsync(new AuditQuery(User: "admin"))).Length);
        Assert.Equal(3, (await host.AuditAsync(new AuditQuery(User: CrmPrincipal.AdministratorId.ToString()))).Length);
        Assert.Equal(3, (await host.AuditAsync(new AuditQuery(User: "ayse"))).Length);
        Assert.Equal(2, (await host.AuditAsync(new AuditQuery(Entity: "person", User: "ayse"))).Length);
        Assert.Equal(2, await host.Store.CountAsync(new AuditQuery(Entity: "person", User: "ayse"), CancellationToken.None));

        // Rows carry their transaction's time from the database's clock; the company's row is the first.
        var first = (await host.AuditAsync(new AuditQuery(RecordId: acme)))[0]["at"]!.GetValue<DateTimeOffset>();
        Assert.Equal(6, (await host.AuditAsync(new AuditQuery(From: first))).Length);
        Assert.Empty(await host.AuditAsync(new AuditQuery(To: first)));
        var between = first.AddTicks(10);
        Assert.Equal(acme.ToString(), Assert.Single(await host.AuditAsync(new AuditQuery(To: between)))["recordId"]!.GetValue<string>());
        Assert.Equal(5, (await host.AuditAsync(new AuditQuery(From: between))).Length);
    }

    /// <summary>A later step of the pipeline that fails on demand, after the audit hook has written its row.</summary>
    private sealed class FailingHook : IRecordWriteHook
    {
        private readonly Dictionary<RecordOperation, int> _calls = [];

        public bool Fail { get; set; }

        public int Calls(RecordOperation operation) => _calls.GetValueOrDefault(operation);

        public Task AfterWriteAsync(RecordChange change, CancellationToken ct)
        {
            _calls[change.Operation] = Calls(change.Operation) + 1;
            return Fail ? throw new CrmException(CrmErrorKind.Conflict, "failed", "A later step failed.") : Task.CompletedTask;
        }
    }
}

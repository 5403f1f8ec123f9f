using System.Net;
using System.Text.Json.Nodes;
using NoCodeCrm.Runtime.Tests.Infrastructure;
using NoCodeCrm.Runtime.Tests.Security;

namespace NoCodeCrm.Runtime.Tests.Views;

/// <summary>Saved list views on the server: private, shared with the owner's team, or with everyone, over the sample's organisation.</summary>
public sealed class SavedViewsApiTests(RecordAccessTests.Organisation org) : IClassFixture<RecordAccessTests.Organisation>
{
    private static async Task<JsonNode> CreateAsync(HttpClient client, object view)
    {
        var (status, body, _) = await client.PostJsonAsync("/api/saved-views/opportunity", view);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        return body!;
    }

    private static async Task<string[]> NamesAsync(HttpClient client)
    {
        var (status, body, _) = await client.GetJsonAsync("/api/saved-views/opportunity");
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        return body!["value"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).ToArray();
    }

    [Fact]
    public async Task A_view_is_seen_by_its_owner_by_the_owners_team_when_shared_with_it_and_by_everyone_when_shared_with_all()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var rep1 = org.Users["rep1"];
        var conditions = new JsonArray(new JsonObject { ["path"] = "amount", ["operator"] = "gt", ["value"] = "1000" });
        var own = await CreateAsync(rep1, new { name = $"Büyük {tag}", filter = "amount gt 1000", orderBy = "amount desc", conditions });
        await CreateAsync(rep1, new { name = $"Ekip {tag}", sharing = "team", filter = "amount ge 1000" });
        await CreateAsync(rep1, new { name = $"Herkes {tag}", sharing = "everyone", search = "fırsat" });

        Assert.Equal("private", own["sharing"]!.GetValue<string>());
        Assert.True(own["mine"]!.GetValue<bool>());
        Assert.Equal("amount", own["conditions"]![0]!["path"]!.GetValue<string>());
        Assert.Equal([$"Büyük {tag}", $"Ekip {tag}", $"Herkes {tag}"], (await NamesAsync(rep1)).Where(n => n.EndsWith(tag, StringComparison.Ordinal)));
        Assert.Equal([$"Ekip {tag}", $"Herkes {tag}"], (await NamesAsync(org.Users["rep2"])).Where(n => n.EndsWith(tag, StringComparison.Ordinal)));
        Assert.Equal([$"Herkes {tag}"], (await NamesAsync(org.Users["rep3"])).Where(n => n.EndsWith(tag, StringComparison.Ordinal)));
        var (_, shared, _) = await org.Users["rep2"].GetJsonAsync("/api/saved-views/opportunity");
        var team = shared!["value"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == $"Ekip {tag}")!;
        Assert.False(team["mine"]!.GetValue<bool>());
        Assert.Equal("rep1", team["ownerName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_owner_changes_or_deletes_a_view_and_a_view_others_cannot_see_answers_like_a_missing_one()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var rep1 = org.Users["rep1"];
        var view = await CreateAsync(rep1, new { name = $"Paylaşılan {tag}", sharing = "team" });
        var url = $"/api/saved-views/opportunity/{view["id"]!.GetValue<string>()}";

        Assert.Equal(HttpStatusCode.Forbidden, (await org.Users["rep2"].PutJsonAsync(url, new { name = "Benim" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Users["rep3"].PutJsonAsync(url, new { name = "Benim" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Users["rep2"].SendAsync(HttpMethod.Delete, url)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await rep1.GetJsonAsync($"/api/saved-views/person/{view["id"]!.GetValue<string>()}")).Status);

        var (status, renamed, _) = await rep1.PutJsonAsync(url, new { name = $"Özel {tag}", sharing = "private", filter = "amount lt 5000" });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {renamed}");
        Assert.Equal("amount lt 5000", renamed!["filter"]!.GetValue<string>());
        Assert.DoesNotContain($"Özel {tag}", await NamesAsync(org.Users["rep2"]));
        Assert.Equal(HttpStatusCode.NoContent, (await rep1.SendAsync(HttpMethod.Delete, url)).Status);
        Assert.DoesNotContain($"Özel {tag}", await NamesAsync(rep1));
    }

    [Fact]
    public async Task A_bad_filter_sort_or_name_a_duplicate_name_or_a_hidden_field_is_refused_naming_the_property()
    {
        var rep1 = org.Users["rep1"];
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (badFilter, problem, _) = await rep1.PostJsonAsync("/api/saved-views/opportunity", new { name = "x" + tag, filter = "nosuchfield eq 1" });
        Assert.Equal(HttpStatusCode.BadRequest, badFilter);
        Assert.Contains("$.filter", problem.ErrorPaths());
        var (badSort, sortProblem, _) = await rep1.PostJsonAsync("/api/saved-views/opportunity", new { name = "y" + tag, orderBy = "amount sideways" });
        Assert.Equal(HttpStatusCode.BadRequest, badSort);
        Assert.Contains("$.orderBy", sortProblem.ErrorPaths());
        var (badShape, shapeProblem, _) = await rep1.PostJsonAsync("/api/saved-views/opportunity", new { name = "", sharing = "world", conditions = "all" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badShape);
        Assert.Equal(["$.conditions", "$.name", "$.sharing"], shapeProblem.ErrorPaths().Order(StringComparer.Ordinal));
        var (notObject, notObjectProblem, _) = await rep1.PostJsonAsync("/api/saved-views/opportunity", new[] { 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notObject);
        Assert.Contains("$", notObjectProblem.ErrorPaths());

        await CreateAsync(rep1, new { name = "Aynı " + tag });
        var (duplicate, duplicateProblem, _) = await rep1.PostJsonAsync("/api/saved-views/opportunity", new { name = "aynı " + tag });
        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        Assert.Equal(["$.name"], duplicateProblem.ErrorPaths());

        var (hidden, hiddenProblem, _) = await org.Users["marketer"].PostJsonAsync("/api/saved-views/person", new { name = "Notlar", filter = "notes eq 'x'" });
        Assert.Equal(HttpStatusCode.Forbidden, hidden);
        Assert.Equal("fieldHidden", hiddenProblem!["code"]!.GetValue<string>());
        Assert.Equal(0L, await Database.ScalarAsync<long>(org.Factory.ConnectionString,
            "SELECT count(*) FROM crm_system.saved_view WHERE name IN ('x' || @t, 'y' || @t, 'Notlar')", ("t", tag)));
    }
}

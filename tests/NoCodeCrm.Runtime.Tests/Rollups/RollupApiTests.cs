using System.Globalization;
using System.Net;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Rollups;

/// <summary>The sample pack's person rollups over HTTP: maintained on order writes, filterable, and read-only.</summary>
public sealed class RollupApiTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    private static string DaysAgo(int days) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Orders_written_through_the_api_update_the_person_rollups_which_filter_like_stored_fields()
    {
        var client = await factory.CreateAdminClientAsync();
        var (_, person, _) = await client.PostJsonAsync("/api/records/person", new { first_name = "Rollup", last_name = "Api" });
        var id = person!["id"]!.GetValue<string>();
        Assert.Equal(0, person["order_count_3m"]!.GetValue<long>());
        foreach (var (amount, date) in new[] { (100m, DaysAgo(2)), (50m, DaysAgo(10)) })
        {
            var (status, body, _) = await client.PostJsonAsync("/api/records/sales_order", new { person = id, total_amount = amount, order_date = date, status = "confirmed" });
            Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        }

        var (_, read, _) = await client.GetJsonAsync($"/api/records/person/{id}");
        Assert.Equal(2, read!["order_count_3m"]!.GetValue<long>());
        Assert.Equal(150m, read["order_total"]!.GetValue<decimal>());
        var (filterStatus, page, _) = await client.GetJsonAsync("/api/records/person?$filter=last_name eq 'Api' and order_count_3m ge 2&$count=true");
        Assert.Equal(HttpStatusCode.OK, filterStatus);
        Assert.Equal(id, page!["value"]!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Writing_a_rollup_field_gets_422_read_only_naming_the_field()
    {
        var client = await factory.CreateAdminClientAsync();
        var (status, problem, _) = await client.PostJsonAsync("/api/records/person", new { first_name = "A", last_name = "B", order_total = 5 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["$.order_total"], problem.ErrorPaths());
        Assert.Equal("readOnly", problem!["errors"]![0]!["code"]!.GetValue<string>());
    }
}

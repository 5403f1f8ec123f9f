namespace NoCodeCrm.Engine.Tests.Rollups;

/// <summary>The CRM sample pack publishes with its rollups, and they count what they say.</summary>
public sealed class RollupSamplePackTests
{
    [Fact]
    public async Task The_sample_pack_publishes_and_its_person_rollups_follow_sales_orders()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "NoCodeCrm.sln"))) directory = Path.GetDirectoryName(directory)!;
        await using var host = await RollupHost.StartAsync(await File.ReadAllTextAsync(Path.Combine(directory, "samples", "crm", "model.json")));

        var person = await host.CreateAsync("person", new { first_name = "Ayşe", last_name = "Yılmaz" });
        await host.CreateAsync("sales_order", new { person, total_amount = 1200m, status = "confirmed", order_date = RollupModels.Today(daysAgo: 1) });
        await host.CreateAsync("sales_order", new { person, total_amount = 300m, status = "cancelled", order_date = RollupModels.Today(monthsAgo: 5) });

        var record = await host.GetAsync("person", person);
        Assert.Equal(1L, record["order_count_3m"]);
        Assert.Equal(1200m, record["order_total"]);
    }
}

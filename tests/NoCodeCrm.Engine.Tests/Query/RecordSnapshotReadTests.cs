using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Tests.Rollups;

namespace NoCodeCrm.Engine.Tests.Query;

public sealed class RecordSnapshotReadTests
{
    [Fact]
    public async Task Records_written_while_the_pages_are_read_neither_repeat_nor_go_missing_and_the_count_holds()
    {
        await using var host = await RollupHost.StartAsync("""{"entities":[{"name":"item","fields":[{"name":"title","type":"text"}]}]}""");
        var first = new List<Guid>();
        for (var i = 1; i <= 5; i++) first.Add(await host.CreateAsync("item", new { title = $"b{i}" }));
        var seen = new List<string>();
        long? count = null;

        var options = RecordQueryOptions.FromParameters(null, "title", "2", null, null, null, null, null, null);
        await host.Query.ReadSnapshotAsync(RollupHost.Admin, "item", options, RecordOperation.Read, page =>
        {
            count ??= page.Count;
            seen.AddRange(page.Records.Select(r => (string)r["title"]!));
            // Between pages another user adds a record that sorts first and deletes one still to come: offset paging outside a
            // snapshot would repeat b2 and lose b4.
            if (seen.Count == 2)
            {
                host.CreateAsync("item", new { title = "a0" }).GetAwaiter().GetResult();
                host.DeleteAsync("item", first[3]).GetAwaiter().GetResult();
            }
            return true;
        }, CancellationToken.None);

        Assert.Equal(["b1", "b2", "b3", "b4", "b5"], seen);
        Assert.Equal(5, count);
        var after = await host.Query.QueryAsync(RollupHost.Admin, "item", options with { Top = 10 }, CancellationToken.None);
        Assert.Equal(["a0", "b1", "b2", "b3", "b5"], after.Records.Select(r => (string)r["title"]!));
    }
}

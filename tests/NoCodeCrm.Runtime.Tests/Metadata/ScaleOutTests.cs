using System.Net;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Metadata;

public sealed class ScaleOutTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    [Fact]
    public async Task A_publish_on_one_node_reaches_the_other_nodes_through_notify()
    {
        var nodeA = await factory.CreateAdminClientAsync();
        await using var second = new SecondNodeFactory(factory.ConnectionString);
        var nodeB = second.CreateClient();
        var (loginStatus, login, _) = await nodeB.PostJsonAsync("/api/auth/login", new { username = "admin", password = CrmApiFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, loginStatus);
        nodeB.DefaultRequestHeaders.Authorization = new("Bearer", login!["token"]!.GetValue<string>());

        var (status, _, _) = await nodeA.PostJsonAsync("/api/metadata/entities/company/fields", """{"name":"notified_field","type":"text"}""");
        Assert.Equal(HttpStatusCode.OK, status);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode created;
        do
        {
            created = (await nodeB.PostJsonAsync("/api/records/company", new { name = "Node B", notified_field = "seen" })).Status;
            if (created == HttpStatusCode.Created) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Created, created);
    }
}

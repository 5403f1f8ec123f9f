using System.Text.Json;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Templates;
using NoCodeCrm.Engine.Tests.Infrastructure;
using static NoCodeCrm.Engine.Tests.Templates.TemplateTestModel;

namespace NoCodeCrm.Engine.Tests.Templates;

/// <summary>Loading a record's lookups from PostgreSQL for a template, and the parsed templates living with the published version.</summary>
public sealed class TemplateDataLoaderTests : IAsyncLifetime
{
    private static readonly CrmPrincipal Admin = CrmPrincipal.Administrator("tr");
    private readonly ModelRegistry _registry = new(SchemaNames.Default);
    private NpgsqlDataSource _dataSource = null!;
    private RecordService _records = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        await using (var connection = await _dataSource.OpenConnectionAsync()) await SystemSchema.EnsureAsync(connection, SchemaNames.Default, default);
        var publisher = new MetadataPublisher(_dataSource, _registry, new MetadataStore(SchemaNames.Default));
        var welcome = Welcome();
        welcome["text"]!["tr"] = "{{ record.first_name }} / {{ record.company.name }} / {{ record.company.sector_label }} / {{ record.company.parent_company.id }}";
        await publisher.PublishAsync(new PublishRequest(Document(welcome).ToJsonString(), "test"), default);
        _records = new RecordService(_dataSource, _registry, new AdministratorOnlyAccessPolicy(), []);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private async Task<StoredRecord> CreateAsync(string entity, object body) =>
        await _records.CreateAsync(Admin, entity, JsonSerializer.SerializeToElement(body), default);

    private async Task<TemplateData> LoadAsync(StoredRecord record)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await TemplateDataLoader.LoadAsync(connection, _registry.Current, record, Admin, default);
    }

    [Fact]
    public async Task A_record_is_rendered_with_its_looked_up_record_and_that_record_s_own_lookups_as_ids()
    {
        var parent = await CreateAsync("company", new { name = "Holding" });
        var company = await CreateAsync("company", new { name = "Çınar", sector = "retail", parent_company = parent.Id });
        var person = await CreateAsync("person", new { first_name = "Ayşe", company = company.Id });

        var data = await LoadAsync(person);

        Assert.Equal(company.Id, data.Lookups["company"]!.Id);
        Assert.Equal($"Ayşe / Çınar / Perakende / {parent.Id}", new TemplateService().Render(_registry.Current, "welcome", data, "tr").Text);
    }

    [Fact]
    public async Task A_deleted_or_empty_lookup_is_loaded_as_nothing()
    {
        var company = await CreateAsync("company", new { name = "Gone" });
        var person = await CreateAsync("person", new { first_name = "Can", company = company.Id });
        var alone = await CreateAsync("person", new { first_name = "Ece" });
        // The pipeline refuses to delete a company a person still points at; a row deleted behind its back must not leak into a message.
        await using (var connection = await _dataSource.OpenConnectionAsync())
        await using (var command = new NpgsqlCommand($"UPDATE {_registry.Names.Table("company")} SET deleted_at = now() WHERE id = @id", connection))
        {
            command.Parameters.AddWithValue("id", company.Id);
            await command.ExecuteNonQueryAsync();
        }

        var data = await LoadAsync(person);
        var aloneData = await LoadAsync(alone);

        Assert.Null(data.Lookups["company"]);
        Assert.Null(aloneData.Lookups["company"]);
        Assert.Equal("Can /  /  / ", new TemplateService().Render(_registry.Current, "welcome", data, "tr").Text);
    }

    [Fact]
    public void Templates_are_parsed_once_per_published_version()
    {
        var model = _registry.Current;

        Assert.Same(model.Templates, _registry.Current.Templates);
        Assert.Same(model.Templates.Find("welcome"), _registry.Current.Templates.Find("welcome"));
    }
}

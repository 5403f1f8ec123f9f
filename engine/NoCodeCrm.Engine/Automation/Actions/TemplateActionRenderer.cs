using System.Text.Json;
using Npgsql;
using NoCodeCrm.Engine.Templates;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>Renders action values with the template engine: the record, its lookups, the user and the triggering event.</summary>
public sealed class TemplateActionRenderer(NpgsqlDataSource dataSource, TemplateService templates) : IActionRenderer
{
    public async Task<Func<string, string>> PrepareAsync(ActionContext context, CancellationToken ct)
    {
        var data = await LoadAsync(dataSource, context, ct).ConfigureAwait(false);
        return source => templates.RenderInline(context.Model, source, data, ct);
    }

    /// <summary>What templates of an action see: <c>record</c> with lookups, <c>user</c>, <c>now</c> and the trigger's <c>event</c>.</summary>
    public static async Task<TemplateData> LoadAsync(NpgsqlDataSource dataSource, ActionContext context, CancellationToken ct)
    {
        TemplateData data;
        if (context.Record is { } record)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            data = await TemplateDataLoader.LoadAsync(connection, context.Model, record, Execution.AutomationRecords.Principal, ct).ConfigureAwait(false);
        }
        else data = TemplateData.Empty(Execution.AutomationRecords.Principal);
        if (context.Input.ValueKind == JsonValueKind.Object && context.Input.TryGetProperty("event", out var trigger)) data.Set("event", trigger);
        return data;
    }
}

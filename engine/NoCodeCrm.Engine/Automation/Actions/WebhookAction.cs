using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Messaging.Webhooks;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>
/// POSTs the rule, the trigger and the record as JSON to a URL (signed, with the action key as <c>Idempotency-Key</c> so a
/// receiver can drop a retry's duplicate); the effect is recorded once the receiver accepted it.
/// </summary>
public sealed class WebhookAction(NpgsqlDataSource dataSource, ModelRegistry registry, WebhookClient client) : IAutomationAction
{
    public ActionType Type => ActionType.Webhook;

    public async Task<JsonNode?> ExecuteAsync(ActionContext context, CancellationToken ct)
    {
        var action = context.Step.Action;
        if (!Uri.TryCreate(action.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new CrmException(CrmErrorKind.Validation, "invalidUrl", $"The webhook URL '{action.Url}' is not an absolute http(s) URL.");
        var body = Body(context);
        if (context.DryRun) return new JsonObject { ["url"] = url.ToString(), ["body"] = JsonNode.Parse(body) };
        WebhookResult result;
        try
        {
            result = await client.PostAsync(url, body, context.ActionKey, TimeSpan.FromSeconds(Math.Clamp(action.TimeoutSeconds ?? 10, 1, 30)), ct).ConfigureAwait(false);
        }
        catch (WebhookAddressRefusedException ex)
        {
            throw new FinalActionException(ex.Message, ex);
        }
        catch (WebhookFailedException ex) when (!ex.Retryable)
        {
            throw new FinalActionException(ex.Message, ex);
        }
        var output = new JsonObject { ["url"] = url.ToString(), ["status"] = result.StatusCode, ["response"] = Excerpt(result.Body) };
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await AutomationEffects.RecordAsync(connection, null, registry.Names, context.ActionKey, context.Entity?.Name, context.Record?.Id, output,
            ignoreDuplicate: true, ct).ConfigureAwait(false);
        return output;
    }

    private static string Body(ActionContext context)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, RecordJsonWriter.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("rule", context.Rule.Name);
            writer.WriteString("runId", context.RunId);
            writer.WriteString("actionKey", context.ActionKey);
            if (context.Input.ValueKind == JsonValueKind.Object && context.Input.TryGetProperty("trigger", out var trigger))
            {
                writer.WritePropertyName("trigger");
                trigger.WriteTo(writer);
            }
            if (context.Entity is not null) writer.WriteString("entity", context.Entity.Name);
            if (context.Record is { } record)
            {
                writer.WritePropertyName("record");
                RecordJsonWriter.Write(writer, record);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Excerpt(string body) => body.Length <= 500 ? body : body[..500] + "…";
}

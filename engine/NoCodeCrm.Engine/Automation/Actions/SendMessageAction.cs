using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Engine.Consent;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Templates;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>
/// Renders a template and sends it through a channel; the recipient is the <c>to</c> template or else the record's first
/// e-mail (for e-mail) or phone field (for SMS, WhatsApp, push). The consent check and the message store are the sender's;
/// a message the consent check refuses is not an error: the step is logged as skipped, with the reason.
/// E-mails to a known person get <c>links.unsubscribe</c>, their signed opt-out link.
/// </summary>
public sealed class SendMessageAction(NpgsqlDataSource dataSource, TemplateService templates, MessageSender sender, ConsentService consents) : IAutomationAction
{
    public ActionType Type => ActionType.SendMessage;

    public async Task<JsonNode?> ExecuteAsync(ActionContext context, CancellationToken ct)
    {
        var action = context.Step.Action;
        var data = await TemplateActionRenderer.LoadAsync(dataSource, context, ct).ConfigureAwait(false);
        var template = context.Model.Model.FindTemplate(action.Template ?? "")
            ?? throw new CrmException(CrmErrorKind.Validation, "unknownTemplate", $"There is no template named '{action.Template}'.");
        var channel = action.Channel ?? template.Channel.ToString().ToLowerInvariant();
        var language = context.Record?["language"] as string ?? context.Model.Model.Settings.DefaultLanguage;
        var to = action.To is { } given ? templates.RenderInline(context.Model, given, data, ct) : DefaultRecipient(context, channel);
        if (string.IsNullOrWhiteSpace(to))
            throw new CrmException(CrmErrorKind.Validation, "noRecipient", $"There is no {channel} recipient: the record has no value for it and the action gives no 'to'.");
        if (channel == MessageChannels.Email && context.Model.Model.Settings.Consent?.Subject is not null
            && await UnsubscribeLinkAsync(context, channel, to.Trim(), ct).ConfigureAwait(false) is { } unsubscribe)
            data.Set("links", new Dictionary<string, object?> { ["unsubscribe"] = unsubscribe });
        var message = templates.Render(context.Model, template.Name, data, language, ct);
        var purpose = ConsentPurposes.Of(template);
        var output = new JsonObject
        {
            ["channel"] = channel, ["to"] = to, ["template"] = template.Name, ["purpose"] = purpose, ["language"] = message.Language, ["subject"] = message.Subject,
        };
        if (context.DryRun)
        {
            output["text"] = message.Text;
            output["html"] = message.Html;
            return output;
        }
        MessageResult result;
        try
        {
            result = await sender.SendAsync(new OutgoingMessage(channel, to.Trim(), message.Subject, message.Text, message.Html, context.Entity?.Name,
                context.Record?.Id, context.Rule.Name, context.ActionKey, message.Language, purpose), ct).ConfigureAwait(false);
        }
        catch (MessageDeliveryException ex) when (!ex.Retryable)
        {
            throw new FinalActionException(ex.Message, ex);
        }
        output["messageId"] = result.MessageId.ToString();
        output["status"] = result.Status.ToString().ToLowerInvariant();
        if (result.Error is not null) output["reason"] = result.Error;
        if (result.Status == MessageStatus.Blocked) output["skipped"] = "consent";
        return output;
    }

    private async Task<string?> UnsubscribeLinkAsync(ActionContext context, string channel, string to, CancellationToken ct)
    {
        var people = await consents.PeopleForMessageAsync(context.Model, channel, to, context.Entity?.Name, context.Record?.Id, ct).ConfigureAwait(false);
        return people.Count == 0 ? null : await consents.UnsubscribeLinkAsync(people[0], ct).ConfigureAwait(false);
    }

    private static string? DefaultRecipient(ActionContext context, string channel)
    {
        if (context.Record is not { } record || context.Entity is not { } entity) return null;
        var type = channel == MessageChannels.Email ? FieldType.Email : FieldType.Phone;
        return entity.Fields.Where(f => f.Type == type).Select(f => record[f.Name] as string).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
    }
}

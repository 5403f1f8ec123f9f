namespace NoCodeCrm.Engine.Metadata.Templates;

/// <summary>A message template a key user designed: Scriban text per part (subject, HTML, text) and per language.</summary>
public sealed record TemplateDefinition
{
    public required string Name { get; init; }
    /// <summary>The entity whose record the template is rendered with (<c>record</c>); none for messages about no record.</summary>
    public string? Entity { get; init; }
    // Written even when it is the enum default (email): a template without a channel cannot be checked.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public required TemplateChannel Channel { get; init; }
    /// <summary>
    /// What the message is for: a consent purpose (<c>settings.consent.purposes</c>; commercial, needs an opt-in on its
    /// channel) or <c>transactional</c> (about an existing contract or service, needs none). Unset means <c>marketing</c>.
    /// </summary>
    public string? Purpose { get; init; }
    public LocalizedText? Label { get; init; }
    public LocalizedText? Description { get; init; }
    /// <summary>E-mail subject, or push and notification title.</summary>
    public LocalizedText? Subject { get; init; }
    /// <summary>E-mail HTML body; every <c>{{ }}</c> output in it is HTML-escaped unless piped through <c>html.raw</c>.</summary>
    public LocalizedText? Html { get; init; }
    /// <summary>Plain-text body (e-mail alternative, SMS, WhatsApp, push and notification text).</summary>
    public LocalizedText? Text { get; init; }
}

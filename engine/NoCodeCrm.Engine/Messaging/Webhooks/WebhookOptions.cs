namespace NoCodeCrm.Engine.Messaging.Webhooks;

/// <summary>The <c>Crm:Webhooks</c> settings.</summary>
public sealed class WebhookOptions
{
    /// <summary>The HMAC key receivers verify signatures with; a generated one kept in the database is used when empty.</summary>
    public string? Secret { get; set; }
    /// <summary>Host names or addresses (e.g. <c>127.0.0.1</c>, <c>hooks.internal</c>) that may be called although they are not public.</summary>
    public List<string> AllowedHosts { get; set; } = [];
}

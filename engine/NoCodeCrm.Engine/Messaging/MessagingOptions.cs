using NoCodeCrm.Engine.Messaging.Email;
using NoCodeCrm.Engine.Messaging.Http;
using NoCodeCrm.Engine.Messaging.Webhooks;

namespace NoCodeCrm.Engine.Messaging;

/// <summary>The messaging settings of the <c>Crm</c> configuration section: SMTP, HTTP channel adapters, webhooks, tracking links.</summary>
public sealed class MessagingOptions
{
    /// <summary>Where recipients reach this CRM (e.g. <c>https://crm.example.com</c>); tracking pixels and links are added only when set.</summary>
    public string? PublicBaseUrl { get; set; }
    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>HTTP adapters by channel name (<c>sms</c>, <c>whatsapp</c>, <c>push</c>).</summary>
    public Dictionary<string, HttpChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public WebhookOptions Webhooks { get; set; } = new();
}

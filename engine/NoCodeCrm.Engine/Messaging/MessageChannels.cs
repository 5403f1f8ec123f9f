namespace NoCodeCrm.Engine.Messaging;

/// <summary>The channel names messages (and automation's send action) use.</summary>
public static class MessageChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string WhatsApp = "whatsapp";
    public const string Push = "push";
    /// <summary>In-app only: stored for the user's inbox and timeline, nothing leaves the CRM.</summary>
    public const string Notification = "notification";

    public static readonly IReadOnlyList<string> All = [Email, Sms, WhatsApp, Push, Notification];

    /// <summary>Channels delivered through a configured HTTP adapter (<c>Crm:Channels:&lt;channel&gt;</c>).</summary>
    public static bool UsesHttpAdapter(string channel) => channel is Sms or WhatsApp or Push;
}

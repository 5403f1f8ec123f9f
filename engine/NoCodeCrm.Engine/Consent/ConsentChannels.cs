using NoCodeCrm.Engine.Messaging;

namespace NoCodeCrm.Engine.Consent;

/// <summary>
/// The channels a consent is given for: the message channels that reach a person outside the CRM, and phone calls.
/// In-app notifications go to users, not to data subjects, and need no consent.
/// </summary>
public static class ConsentChannels
{
    public const string Call = "call";

    public static readonly IReadOnlyList<string> All = [MessageChannels.Email, MessageChannels.Sms, Call, MessageChannels.WhatsApp, MessageChannels.Push];

    /// <summary>Whether a message on this channel is subject to consent at all.</summary>
    public static bool NeedsConsent(string messageChannel) => messageChannel != MessageChannels.Notification;

    /// <summary>The İYS type of a channel (EPOSTA, MESAJ, ARAMA), or null for channels İYS does not register (push).</summary>
    public static string? IysType(string channel) => channel switch
    {
        MessageChannels.Email => "EPOSTA",
        MessageChannels.Sms or MessageChannels.WhatsApp => "MESAJ",
        Call => "ARAMA",
        _ => null,
    };

    /// <summary>E-mail recipients are identified by the subject's e-mail fields, every other channel by its phone fields.</summary>
    public static bool UsesEmailAddress(string channel) => channel == MessageChannels.Email;
}

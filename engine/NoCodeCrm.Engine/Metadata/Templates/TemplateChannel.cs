namespace NoCodeCrm.Engine.Metadata.Templates;

/// <summary>Where a rendered message goes; it decides which parts a template has.</summary>
public enum TemplateChannel
{
    /// <summary>Subject, HTML body and plain-text body.</summary>
    Email,
    /// <summary>Text only.</summary>
    Sms,
    /// <summary>Text only.</summary>
    Whatsapp,
    /// <summary>Title (the subject) and text.</summary>
    Push,
    /// <summary>An in-app notification: title (the subject) and text.</summary>
    Notification,
}

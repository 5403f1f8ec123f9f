namespace NoCodeCrm.Engine.Messaging.Email;

/// <summary>The <c>Crm:Smtp</c> settings: the relay every e-mail goes through.</summary>
public sealed class SmtpOptions
{
    /// <summary>The relay's host name; e-mail is refused as unconfigured while it is empty.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    /// <summary>The sender address, e.g. <c>crm@example.com</c>.</summary>
    public string? From { get; set; }
    public string? FromName { get; set; }
    /// <summary>How long one connect-and-send may take before it counts as a transport failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

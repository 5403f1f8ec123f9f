namespace NoCodeCrm.Engine.Messaging.Email;

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on the same host or network only).</summary>
    None,
    /// <summary>Plain connect, then STARTTLS, which must succeed.</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
    /// <summary>TLS on port 465, else STARTTLS when the server offers it.</summary>
    Auto,
}

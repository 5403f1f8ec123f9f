namespace NoCodeCrm.Engine.Messaging.Webhooks;

/// <summary>
/// The webhook URL leads to an address the SSRF guard refuses (private, loopback, link-local…) and is not allow-listed in
/// <c>Crm:Webhooks:AllowedHosts</c>. Retrying cannot help: fix the rule or the allow-list.
/// </summary>
public sealed class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException(string host, string? address, string reason)
        : base($"The webhook to '{host}' was refused{(address is null ? "" : $" (it resolves to {address})")}: {reason}. " +
               "Add the host or address to Crm:Webhooks:AllowedHosts if it really is meant to be called.")
    {
        Host = host;
        Address = address;
    }

    public WebhookAddressRefusedException() : this("", null, "not allowed") { }
    public WebhookAddressRefusedException(string message) : base(message) => Host = "";
    public WebhookAddressRefusedException(string message, Exception inner) : base(message, inner) => Host = "";

    public string Host { get; }
    public string? Address { get; }
}

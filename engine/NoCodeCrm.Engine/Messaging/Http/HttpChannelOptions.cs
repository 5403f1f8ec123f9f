namespace NoCodeCrm.Engine.Messaging.Http;

/// <summary>One <c>Crm:Channels:&lt;channel&gt;</c> adapter: the provider endpoint that takes a JSON message and the headers it needs.</summary>
public sealed class HttpChannelOptions
{
    public string? Url { get; set; }
    /// <summary>Extra request headers, e.g. <c>Authorization</c> with the provider's API key.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

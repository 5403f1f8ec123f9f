namespace NoCodeCrm.Engine.Messaging.Http;

/// <summary>The HTTP provider of a channel failed; <see cref="ProviderResponse"/> holds its status and body excerpt when it answered.</summary>
public sealed class HttpChannelException : Exception
{
    public HttpChannelException(string message, string? providerResponse, bool retryable, Exception? inner = null) : base(message, inner)
    {
        ProviderResponse = providerResponse;
        Retryable = retryable;
    }

    public HttpChannelException() : this("The channel provider failed.", null, true) { }
    public HttpChannelException(string message) : this(message, null, true) { }
    public HttpChannelException(string message, Exception inner) : this(message, null, true, inner) { }

    public string? ProviderResponse { get; }
    public bool Retryable { get; }
}

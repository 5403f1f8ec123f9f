namespace NoCodeCrm.Engine.Messaging.Webhooks;

/// <summary>
/// The receiver answered with a non-2xx status, did not answer in time, or could not be reached. <see cref="Retryable"/>
/// is false for answers that a retry would only repeat (4xx other than 408 and 429).
/// </summary>
public sealed class WebhookFailedException : Exception
{
    public WebhookFailedException(string message, int? statusCode, string? bodyExcerpt, bool retryable, Exception? inner = null) : base(message, inner)
    {
        StatusCode = statusCode;
        BodyExcerpt = bodyExcerpt;
        Retryable = retryable;
    }

    public WebhookFailedException() : this("The webhook failed.", null, null, true) { }
    public WebhookFailedException(string message) : this(message, null, null, true) { }
    public WebhookFailedException(string message, Exception inner) : this(message, null, null, true, inner) { }

    /// <summary>The receiver's HTTP status, or null when it never answered.</summary>
    public int? StatusCode { get; }
    public string? BodyExcerpt { get; }
    public bool Retryable { get; }
}

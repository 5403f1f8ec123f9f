namespace NoCodeCrm.Engine.Messaging;

/// <summary>
/// A message could not be delivered; it is stored as failed. <see cref="Retryable"/> tells automation whether trying again
/// (with the same action key, which reuses the stored message) can help: a relay that is down can, a channel nobody
/// configured or an invalid address cannot.
/// </summary>
public sealed class MessageDeliveryException : Exception
{
    public MessageDeliveryException(Guid messageId, string channel, string message, bool retryable, Exception? inner = null)
        : base(message, inner)
    {
        MessageId = messageId;
        Channel = channel;
        Retryable = retryable;
    }

    public MessageDeliveryException() : this(Guid.Empty, "", "The message could not be delivered.", true) { }
    public MessageDeliveryException(string message) : this(Guid.Empty, "", message, true) { }
    public MessageDeliveryException(string message, Exception inner) : this(Guid.Empty, "", message, true, inner) { }

    public Guid MessageId { get; }
    public string Channel { get; }
    public bool Retryable { get; }
}

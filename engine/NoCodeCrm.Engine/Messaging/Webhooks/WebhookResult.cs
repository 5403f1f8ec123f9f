namespace NoCodeCrm.Engine.Messaging.Webhooks;

/// <summary>A receiver's successful (2xx) answer; <see cref="Body"/> is cut to <see cref="WebhookClient.MaxBodyExcerpt"/> characters.</summary>
public sealed record WebhookResult(int StatusCode, string Body);

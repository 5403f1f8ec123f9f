namespace NoCodeCrm.Engine.Publishing;

/// <summary>A metadata document to publish (or preview), who publishes it and the version they based it on.</summary>
public sealed record PublishRequest(string Document, string Author, string? Comment = null, int? ExpectedVersion = null, int? RestoredFrom = null);

namespace NoCodeCrm.Engine.Publishing;

/// <summary>One stored, immutable published version of the metadata document.</summary>
public sealed record MetadataVersionRow(int Version, string Document, string Author, DateTime PublishedAt, string? Comment, int? RestoredFrom);

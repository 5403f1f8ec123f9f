using NoCodeCrm.Engine.Metadata.Templates;

namespace NoCodeCrm.Engine.Templates;

/// <summary>A template rendered for one record: the parts its channel has (others are null), and the language they are in.</summary>
public sealed record RenderedMessage(string? Subject, string? Text, string? Html, TemplateChannel Channel, string Language);

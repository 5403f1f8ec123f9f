using System.Text.Json;

namespace NoCodeCrm.Engine.Publishing;

/// <summary>One difference between two metadata documents; the path names arrays of named items by name, e.g. <c>$.entities[person].fields[email].unique</c>.</summary>
public sealed record MetadataChange(string Op, string Path, JsonElement? From, JsonElement? To);

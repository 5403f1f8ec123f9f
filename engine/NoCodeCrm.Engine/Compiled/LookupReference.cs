using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Compiled;

/// <summary>A lookup field of another entity that points at this one, and what deleting a record here does to it.</summary>
public sealed record LookupReference(string Entity, string Field, OnDeleteBehavior OnDelete);

using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>The records of one entity whose lookup <see cref="Via"/> points at a data subject.</summary>
public sealed record RelatedRecords(CompiledEntity Entity, string Via, IReadOnlyList<Guid> Ids);

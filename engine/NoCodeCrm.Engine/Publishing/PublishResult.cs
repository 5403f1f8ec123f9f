using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Publishing;

/// <summary>What a publish did, or what a preview says it would do: errors, document diff, DDL and data impact.</summary>
public sealed record PublishResult(
    bool Valid,
    bool Published,
    int BaseVersion,
    int Version,
    IReadOnlyList<CrmError> Errors,
    IReadOnlyList<MetadataChange> Changes,
    IReadOnlyList<string> Ddl,
    IReadOnlyList<DataImpact> Impact);

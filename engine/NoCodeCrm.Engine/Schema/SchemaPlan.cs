using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Schema;

/// <summary>The DDL a publish runs, in order, the data checks that must pass before it does, and changes that cannot be made at all.</summary>
public sealed record SchemaPlan(IReadOnlyList<string> Statements, IReadOnlyList<DataCheck> Checks, IReadOnlyList<CrmError> Errors);

using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Records;

/// <summary>A write in progress, as hooks see it inside the writing transaction.</summary>
public sealed record RecordChange(
    RecordOperation Operation,
    CompiledEntity Entity,
    CrmPrincipal Principal,
    StoredRecord? Previous,
    StoredRecord? Current,
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction,
    RecordWriteOptions Options);

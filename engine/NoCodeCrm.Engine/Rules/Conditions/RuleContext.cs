using Jint.Native;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules.Scripting;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Rules.Conditions;

/// <summary>
/// What a rule sees: the record (with the looked-up records its conditions need in <see cref="StoredRecord.Expanded"/>),
/// the previous version on update, the acting user and the moment of evaluation.
/// </summary>
public sealed class RuleContext(StoredRecord record, StoredRecord? previous, CrmPrincipal user, DateTimeOffset now)
{
    public StoredRecord Record { get; } = record;
    public StoredRecord? Previous { get; } = previous;
    public CrmPrincipal User { get; } = user;
    public DateTimeOffset Now { get; } = now;

    /// <summary>The UTC calendar day of <see cref="Now"/>, which relative dates ("today", 90 days ago) count from.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    // A write runs several scripts on one engine; the script arguments are built once per engine and dropped when a
    // calculated field changes the record.
    internal SandboxedEngine? Engine { get; set; }
    private SandboxedEngine? _argumentsEngine;
    private JsValue[]? _arguments;

    internal JsValue[] ArgumentsFor(SandboxedEngine engine)
    {
        if (_arguments is null || !ReferenceEquals(_argumentsEngine, engine))
        {
            _arguments = engine.BuildArguments(this);
            _argumentsEngine = engine;
        }
        return _arguments;
    }

    /// <summary>Scripts evaluated after this see the record's current values again.</summary>
    internal void RecordChanged() => _arguments = null;
}

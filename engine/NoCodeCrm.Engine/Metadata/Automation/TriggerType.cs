namespace NoCodeCrm.Engine.Metadata.Automation;

/// <summary>What starts an automation rule.</summary>
public enum TriggerType
{
    RecordCreated,
    RecordUpdated,
    RecordDeleted,
    /// <summary>A field of an updated record changed, optionally from one value to another.</summary>
    FieldChanged,
    /// <summary>An inbound event of a type (<c>email.opened</c>, <c>form.submitted</c>…) about a record of the entity.</summary>
    Event,
    /// <summary>A cron schedule.</summary>
    Schedule,
    /// <summary>A moment relative to a date field of each record (10 days before <c>contract_end</c>), optionally yearly.</summary>
    DateRelative,
    /// <summary>A record of the trigger's entity entered a stage of a pipeline (created in it, or moved into it).</summary>
    StageEntered,
    /// <summary>A record of the trigger's entity left a stage of a pipeline.</summary>
    StageLeft,
}

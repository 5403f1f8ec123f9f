namespace NoCodeCrm.Engine.Metadata;

/// <summary>What happens to records that look up a record when that record is deleted.</summary>
public enum OnDeleteBehavior
{
    Restrict,
    SetNull,
    Cascade,
}

namespace NoCodeCrm.Engine.Security;

/// <summary>The operations permissions are granted for.</summary>
public enum RecordOperation
{
    Read,
    Create,
    Update,
    Delete,
}

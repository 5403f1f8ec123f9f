namespace NoCodeCrm.Engine.Security;

/// <summary>The operations permissions are granted for.</summary>
public enum RecordOperation
{
    Read,
    Create,
    Update,
    Delete,
    /// <summary>Giving a record another owner.</summary>
    Assign,
    /// <summary>Sharing a record with a user or team.</summary>
    Share,
    Export,
}

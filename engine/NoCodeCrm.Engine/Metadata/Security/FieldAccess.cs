namespace NoCodeCrm.Engine.Metadata.Security;

/// <summary>What a role may do with a field marked sensitive.</summary>
public enum FieldAccess
{
    None,
    Read,
    Update,
}

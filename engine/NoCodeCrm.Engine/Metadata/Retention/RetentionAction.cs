namespace NoCodeCrm.Engine.Metadata.Retention;

/// <summary>What a retention policy does with a record whose period has passed.</summary>
public enum RetentionAction
{
    /// <summary>Soft-deletes the record (and what its lookups cascade to) and clears its personal fields: a deleted row must not keep the data.</summary>
    Delete,
    /// <summary>Keeps the record and clears its personal fields, like erasure.</summary>
    Anonymise,
}

namespace NoCodeCrm.Engine.Audit;

/// <summary>What an audit row records: a kind of write, a link change, or a read of sensitive fields or an export.</summary>
public static class AuditOperation
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Restore = "restore";
    public const string Merge = "merge";
    public const string Link = "link";
    public const string Unlink = "unlink";
    public const string Read = "read";
    public const string Export = "export";
    /// <summary>Erasure of a data subject's personal values (names the fields, never the values).</summary>
    public const string Erase = "erase";
    /// <summary>Restriction of processing set or lifted for a data subject.</summary>
    public const string Restrict = "restrict";

    public static readonly IReadOnlyList<string> All = [Create, Update, Delete, Restore, Merge, Link, Unlink, Read, Export, Erase, Restrict];
}

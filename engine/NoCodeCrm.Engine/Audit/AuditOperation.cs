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

    public static readonly IReadOnlyList<string> All = [Create, Update, Delete, Restore, Merge, Link, Unlink, Read, Export];
}

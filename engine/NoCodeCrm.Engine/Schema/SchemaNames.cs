using System.Security.Cryptography;
using System.Text;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Schema;

/// <summary>Physical names derived from API names: tables, sequences, indexes and constraints, in one schema per tenant.</summary>
public sealed record SchemaNames(string DataSchema, string SystemSchema)
{
    public static readonly SchemaNames Default = new("crm", "crm_system");

    public string Table(string entityOrRelation) => Sql.Qualified(DataSchema, entityOrRelation);

    /// <summary>The ICU collation that decides sorting and case rules of text, e.g. <c>"tr-x-icu"</c>.</summary>
    public static string Collation(ModelSettings settings) => "\"" + settings.DefaultLanguage + "-x-icu\"";

    public string Sequence(string table, string column) => Sql.Qualified(DataSchema, Derived("seq", table, column));
    public static string IndexName(string kind, string table, string column) => Derived(kind, table, column);
    public static string ForeignKeyName(string table, string column) => Derived("fk", table, column);

    /// <summary>Joins parts with "__" (never inside an API name) and keeps within PostgreSQL's 63 bytes by hashing the tail.</summary>
    public static string Derived(params string[] parts)
    {
        var name = string.Join("__", parts);
        if (name.Length <= 63) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..10];
        return name[..52] + "_" + hash;
    }
}

using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules.Conditions;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Tests.Rules;

/// <summary>A small model compiled in memory (no database) with records built by hand, for condition and script tests.</summary>
internal static class RuleTestModel
{
    public const string Document = """
        {"settings":{"defaultLanguage":"en","languages":["en","tr"]},
         "entities":[
          {"name":"company","fields":[
            {"name":"name","type":"text"},
            {"name":"sector","type":"choice","options":[{"value":"retail"},{"value":"finance"}]},
            {"name":"city","type":"text"},
            {"name":"parent","type":"lookup","target":"company","onDelete":"setNull"}]},
          {"name":"deal","fields":[
            {"name":"title","type":"text"},
            {"name":"amount","type":"decimal","precision":14,"scale":2},
            {"name":"probability","type":"integer"},
            {"name":"stage","type":"choice","options":[{"value":"open"},{"value":"won"},{"value":"lost"}]},
            {"name":"tags","type":"multiChoice","options":[{"value":"vip"},{"value":"new"},{"value":"risk"}]},
            {"name":"close_date","type":"date"},
            {"name":"closed_at","type":"datetime"},
            {"name":"approved","type":"boolean"},
            {"name":"approver","type":"user"},
            {"name":"company","type":"lookup","target":"company","onDelete":"setNull"}]}]}
        """;

    public static readonly CompiledModel Model = new(ModelJson.Parse(Document), SchemaNames.Default);

    public static CompiledEntity Deal => Model.FindEntity("deal")!;
    public static CompiledEntity Company => Model.FindEntity("company")!;

    public static readonly DateTimeOffset Now = new(2025, 6, 15, 10, 30, 0, TimeSpan.Zero);

    public static StoredRecord Record(CompiledEntity entity, params (string Field, object? Value)[] values)
    {
        var array = new object?[SystemColumns.EntityNames.Count + entity.Fields.Count];
        array[0] = Guid.NewGuid();
        array[1] = 1;
        array[entity.ValueIndex[SystemColumns.Owner]] = CrmPrincipal.AdministratorId;
        foreach (var (field, value) in values) array[entity.ValueIndex[field]] = value;
        return new StoredRecord(entity, array);
    }

    public static RuleContext Context(StoredRecord record, StoredRecord? previous = null) =>
        new(record, previous, CrmPrincipal.Administrator(), Now);
}

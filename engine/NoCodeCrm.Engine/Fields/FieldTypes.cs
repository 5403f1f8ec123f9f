using System.Collections.Frozen;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>The one place where field types are registered.</summary>
public static class FieldTypes
{
    private static readonly FrozenDictionary<FieldType, FieldTypeHandler> Handlers = new FieldTypeHandler[]
    {
        new TextFieldType(), new TextareaFieldType(), new EmailFieldType(), new PhoneFieldType(), new UrlFieldType(),
        new IntegerFieldType(), new DecimalFieldType(), new CurrencyFieldType(), new PercentFieldType(),
        new BooleanFieldType(), new DateFieldType(), new DatetimeFieldType(), new ChoiceFieldType(),
        new MultiChoiceFieldType(), new LookupFieldType(), new UserFieldType(), new AutonumberFieldType(),
    }.ToFrozenDictionary(h => h.Type);

    public static FieldTypeHandler Get(FieldType type) => Handlers[type];

    public static IEnumerable<FieldTypeHandler> All => Handlers.Values;
}

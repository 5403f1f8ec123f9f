using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>An amount of money.</summary>
public sealed class CurrencyFieldType : NumericFieldTypeBase
{
    public override FieldType Type => FieldType.Currency;
    protected override int DefaultPrecision => 19;
    protected override int DefaultScale => 2;
}

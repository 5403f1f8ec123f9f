using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>A decimal number.</summary>
public sealed class DecimalFieldType : NumericFieldTypeBase
{
    public override FieldType Type => FieldType.Decimal;
    protected override int DefaultPrecision => 18;
    protected override int DefaultScale => 4;
}

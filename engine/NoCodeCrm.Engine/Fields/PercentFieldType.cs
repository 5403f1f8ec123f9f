using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>A percentage, 12.5 meaning 12.5 %.</summary>
public sealed class PercentFieldType : NumericFieldTypeBase
{
    public override FieldType Type => FieldType.Percent;
    protected override int DefaultPrecision => 7;
    protected override int DefaultScale => 4;
}

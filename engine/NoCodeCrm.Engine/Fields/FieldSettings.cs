namespace NoCodeCrm.Engine.Fields;

/// <summary>The optional settings of a field definition, as flags a type accepts.</summary>
[Flags]
public enum FieldSettings
{
    None = 0,
    MaxLength = 1,
    Pattern = 2,
    Range = 4,
    Precision = 8,
    Options = 16,
    Target = 32,
    Format = 64,
    Unique = 128,
}

namespace NoCodeCrm.Engine.Metadata;

/// <summary>The kinds of field a key user can add to an entity.</summary>
public enum FieldType
{
    Text,
    Textarea,
    Integer,
    Decimal,
    Currency,
    Percent,
    Boolean,
    Date,
    Datetime,
    Choice,
    MultiChoice,
    Email,
    Phone,
    Url,
    Lookup,
    User,
    Autonumber,
}

namespace NoCodeCrm.Engine.Query;

/// <summary>What a literal in <c>$filter</c> was written as.</summary>
public enum FilterLiteralKind
{
    /// <summary><c>'text'</c>, with <c>''</c> for a quote inside.</summary>
    String,
    /// <summary><c>42</c>, <c>-3.50</c>, <c>1.5e3</c>: anything that fits a <see cref="decimal"/>.</summary>
    Number,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary><c>null</c>.</summary>
    Null,
    /// <summary><c>2024-05-01</c>.</summary>
    Date,
    /// <summary><c>2024-05-01T10:30:00Z</c> or with an offset such as <c>+03:00</c>.</summary>
    DateTime,
    /// <summary><c>0b6e3b4a-9f1c-4d2e-8a7b-123456789abc</c>, unquoted.</summary>
    Guid,
}

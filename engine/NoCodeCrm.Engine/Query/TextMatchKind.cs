namespace NoCodeCrm.Engine.Query;

/// <summary>The text functions of <c>$filter</c>: <c>contains</c>, <c>startswith</c>, <c>endswith</c>.</summary>
public enum TextMatchKind
{
    Contains,
    StartsWith,
    EndsWith,
}

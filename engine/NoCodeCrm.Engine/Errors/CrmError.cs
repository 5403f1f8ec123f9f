namespace NoCodeCrm.Engine.Errors;

/// <summary>One thing wrong with user input: where (a JSON path like <c>$.entities[0].fields[2].type</c>), a stable code, and a message.</summary>
public sealed record CrmError(string Path, string Code, string Message)
{
    /// <summary>For errors inside a text the user wrote (a template, a script): the 1-based line in that text.</summary>
    public int? Line { get; init; }
    /// <summary>The 1-based column in that line.</summary>
    public int? Column { get; init; }
}

namespace NoCodeCrm.Engine.Errors;

/// <summary>One thing wrong with user input: where (a JSON path like <c>$.entities[0].fields[2].type</c>), a stable code, and a message.</summary>
public sealed record CrmError(string Path, string Code, string Message);

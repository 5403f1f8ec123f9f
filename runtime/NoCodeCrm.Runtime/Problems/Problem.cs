using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Runtime.Problems;

/// <summary>The content of one problem-details response.</summary>
public sealed record Problem(int Status, string Title, string Detail, string Code, IReadOnlyList<CrmError> Errors, object? Details);

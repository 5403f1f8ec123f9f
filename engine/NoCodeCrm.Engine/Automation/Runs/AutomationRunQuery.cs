namespace NoCodeCrm.Engine.Automation.Runs;

/// <summary>Filters of the run log: by rule, record, entity and status, newest first, paged.</summary>
public sealed record AutomationRunQuery(string? Rule = null, Guid? RecordId = null, string? Entity = null, string? Status = null, int Top = 50, int Skip = 0);

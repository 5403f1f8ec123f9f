namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>Renders an action's inline templates (<c>{{ record.first_name }}</c>) against its triggering record; the template engine provides it.</summary>
public interface IActionRenderer
{
    /// <summary>Loads what templates may read (the record, its lookups, the event) once, and returns a renderer for this action's strings.</summary>
    Task<Func<string, string>> PrepareAsync(ActionContext context, CancellationToken ct);
}

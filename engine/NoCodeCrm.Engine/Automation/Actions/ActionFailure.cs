using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>How a failed action reads in the run log and test mode: the message plus each field error with its path.</summary>
public static class ActionFailure
{
    public static string Describe(Exception ex) => ex is CrmException crm && crm.Errors.Count > 0
        ? $"{crm.Message} {string.Join(" ", crm.Errors.Select(e => $"{e.Path}: {e.Message}"))}"
        : ex.Message;
}

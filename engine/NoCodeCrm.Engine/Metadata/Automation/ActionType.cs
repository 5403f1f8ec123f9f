namespace NoCodeCrm.Engine.Metadata.Automation;

/// <summary>What an automation action does.</summary>
public enum ActionType
{
    UpdateRecord,
    CreateRecord,
    AssignOwner,
    SendMessage,
    Webhook,
    Wait,
    Branch,
}

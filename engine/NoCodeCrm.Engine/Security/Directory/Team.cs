namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>A team: its members are the users whose team it is; the lead is the first step of an escalation.</summary>
public sealed record Team
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid? LeadId { get; init; }
    public string? Lead { get; init; }
    public Guid? DepartmentId { get; init; }
    public string? Department { get; init; }
    public int Members { get; init; }
}

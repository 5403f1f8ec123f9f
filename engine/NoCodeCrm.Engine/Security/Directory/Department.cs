namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>A node of the department tree, with its manager.</summary>
public sealed record Department
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid? ParentId { get; init; }
    public string? Parent { get; init; }
    public Guid? ManagerId { get; init; }
    public string? Manager { get; init; }
}

using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Security;

/// <summary>The role names a user or API key may hold: the built-in administrator and the model's roles.</summary>
public static class RoleNames
{
    public static IReadOnlySet<string> Of(CompiledModel model)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { CrmPrincipal.AdministratorRole };
        foreach (var role in model.Model.Roles) names.Add(role.Name);
        return names;
    }
}

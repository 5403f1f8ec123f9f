using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Security;

/// <summary>Checks the roles of a document: unique names, entities and fields that exist, field rights only on sensitive fields.</summary>
public static class RoleValidator
{
    public const string AllEntities = "*";

    public static void Validate(CrmModel model, List<CrmError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Roles.Length; i++)
        {
            var role = model.Roles[i];
            var path = $"$.roles[{i}]";
            if (!seen.Add(role.Name))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"There is already a role named '{role.Name}'."));
            if (role.Name == CrmPrincipal.AdministratorRole && (role.Entities.Count > 0 || role.Fields.Count > 0 || role.Capabilities.Length > 0))
                errors.Add(new CrmError(path, "administratorRole", "The administrator role may do everything; it takes no entity or field rights or capabilities."));
            if (role.Capabilities.Distinct().Count() != role.Capabilities.Length)
                errors.Add(new CrmError(path + ".capabilities", "duplicateCapability", "Name each capability once."));
            foreach (var entityName in role.Entities.Keys)
                if (entityName != AllEntities && model.FindEntity(entityName) is null)
                    errors.Add(new CrmError($"{path}.entities.{entityName}", "unknownEntity", $"There is no entity '{entityName}' (or use \"*\" for every entity)."));
            foreach (var (entityName, fields) in role.Fields)
            {
                if (model.FindEntity(entityName) is not { } entity)
                {
                    errors.Add(new CrmError($"{path}.fields.{entityName}", "unknownEntity", $"There is no entity '{entityName}'."));
                    continue;
                }
                foreach (var fieldName in fields.Keys)
                {
                    var field = entity.Fields.FirstOrDefault(f => f.Name == fieldName);
                    if (field is null)
                        errors.Add(new CrmError($"{path}.fields.{entityName}.{fieldName}", "unknownField", $"{entityName} has no field '{fieldName}'."));
                    else if (!field.Sensitive)
                        errors.Add(new CrmError($"{path}.fields.{entityName}.{fieldName}", "notSensitive",
                            $"Field rights apply to sensitive fields only: mark {entityName}.{fieldName} sensitive, or leave it out (every role that may read {entityName} sees it)."));
                }
            }
        }
    }
}

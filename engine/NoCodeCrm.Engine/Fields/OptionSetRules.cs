using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>Checks shared by choice and multiChoice definitions: a non-empty option set of distinct API-name values.</summary>
internal static class OptionSetRules
{
    public static IEnumerable<(string Path, string Code, string Message)> Validate(FieldDefinition field)
    {
        if (field.Options.Length == 0)
            yield return ("options", "optionsRequired", "A choice field needs at least one option.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < field.Options.Length; i++)
        {
            var value = field.Options[i].Value;
            if (!ApiName.IsValid(value))
                yield return ($"options[{i}].value", "invalidName", $"'{value}' is not a valid option value (lower-case letters, digits and _, starting with a letter).");
            else if (!seen.Add(value))
                yield return ($"options[{i}].value", "duplicateName", $"The option '{value}' is listed twice.");
        }
    }
}

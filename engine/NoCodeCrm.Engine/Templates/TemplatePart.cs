namespace NoCodeCrm.Engine.Templates;

/// <summary>One text of a message template.</summary>
public enum TemplatePart
{
    Subject,
    Html,
    Text,
}

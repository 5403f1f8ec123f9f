using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Validation;
using static NoCodeCrm.Engine.Tests.Templates.TemplateTestModel;

namespace NoCodeCrm.Engine.Tests.Templates;

/// <summary>Templates are checked when the document is read for publishing: syntax errors come back with path, line and column.</summary>
public sealed class TemplateValidationTests
{
    private static IReadOnlyList<CrmError> Errors(params JsonObject[] templates)
    {
        var error = Assert.Throws<CrmException>(() => MetadataDocumentReader.Read(Document(templates).ToJsonString()));
        Assert.Equal(CrmErrorKind.Validation, error.Kind);
        return error.Errors;
    }

    [Fact]
    public void A_valid_template_section_is_read_into_typed_templates()
    {
        var model = MetadataDocumentReader.Read(Document(Welcome()).ToJsonString());

        var template = Assert.Single(model.Templates);
        Assert.Equal("welcome", template.Name);
        Assert.Equal(NoCodeCrm.Engine.Metadata.Templates.TemplateChannel.Email, template.Channel);
        Assert.Equal("Welcome {{ record.first_name }}", template.Subject!.Get("en"));
    }

    [Fact]
    public void A_syntax_error_names_the_part_and_language_with_line_and_column()
    {
        var broken = Welcome();
        broken["html"]!["tr"] = "<p>Merhaba</p>\n<p>{{ record.first_name | }}</p>";

        var error = Assert.Single(Errors(Welcome(), broken), e => e.Code == "templateSyntax");

        Assert.Equal("$.templates[1].html.tr", error.Path);
        Assert.Equal(2, error.Line);
        Assert.Equal(27, error.Column);
        Assert.StartsWith("Line 2, column 27: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_broken_part_is_reported_at_once()
    {
        var broken = Welcome();
        broken["subject"]!["en"] = "{{ if }}";
        broken["text"]!["tr"] = "{{ end }}";

        var paths = Errors(broken).Select(e => e.Path).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["$.templates[0].subject.en", "$.templates[0].text.tr"], paths);
    }

    [Fact]
    public void Each_channel_has_its_own_parts()
    {
        var sms = Template("sms_with_subject", "sms", "person", subject: new() { ["tr"] = "x" }, text: new() { ["tr"] = "y" });
        var emailWithoutSubject = Template("no_subject", "email", "person", text: new() { ["tr"] = "y" });
        var pushWithHtml = Template("push_html", "push", "person", html: new() { ["tr"] = "<b>x</b>" }, text: new() { ["tr"] = "y" });
        var smsWithoutText = Template("sms_empty", "sms", "person");

        var errors = Errors(sms, emailWithoutSubject, pushWithHtml, smsWithoutText).Select(e => (e.Path, e.Code)).ToArray();

        Assert.Contains(("$.templates[0].subject", "partNotAllowed"), errors);
        Assert.Contains(("$.templates[1].subject", "missingPart"), errors);
        Assert.Contains(("$.templates[2].html", "partNotAllowed"), errors);
        Assert.Contains(("$.templates[3].text", "missingPart"), errors);
    }

    [Fact]
    public void Names_entities_languages_and_channels_are_checked()
    {
        var unknownEntity = Template("about_nothing", "sms", "contract", text: new() { ["tr"] = "x" });
        var unknownLanguage = Template("german", "sms", "person", text: new() { ["de"] = "Hallo" });
        var duplicate = Template("german", "sms", "person", text: new() { ["tr"] = "x" });

        var errors = Errors(unknownEntity, unknownLanguage, duplicate).Select(e => (e.Path, e.Code)).ToArray();

        Assert.Contains(("$.templates[0].entity", "unknownEntity"), errors);
        Assert.Contains(("$.templates[1].text.de", "unknownLanguage"), errors);
        Assert.Contains(("$.templates[2].name", "duplicateName"), errors);
    }

    [Fact]
    public void An_unknown_channel_is_a_shape_error()
    {
        var errors = Errors(Template("fax", "fax", "person", text: new() { ["tr"] = "x" }));

        Assert.Contains(errors, e => e.Path == "$.templates[0].channel" && e.Code == "notInEnumeration");
    }
}

using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Templates;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Templates;
using static NoCodeCrm.Engine.Tests.Templates.TemplateTestModel;

namespace NoCodeCrm.Engine.Tests.Templates;

/// <summary>What a template sees and how its parts come out: languages, labels, lookups, escaping, inline templates.</summary>
public sealed class TemplateRenderingTests
{
    private static readonly CompiledModel Model = Compile(Document(
        Welcome(),
        Template("english_only", "sms", "person", text: new() { ["en"] = "Hi {{ record.first_name }}" }),
        Template("details", "notification", "person",
            subject: new() { ["tr"] = "{{ record.tags_labels | array.join ', ' }}" },
            text: new()
            {
                ["tr"] = "{{ record.lifetime_value }} {{ record.birth_date | date.to_string '%d %B %Y' }} {{ record.visits + 1 }} {{ user.name }}",
                ["en"] = "{{ record.lifetime_value }} {{ record.birth_date | date.to_string '%d %B %Y' }} {{ record.visits + 1 }} {{ user.name }}",
            }),
        Template("markup", "email", "person", subject: new() { ["tr"] = "{{ record.first_name }}" },
            html: new() { ["tr"] = "<p title=\"{{ record.first_name }}\">{{ record.first_name }}|{{ record.first_name | html.escape }}|{{ '<b>kalın</b>' | html.raw }}</p>" },
            text: new() { ["tr"] = "{{ record.first_name }}" })));

    private static readonly TemplateService Service = new();

    private static StoredRecord Company(string name) =>
        new(Model.FindEntity("company")!, [Guid.CreateVersion7(), 1, DateTime.UtcNow, null, DateTime.UtcNow, null, null, null, null, null, name, "retail", null]);

    private static TemplateData Ayse(string firstName = "Ayşe")
    {
        var company = Company("Çınar A.Ş.");
        var person = Person(Model, new()
        {
            ["first_name"] = firstName,
            ["segment"] = "gold",
            ["tags"] = new[] { "vip", "online" },
            ["lifetime_value"] = 1234.5m,
            ["birth_date"] = new DateOnly(1990, 5, 1),
            ["visits"] = 41L,
            ["company"] = company.Id,
        });
        return new TemplateData(person, new Dictionary<string, StoredRecord?> { ["company"] = company }, new CrmPrincipal(Guid.NewGuid(), "Deniz", false, "tr"));
    }

    [Fact]
    public void A_template_renders_each_part_in_the_language_asked_for_with_lookups_and_choice_labels()
    {
        var tr = Service.Render(Model, "welcome", Ayse(), "tr");
        var en = Service.Render(Model, "welcome", Ayse(), "en");

        Assert.Equal(new RenderedMessage("Hoş geldin Ayşe", "Merhaba Ayşe", "<p>Ayşe (Çınar A.Ş., Altın)</p>", TemplateChannel.Email, "tr"), tr);
        Assert.Equal(new RenderedMessage("Welcome Ayşe", "Hello Ayşe", "<p>Ayşe (Çınar A.Ş., Gold)</p>", TemplateChannel.Email, "en"), en);
    }

    [Fact]
    public void A_missing_language_falls_back_to_the_default_language_then_to_any()
    {
        Assert.Equal("tr", Service.Render(Model, "welcome", Ayse(), "de").Language);
        Assert.Equal("Merhaba Ayşe", Service.Render(Model, "welcome", Ayse(), null).Text);

        var sms = Service.Render(Model, "english_only", Ayse(), "tr");
        Assert.Equal(("Hi Ayşe", "en", (string?)null, (string?)null), (sms.Text, sms.Language, sms.Subject, sms.Html));
    }

    [Fact]
    public void Numbers_and_dates_use_the_render_language_and_multi_choices_give_their_labels()
    {
        var tr = Service.Render(Model, "details", Ayse(), "tr");
        var en = Service.Render(Model, "details", Ayse(), "en");

        Assert.Equal("Önemli, Çevrimiçi", tr.Subject);
        Assert.Equal("1234,5 01 Mayıs 1990 42 Deniz", tr.Text);
        Assert.Equal("1234.5 01 May 1990 42 Deniz", en.Text);
    }

    [Fact]
    public void Html_bodies_escape_every_value_once_and_html_raw_opts_out()
    {
        var message = Service.Render(Model, "markup", Ayse("<script>\"Ali\" & 'Veli'</script>"), "tr");

        const string escaped = "&lt;script&gt;&quot;Ali&quot; &amp; &#39;Veli&#39;&lt;/script&gt;";
        Assert.Equal($"<p title=\"{escaped}\">{escaped}|{escaped}|<b>kalın</b></p>", message.Html);
        Assert.Equal("<script>\"Ali\" & 'Veli'</script>", message.Subject);
        Assert.Equal("<script>\"Ali\" & 'Veli'</script>", message.Text);
    }

    [Fact]
    public void An_empty_lookup_renders_as_empty_text()
    {
        var person = Person(Model, new() { ["first_name"] = "Can" });
        var data = new TemplateData(person, new Dictionary<string, StoredRecord?> { ["company"] = null }, null);

        Assert.Equal("<p>Can (, )</p>", Service.Render(Model, "welcome", data, "tr").Html);
    }

    [Fact]
    public void Inline_templates_render_with_the_invariant_culture_and_default_language_and_plain_text_is_returned_as_is()
    {
        var data = Ayse();
        const string plain = "Call the customer";

        Assert.Equal("Call Ayşe about 1234.5 (Altın)", Service.RenderInline(Model, "Call {{ record.first_name }} about {{ record.lifetime_value }} ({{ record.segment_label }})", data));
        Assert.Same(plain, Service.RenderInline(Model, plain, data));
    }

    [Fact]
    public void Inline_templates_are_parsed_once_per_model_version()
    {
        const string source = "Call {{ record.first_name }}";
        Service.RenderInline(Model, source, Ayse());
        var parsed = Model.Templates.Inline(source, 10);

        Service.RenderInline(Model, source, Ayse("Mehmet"));

        Assert.Same(parsed, Model.Templates.Inline(source, 10));
    }

    [Fact]
    public void Variables_added_by_the_caller_are_visible_and_converted_from_json()
    {
        var payload = System.Text.Json.JsonDocument.Parse("""{"type": "email.bounced", "reason": "mailbox full", "attempts": 3}""").RootElement;
        var data = Ayse().Set("event", payload);

        Assert.Equal("email.bounced: mailbox full (3)", Service.RenderInline(Model, "{{ event.type }}: {{ event.reason }} ({{ event.attempts }})", data));
        Assert.Throws<ArgumentException>(() => data.Set("record", "x"));
        Assert.Throws<ArgumentException>(() => data.Set("thing", new Uri("http://example.com")));
    }

    [Fact]
    public void An_unknown_template_is_not_found()
    {
        var error = Assert.Throws<CrmException>(() => Service.Render(Model, "nope", Ayse(), "tr"));

        Assert.Equal(CrmErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void A_draft_template_is_checked_and_rendered_without_publishing()
    {
        var draft = new TemplateDefinition
        {
            Name = "draft",
            Entity = "person",
            Channel = TemplateChannel.Sms,
            Text = NoCodeCrm.Engine.Metadata.LocalizedText.Of("tr", "Selam {{ record.first_name }}"),
        };
        var broken = draft with { Text = NoCodeCrm.Engine.Metadata.LocalizedText.Of("tr", "Selam\n  {{ record.first_name | }}") };

        Assert.Equal("Selam Ayşe", Service.RenderDraft(Model, draft, Ayse(), "tr").Text);
        var error = Assert.Throws<CrmException>(() => Service.RenderDraft(Model, broken, Ayse(), "tr"));
        Assert.Equal("templateFailed", error.Code);
        var detail = Assert.Single(error.Errors);
        Assert.Equal(("$.template.text.tr", 2, 26), (detail.Path, detail.Line!.Value, detail.Column!.Value));
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Tests.Samples;

/// <summary>
/// Checks the CRM sample pack (<c>samples/crm/model.json</c>) that an empty database is loaded with:
/// the entities and fields other code relies on, and the rules the metadata validator will enforce.
/// </summary>
public sealed partial class CrmSamplePackTests
{
    private static readonly Lazy<string> Json = new(() =>
        File.ReadAllText(Path.Combine(FindRepositoryRoot(), "samples", "crm", "model.json")));

    private static readonly Lazy<CrmModel> LazyModel = new(() => ModelJson.Parse(Json.Value));

    private static CrmModel Model => LazyModel.Value;

    private static readonly string[] Languages = ["tr", "en"];

    private static readonly HashSet<string> ReservedNames =
    [
        "id", "version", "created_at", "created_by", "updated_at", "updated_by",
        "owner", "owning_team", "owning_department", "deleted_at",
    ];

    private static readonly string[] Sections = ["forms", "views", "pipelines", "workflows", "automations", "templates", "roles"];

    /// <summary>Entities and fields that other parts of the product rely on, with their types.</summary>
    private static readonly Dictionary<string, (string Name, FieldType Type)[]> RequiredFields = new()
    {
        ["person"] =
        [
            ("first_name", FieldType.Text), ("last_name", FieldType.Text), ("email", FieldType.Email),
            ("phone", FieldType.Phone), ("birth_date", FieldType.Date), ("segment", FieldType.Choice),
            ("company", FieldType.Lookup), ("city", FieldType.Text), ("tags", FieldType.MultiChoice),
            ("lifetime_value", FieldType.Currency), ("nps", FieldType.Integer), ("notes", FieldType.Textarea),
        ],
        ["company"] =
        [
            ("name", FieldType.Text), ("tax_number", FieldType.Text), ("sector", FieldType.Choice),
            ("website", FieldType.Url), ("phone", FieldType.Phone), ("email", FieldType.Email), ("city", FieldType.Text),
            ("employee_count", FieldType.Integer), ("annual_revenue", FieldType.Currency),
            ("parent_company", FieldType.Lookup),
        ],
        ["lead"] =
        [
            ("first_name", FieldType.Text), ("last_name", FieldType.Text), ("company_name", FieldType.Text),
            ("email", FieldType.Email), ("phone", FieldType.Phone), ("source", FieldType.Choice),
            ("status", FieldType.Choice), ("converted_person", FieldType.Lookup),
            ("converted_company", FieldType.Lookup), ("converted_opportunity", FieldType.Lookup),
        ],
        ["opportunity"] =
        [
            ("name", FieldType.Text), ("amount", FieldType.Currency), ("stage", FieldType.Choice),
            ("probability", FieldType.Percent), ("expected_close_date", FieldType.Date), ("person", FieldType.Lookup),
            ("company", FieldType.Lookup), ("campaign", FieldType.Lookup), ("channel", FieldType.Choice),
        ],
        ["activity"] =
        [
            ("subject", FieldType.Text), ("activity_type", FieldType.Choice), ("direction", FieldType.Choice),
            ("occurred_at", FieldType.Datetime), ("duration_minutes", FieldType.Integer),
            ("description", FieldType.Textarea), ("person", FieldType.Lookup), ("company", FieldType.Lookup),
            ("opportunity", FieldType.Lookup),
        ],
        ["note"] =
        [
            ("title", FieldType.Text), ("body", FieldType.Textarea), ("person", FieldType.Lookup),
            ("company", FieldType.Lookup), ("opportunity", FieldType.Lookup),
        ],
        ["task"] =
        [
            ("subject", FieldType.Text), ("due_date", FieldType.Date), ("status", FieldType.Choice),
            ("priority", FieldType.Choice), ("description", FieldType.Textarea), ("person", FieldType.Lookup),
            ("company", FieldType.Lookup), ("opportunity", FieldType.Lookup),
        ],
        ["product"] =
        [
            ("name", FieldType.Text), ("code", FieldType.Text), ("unit_price", FieldType.Currency),
            ("vat_rate", FieldType.Percent), ("active", FieldType.Boolean), ("description", FieldType.Textarea),
        ],
        ["quote"] =
        [
            ("quote_number", FieldType.Autonumber), ("name", FieldType.Text), ("status", FieldType.Choice),
            ("valid_until", FieldType.Date), ("person", FieldType.Lookup), ("company", FieldType.Lookup),
            ("opportunity", FieldType.Lookup), ("total_amount", FieldType.Currency),
        ],
        ["quote_line"] =
        [
            ("quote", FieldType.Lookup), ("product", FieldType.Lookup), ("quantity", FieldType.Decimal),
            ("unit_price", FieldType.Currency), ("discount_percent", FieldType.Percent),
            ("line_total", FieldType.Currency),
        ],
        ["sales_order"] =
        [
            ("order_number", FieldType.Autonumber), ("status", FieldType.Choice), ("person", FieldType.Lookup),
            ("company", FieldType.Lookup), ("quote", FieldType.Lookup), ("order_date", FieldType.Date),
            ("total_amount", FieldType.Currency), ("payment_status", FieldType.Choice),
        ],
        ["invoice"] =
        [
            ("invoice_number", FieldType.Autonumber), ("sales_order", FieldType.Lookup), ("person", FieldType.Lookup),
            ("company", FieldType.Lookup), ("issue_date", FieldType.Date), ("due_date", FieldType.Date),
            ("total_amount", FieldType.Currency), ("payment_status", FieldType.Choice),
        ],
        ["service_request"] =
        [
            ("request_number", FieldType.Autonumber), ("subject", FieldType.Text),
            ("request_type", FieldType.Choice), ("category", FieldType.Choice), ("channel", FieldType.Choice),
            ("priority", FieldType.Choice), ("status", FieldType.Choice), ("description", FieldType.Textarea),
            ("person", FieldType.Lookup), ("company", FieldType.Lookup), ("resolved_at", FieldType.Datetime),
        ],
        ["campaign"] =
        [
            ("name", FieldType.Text), ("channel", FieldType.Choice), ("status", FieldType.Choice),
            ("start_date", FieldType.Date), ("end_date", FieldType.Date), ("budget", FieldType.Currency),
            ("description", FieldType.Textarea),
        ],
    };

    /// <summary>Lookups whose target and delete behaviour other code relies on.</summary>
    private static readonly (string Entity, string Field, string Target, OnDeleteBehavior OnDelete)[] RequiredLookups =
    [
        ("person", "company", "company", OnDeleteBehavior.SetNull),
        ("company", "parent_company", "company", OnDeleteBehavior.SetNull),
        ("lead", "converted_person", "person", OnDeleteBehavior.SetNull),
        ("lead", "converted_company", "company", OnDeleteBehavior.SetNull),
        ("lead", "converted_opportunity", "opportunity", OnDeleteBehavior.SetNull),
        ("opportunity", "person", "person", OnDeleteBehavior.SetNull),
        ("opportunity", "company", "company", OnDeleteBehavior.SetNull),
        ("opportunity", "campaign", "campaign", OnDeleteBehavior.SetNull),
        ("activity", "person", "person", OnDeleteBehavior.SetNull),
        ("activity", "company", "company", OnDeleteBehavior.SetNull),
        ("activity", "opportunity", "opportunity", OnDeleteBehavior.SetNull),
        ("note", "person", "person", OnDeleteBehavior.Cascade),
        ("note", "company", "company", OnDeleteBehavior.Cascade),
        ("note", "opportunity", "opportunity", OnDeleteBehavior.Cascade),
        ("task", "person", "person", OnDeleteBehavior.SetNull),
        ("task", "company", "company", OnDeleteBehavior.SetNull),
        ("task", "opportunity", "opportunity", OnDeleteBehavior.SetNull),
        ("quote", "person", "person", OnDeleteBehavior.SetNull),
        ("quote", "company", "company", OnDeleteBehavior.SetNull),
        ("quote", "opportunity", "opportunity", OnDeleteBehavior.SetNull),
        ("quote_line", "quote", "quote", OnDeleteBehavior.Cascade),
        ("quote_line", "product", "product", OnDeleteBehavior.Restrict),
        ("sales_order", "quote", "quote", OnDeleteBehavior.SetNull),
        ("invoice", "sales_order", "sales_order", OnDeleteBehavior.SetNull),
        ("service_request", "person", "person", OnDeleteBehavior.SetNull),
        ("service_request", "company", "company", OnDeleteBehavior.SetNull),
    ];

    /// <summary>Option sets that automation, pipelines and reports refer to by value.</summary>
    private static readonly (string Entity, string Field, string[] Values)[] RequiredOptions =
    [
        ("person", "segment", ["standard", "silver", "gold"]),
        ("company", "sector", ["finance", "retail", "manufacturing", "technology", "healthcare", "public", "other"]),
        ("lead", "source", ["web", "referral", "event", "campaign", "phone", "other"]),
        ("lead", "status", ["new", "contacted", "qualified", "converted", "lost"]),
        ("opportunity", "stage", ["prospecting", "qualification", "proposal", "negotiation", "won", "lost"]),
        ("activity", "activity_type", ["call", "sms", "email", "visit", "meeting"]),
        ("activity", "direction", ["inbound", "outbound"]),
        ("task", "status", ["open", "in_progress", "done", "cancelled"]),
        ("task", "priority", ["low", "normal", "high"]),
        ("quote", "status", ["draft", "sent", "accepted", "rejected"]),
        ("sales_order", "payment_status", ["unpaid", "partial", "paid"]),
        ("invoice", "payment_status", ["unpaid", "partial", "paid"]),
        ("service_request", "request_type", ["request", "suggestion", "complaint"]),
        ("service_request", "channel", ["phone", "email", "web", "sms", "social", "store"]),
        ("service_request", "status", ["new", "in_progress", "waiting", "resolved", "closed"]),
        ("campaign", "channel", ["email", "sms", "call", "visit", "social"]),
    ];

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex ApiName();

    [GeneratedRegex(@"^[^{}]*\{0{1,12}\}[^{}]*$")]
    private static partial Regex AutonumberFormat();

    [Fact]
    public void Document_has_the_settings_and_sections_and_no_version()
    {
        using var document = JsonDocument.Parse(Json.Value);
        var root = document.RootElement;
        Assert.False(root.TryGetProperty("version", out _), "The sample pack must not carry a version.");
        foreach (var section in Sections)
            Assert.True(root.TryGetProperty(section, out var value) && value.ValueKind == JsonValueKind.Array, $"Section '{section}' is missing.");

        Assert.Equal("tr", Model.Settings.DefaultLanguage);
        // Consents live in crm_system.consent (append-only history), about records of this entity.
        Assert.Equal("person", Model.Settings.Consent?.Subject);
        Assert.Equal(["marketing", "profiling", "service", "analytics"], Model.Settings.Consent!.Purposes.ToArray());
        Assert.Equal(Languages, Model.Settings.Languages);
    }

    [Fact]
    public void Required_entities_and_fields_exist_with_their_types()
    {
        var problems = new List<string>();
        foreach (var (entityName, fields) in RequiredFields)
        {
            var entity = Model.FindEntity(entityName);
            if (entity is null)
            {
                problems.Add($"entity '{entityName}' is missing");
                continue;
            }
            foreach (var (fieldName, type) in fields)
            {
                var field = entity.FindField(fieldName);
                if (field is null) problems.Add($"{entityName}.{fieldName} is missing");
                else if (field.Type != type) problems.Add($"{entityName}.{fieldName} is {field.Type}, expected {type}");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Stated_field_details_hold()
    {
        var person = Entity("person");
        Assert.True(Field(person, "first_name").Required);
        Assert.Equal(100, Field(person, "first_name").MaxLength);
        Assert.True(Field(person, "last_name").Required);
        Assert.Equal(100, Field(person, "last_name").MaxLength);
        var email = Field(person, "email");
        Assert.True(email.Unique && email.Searchable && email.PersonalData);
        Assert.True(Field(person, "phone").Searchable);
        Assert.Equal("standard", Field(person, "segment").Default?.GetString());
        Assert.Equal(0m, Field(person, "nps").Min);
        Assert.Equal(10m, Field(person, "nps").Max);
        foreach (var name in new[] { "first_name", "last_name", "email", "phone", "birth_date" })
            Assert.True(Field(person, name).PersonalData, $"person.{name} is personal data");

        var company = Entity("company");
        Assert.True(Field(company, "name").Required && Field(company, "name").Searchable);
        Assert.Equal("^[0-9]{10}$", Field(company, "tax_number").Pattern);
        Assert.True(Field(company, "tax_number").Unique);
        Assert.Equal(0m, Field(company, "employee_count").Min);

        Assert.Equal("new", Field(Entity("lead"), "status").Default?.GetString());

        var opportunity = Entity("opportunity");
        Assert.True(Field(opportunity, "name").Required);
        Assert.Equal(0m, Field(opportunity, "amount").Min);
        Assert.Equal("prospecting", Field(opportunity, "stage").Default?.GetString());
        Assert.Equal(0m, Field(opportunity, "probability").Min);
        Assert.Equal(100m, Field(opportunity, "probability").Max);

        Assert.True(Field(Entity("activity"), "subject").Required);
        Assert.Equal(0m, Field(Entity("activity"), "duration_minutes").Min);
        Assert.True(Field(Entity("note"), "body").Required);

        var task = Entity("task");
        Assert.True(Field(task, "subject").Required);
        Assert.Equal("open", Field(task, "status").Default?.GetString());
        Assert.Equal("normal", Field(task, "priority").Default?.GetString());

        var product = Entity("product");
        Assert.True(Field(product, "name").Required && Field(product, "name").Searchable);
        Assert.True(Field(product, "code").Unique);
        Assert.Equal(0m, Field(product, "unit_price").Min);
        Assert.Equal(20m, Field(product, "vat_rate").Default?.GetDecimal());
        Assert.True(Field(product, "active").Default?.GetBoolean());

        Assert.Equal("QT-{00000}", Field(Entity("quote"), "quote_number").Format);
        Assert.Equal("SO-{00000}", Field(Entity("sales_order"), "order_number").Format);
        Assert.Equal("INV-{000000}", Field(Entity("invoice"), "invoice_number").Format);
        Assert.Equal("SR-{00000}", Field(Entity("service_request"), "request_number").Format);

        var quoteLine = Entity("quote_line");
        Assert.True(Field(quoteLine, "quote").Required);
        var quantity = Field(quoteLine, "quantity");
        Assert.Equal((18, 4), (quantity.Precision, quantity.Scale));
        Assert.Equal(0m, quantity.Min);
        Assert.Equal(0m, Field(quoteLine, "discount_percent").Min);
        Assert.Equal(100m, Field(quoteLine, "discount_percent").Max);

        var serviceRequest = Entity("service_request");
        Assert.True(Field(serviceRequest, "subject").Required);
        Assert.True(Field(serviceRequest, "request_type").Required);
        Assert.Equal("new", Field(serviceRequest, "status").Default?.GetString());

        Assert.True(Field(Entity("campaign"), "name").Required);
    }

    [Fact]
    public void Required_lookups_have_their_targets_and_delete_behaviour()
    {
        var problems = new List<string>();
        foreach (var (entityName, fieldName, target, onDelete) in RequiredLookups)
        {
            var field = Model.FindEntity(entityName)?.FindField(fieldName);
            if (field is null) problems.Add($"{entityName}.{fieldName} is missing");
            else if (field.Target != target || field.OnDelete != onDelete)
                problems.Add($"{entityName}.{fieldName} → {field.Target} ({field.OnDelete}), expected {target} ({onDelete})");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Required_option_sets_have_their_values()
    {
        var problems = new List<string>();
        foreach (var (entityName, fieldName, values) in RequiredOptions)
        {
            var field = Model.FindEntity(entityName)?.FindField(fieldName);
            if (field is null)
            {
                problems.Add($"{entityName}.{fieldName} is missing");
                continue;
            }
            var actual = field.Options.Select(o => o.Value).ToHashSet();
            foreach (var value in values.Where(v => !actual.Contains(v)))
                problems.Add($"{entityName}.{fieldName} lacks option '{value}'");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_lookup_points_at_an_existing_entity()
    {
        var problems = new List<string>();
        foreach (var (owner, field) in AllFields())
        {
            if (field.Type == FieldType.Lookup)
            {
                if (field.Target is null || Model.FindEntity(field.Target) is null)
                    problems.Add($"{owner}.{field.Name} targets unknown entity '{field.Target}'");
                if (field.OnDelete is null) problems.Add($"{owner}.{field.Name} has no onDelete");
                if (field.Required && field.OnDelete == OnDeleteBehavior.SetNull)
                    problems.Add($"{owner}.{field.Name} is required but set to null on delete");
            }
            else if (field.Target is not null || field.OnDelete is not null)
            {
                problems.Add($"{owner}.{field.Name} is no lookup but has a target or onDelete");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Relations_are_as_stated_and_their_sides_exist()
    {
        var companyContact = Model.FindRelation("company_contact");
        Assert.NotNull(companyContact);
        Assert.Equal(("person", "company"), (companyContact.From, companyContact.To));
        Assert.Equal(FieldType.Text, companyContact.Fields.Single(f => f.Name == "role").Type);
        Assert.Equal(100, companyContact.Fields.Single(f => f.Name == "role").MaxLength);
        var isPrimary = companyContact.Fields.Single(f => f.Name == "is_primary");
        Assert.Equal(FieldType.Boolean, isPrimary.Type);
        Assert.False(isPrimary.Default?.GetBoolean());

        var campaignMember = Model.FindRelation("campaign_member");
        Assert.NotNull(campaignMember);
        Assert.Equal(("campaign", "person"), (campaignMember.From, campaignMember.To));
        var memberStatus = campaignMember.Fields.Single(f => f.Name == "member_status");
        Assert.Equal(FieldType.Choice, memberStatus.Type);
        Assert.Equal(["targeted", "sent", "responded", "converted"], memberStatus.Options.Select(o => o.Value));
        Assert.Equal(FieldType.Datetime, campaignMember.Fields.Single(f => f.Name == "responded_at").Type);

        var problems = new List<string>();
        foreach (var relation in Model.Relations)
        {
            if (Model.FindEntity(relation.From) is null) problems.Add($"relation {relation.Name}: unknown from '{relation.From}'");
            if (Model.FindEntity(relation.To) is null) problems.Add($"relation {relation.Name}: unknown to '{relation.To}'");
            if (Model.FindEntity(relation.Name) is not null) problems.Add($"relation {relation.Name} has an entity's name");
            foreach (var field in relation.Fields.Where(f => f.Type is FieldType.Lookup or FieldType.Autonumber))
                problems.Add($"relation {relation.Name}: link field {field.Name} may not be {field.Type}");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_primary_field_names_a_text_or_autonumber_field_of_its_entity()
    {
        var problems = new List<string>();
        foreach (var entity in Model.Entities)
        {
            var field = entity.PrimaryField is null ? null : entity.FindField(entity.PrimaryField);
            if (field is null) problems.Add($"{entity.Name}: primaryField '{entity.PrimaryField}' is no field");
            else if (field.Type is not (FieldType.Text or FieldType.Autonumber))
                problems.Add($"{entity.Name}: primaryField '{field.Name}' is {field.Type}");
        }
        Assert.Equal("last_name", Entity("person").PrimaryField);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_entity_field_option_and_relation_is_labelled_in_turkish_and_english()
    {
        var problems = new List<string>();
        foreach (var entity in Model.Entities)
        {
            CheckText(problems, entity.Name, "label", entity.Label, required: true);
            CheckText(problems, entity.Name, "pluralLabel", entity.PluralLabel, required: true);
            CheckText(problems, entity.Name, "description", entity.Description, required: false);
        }
        foreach (var relation in Model.Relations)
            CheckText(problems, relation.Name, "label", relation.Label, required: true);
        foreach (var (owner, field) in AllFields())
        {
            var path = $"{owner}.{field.Name}";
            CheckText(problems, path, "label", field.Label, required: true);
            CheckText(problems, path, "helpText", field.HelpText, required: false);
            foreach (var option in field.Options)
                CheckText(problems, $"{path}[{option.Value}]", "label", option.Label, required: true);
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Names_are_valid_unique_and_not_reserved()
    {
        var problems = new List<string>();
        var scopeNames = Model.Entities.Select(e => e.Name).Concat(Model.Relations.Select(r => r.Name)).ToList();
        foreach (var name in scopeNames)
            CheckName(problems, name, name);
        foreach (var duplicate in scopeNames.GroupBy(n => n).Where(g => g.Count() > 1))
            problems.Add($"'{duplicate.Key}' names more than one entity or relation");

        var scopes = Model.Entities.Select(e => (e.Name, e.Fields))
            .Concat(Model.Relations.Select(r => (r.Name, r.Fields)));
        foreach (var (owner, fields) in scopes)
        {
            foreach (var field in fields)
                CheckName(problems, $"{owner}.{field.Name}", field.Name);
            foreach (var duplicate in fields.GroupBy(f => f.Name).Where(g => g.Count() > 1))
                problems.Add($"{owner}.{duplicate.Key} is defined more than once");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Options_and_defaults_fit_their_fields()
    {
        var problems = new List<string>();
        foreach (var (owner, field) in AllFields())
        {
            var path = $"{owner}.{field.Name}";
            var isChoice = field.Type is FieldType.Choice or FieldType.MultiChoice;
            if (isChoice && field.Options.IsEmpty) problems.Add($"{path} has no options");
            if (!isChoice && !field.Options.IsEmpty) problems.Add($"{path} is {field.Type} but has options");
            foreach (var option in field.Options.Where(o => !ApiName().IsMatch(o.Value) || o.Value.Contains("__", StringComparison.Ordinal)))
                problems.Add($"{path}: option value '{option.Value}' is no valid API name");
            foreach (var duplicate in field.Options.GroupBy(o => o.Value).Where(g => g.Count() > 1))
                problems.Add($"{path}: option value '{duplicate.Key}' occurs more than once");

            if (field.Type == FieldType.Autonumber)
            {
                if (field.Format is null || !AutonumberFormat().IsMatch(field.Format))
                    problems.Add($"{path}: autonumber format '{field.Format}' needs exactly one {{0…0}} placeholder of 1–12 zeros");
            }
            else if (field.Format is not null)
            {
                problems.Add($"{path} is {field.Type} but has a format");
            }

            if (field.Default is { } value && !DefaultFits(field, value))
                problems.Add($"{path}: default {value.GetRawText()} does not fit a {field.Type} field");
            if (field.Min is { } min && field.Max is { } max && min > max)
                problems.Add($"{path}: min {min} > max {max}");
        }
        Assert.Empty(problems);
    }

    private static bool DefaultFits(FieldDefinition field, JsonElement value) => field.Type switch
    {
        FieldType.Choice => value.ValueKind == JsonValueKind.String && field.Options.Any(o => o.Value == value.GetString()),
        FieldType.MultiChoice => value.ValueKind == JsonValueKind.Array &&
            value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String && field.Options.Any(o => o.Value == v.GetString())),
        FieldType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        FieldType.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _) && InRange(field, value.GetDecimal()),
        FieldType.Decimal or FieldType.Currency or FieldType.Percent =>
            value.ValueKind == JsonValueKind.Number && InRange(field, value.GetDecimal()),
        FieldType.Lookup or FieldType.Autonumber or FieldType.User => false,
        _ => value.ValueKind == JsonValueKind.String,
    };

    private static bool InRange(FieldDefinition field, decimal value) =>
        (field.Min is null || value >= field.Min) && (field.Max is null || value <= field.Max);

    private static void CheckName(List<string> problems, string path, string name)
    {
        if (!ApiName().IsMatch(name)) problems.Add($"{path}: '{name}' is no valid API name");
        if (name.Contains("__", StringComparison.Ordinal)) problems.Add($"{path}: '{name}' contains a double underscore");
        if (ReservedNames.Contains(name)) problems.Add($"{path}: '{name}' is a reserved system column name");
    }

    private static void CheckText(List<string> problems, string path, string property, LocalizedText? text, bool required)
    {
        if (text is null)
        {
            if (required) problems.Add($"{path}: {property} is missing");
            return;
        }
        foreach (var language in Languages)
        {
            if (!text.Values.TryGetValue(language, out var value) || string.IsNullOrWhiteSpace(value))
                problems.Add($"{path}: {property} has no '{language}' text");
        }
    }

    private static IEnumerable<(string Owner, FieldDefinition Field)> AllFields() =>
        Model.Entities.SelectMany(e => e.Fields.Select(f => (e.Name, f)))
            .Concat(Model.Relations.SelectMany(r => r.Fields.Select(f => (r.Name, f))));

    private static EntityDefinition Entity(string name) =>
        Model.FindEntity(name) ?? throw new Xunit.Sdk.XunitException($"Entity '{name}' is missing.");

    private static FieldDefinition Field(EntityDefinition entity, string name) =>
        entity.FindField(name) ?? throw new Xunit.Sdk.XunitException($"Field '{entity.Name}.{name}' is missing.");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NoCodeCrm.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No NoCodeCrm.sln above {AppContext.BaseDirectory}.");
    }
}

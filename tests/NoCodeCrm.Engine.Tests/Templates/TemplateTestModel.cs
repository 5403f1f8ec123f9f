using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Tests.Templates;

/// <summary>A small Turkish-first model (company, person) with message templates, as a document the tests can change.</summary>
internal static class TemplateTestModel
{
    public static JsonObject Document(params JsonObject[] templates)
    {
        var document = JsonNode.Parse("""
        {
          "settings": { "defaultLanguage": "tr", "languages": ["tr", "en"] },
          "entities": [
            { "name": "company", "primaryField": "name", "fields": [
              { "name": "name", "type": "text" },
              { "name": "sector", "type": "choice", "options": [
                { "value": "retail", "label": { "tr": "Perakende", "en": "Retail" } } ] },
              { "name": "parent_company", "type": "lookup", "target": "company" } ] },
            { "name": "person", "primaryField": "last_name", "fields": [
              { "name": "first_name", "type": "text" },
              { "name": "last_name", "type": "text" },
              { "name": "birth_date", "type": "date" },
              { "name": "lifetime_value", "type": "currency" },
              { "name": "visits", "type": "integer" },
              { "name": "segment", "type": "choice", "options": [
                { "value": "gold", "label": { "tr": "Altın", "en": "Gold" } },
                { "value": "silver", "label": { "tr": "Gümüş", "en": "Silver" } } ] },
              { "name": "tags", "type": "multiChoice", "options": [
                { "value": "vip", "label": { "tr": "Önemli", "en": "VIP" } },
                { "value": "online", "label": { "tr": "Çevrimiçi", "en": "Online" } } ] },
              { "name": "company", "type": "lookup", "target": "company" } ] }
          ]
        }
        """)!.AsObject();
        document["templates"] = new JsonArray(templates.Select(t => (JsonNode)t).ToArray());
        return document;
    }

    public static JsonObject Welcome() => Template("welcome", "email", "person",
        subject: new() { ["tr"] = "Hoş geldin {{ record.first_name }}", ["en"] = "Welcome {{ record.first_name }}" },
        html: new()
        {
            ["tr"] = "<p>{{ record.first_name }} ({{ record.company.name }}, {{ record.segment_label }})</p>",
            ["en"] = "<p>{{ record.first_name }} ({{ record.company.name }}, {{ record.segment_label }})</p>",
        },
        text: new() { ["tr"] = "Merhaba {{ record.first_name }}", ["en"] = "Hello {{ record.first_name }}" });

    public static JsonObject Template(string name, string channel, string? entity, Dictionary<string, string>? subject = null,
        Dictionary<string, string>? html = null, Dictionary<string, string>? text = null)
    {
        var template = new JsonObject { ["name"] = name, ["channel"] = channel };
        if (entity is not null) template["entity"] = entity;
        if (subject is not null) template["subject"] = Localized(subject);
        if (html is not null) template["html"] = Localized(html);
        if (text is not null) template["text"] = Localized(text);
        return template;
    }

    public static CompiledModel Compile(JsonObject document) =>
        new(ModelJson.Parse(document.ToJsonString()) with { Version = 1 }, SchemaNames.Default);

    /// <summary>A person record as the record reader returns one (values in the compiled entity's order), for tests without a database.</summary>
    public static StoredRecord Person(CompiledModel model, Dictionary<string, object?> fields)
    {
        var entity = model.FindEntity("person")!;
        var values = new object?[entity.ValueIndex.Count];
        values[entity.ValueIndex[SystemColumns.Id]] = Guid.CreateVersion7();
        values[entity.ValueIndex[SystemColumns.Version]] = 1;
        values[entity.ValueIndex[SystemColumns.CreatedAt]] = DateTime.UtcNow;
        values[entity.ValueIndex[SystemColumns.UpdatedAt]] = DateTime.UtcNow;
        foreach (var (name, value) in fields) values[entity.ValueIndex[name]] = value;
        return new StoredRecord(entity, values);
    }

    private static JsonObject Localized(Dictionary<string, string> texts) =>
        new(texts.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value)));
}

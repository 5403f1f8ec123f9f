using System.Text;
using System.Text.Json;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Export;

/// <summary>
/// Writes records as CSV with one column per field the reader may see (id, owner and times first), in the API's value
/// forms: text as is, numbers in invariant form, a multiChoice as values joined by ';'. Every cell is neutralised
/// against spreadsheet formulas.
/// </summary>
public static class RecordCsvWriter
{
    private static readonly string[] SystemColumnsShown = [SystemColumns.Id, SystemColumns.Owner, SystemColumns.CreatedAt, SystemColumns.UpdatedAt];

    public static IReadOnlyList<string> Columns(Compiled.CompiledEntity entity, IReadOnlySet<string> hidden, IReadOnlySet<string>? select) =>
        [.. SystemColumnsShown, .. entity.Fields.Select(f => f.Name).Where(n => !hidden.Contains(n) && (select is null || select.Contains(n)))];

    public static void WriteHeader(StringBuilder csv, IReadOnlyList<string> columns) =>
        csv.AppendJoin(',', columns.Select(CsvCell.Of)).Append("\r\n");

    public static void WriteRow(StringBuilder csv, StoredRecord record, IReadOnlyList<string> columns)
    {
        using var json = JsonDocument.Parse(RecordJsonWriter.ToUtf8(record));
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) csv.Append(',');
            if (json.RootElement.TryGetProperty(columns[i], out var value)) csv.Append(CsvCell.Of(Text(value)));
        }
        csv.Append("\r\n");
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(';', value.EnumerateArray().Select(Text)),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}

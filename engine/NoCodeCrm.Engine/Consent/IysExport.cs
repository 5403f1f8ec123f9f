using System.Globalization;
using System.Text;

namespace NoCodeCrm.Engine.Consent;

/// <summary>
/// Writes current consents as an İYS-style CSV (recipient, type, source, status, consent date): type EPOSTA / MESAJ /
/// ARAMA, status ONAY / RET, dates in Turkey time. Cells that a spreadsheet would run as a formula are neutralised.
/// </summary>
public static class IysExport
{
    public const string Header = "recipient,type,source,status,consentDate";

    private static readonly TimeZoneInfo Turkey = FindTurkey();

    public static string Write(IEnumerable<StoredConsent> consents)
    {
        ArgumentNullException.ThrowIfNull(consents);
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var consent in consents)
        {
            if (ConsentChannels.IysType(consent.Channel) is not { } type || string.IsNullOrEmpty(consent.Recipient)) continue;
            var status = consent.Status == ConsentStatuses.Granted ? "ONAY" : "RET";
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(consent.DecidedAt, DateTimeKind.Utc), Turkey);
            csv.Append(Cell(consent.Recipient)).Append(',').Append(type).Append(',').Append(Cell(consent.Source)).Append(',')
                .Append(status).Append(',').Append(local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>One CSV cell, neutralised against formula injection (see <see cref="Export.CsvCell"/>).</summary>
    public static string Cell(string value) => Export.CsvCell.Of(value);

    private static TimeZoneInfo FindTurkey()
    {
        // Turkey keeps UTC+3 all year since 2016; the fixed offset is the fallback on hosts without time zone data.
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("Turkey", TimeSpan.FromHours(3), "Turkey", "Turkey"); }
    }
}

using NoCodeCrm.Engine.Consent;

namespace NoCodeCrm.Engine.Tests.Consent;

public sealed class IysExportTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("+905321234567", "+905321234567")]
    [InlineData("ayse@example.com", "ayse@example.com")]
    [InlineData("HS_WEB", "HS_WEB")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    public void Cells_a_spreadsheet_would_run_as_formulas_are_written_as_text(string value, string cell) =>
        Assert.Equal(cell, IysExport.Cell(value));

    [Fact]
    public void Rows_use_iys_types_and_statuses_in_turkey_time_and_skip_channels_iys_does_not_register()
    {
        var at = new DateTime(2026, 1, 31, 22, 15, 0, DateTimeKind.Utc);
        var csv = IysExport.Write(
        [
            new StoredConsent { Channel = "sms", Status = "granted", Recipient = "+905551112233", Source = "HS_WEB", DecidedAt = at },
            new StoredConsent { Channel = "call", Status = "denied", Recipient = "+905551112233", Source = "HS_CAGRI_MERKEZI", DecidedAt = at },
            new StoredConsent { Channel = "email", Status = "withdrawn", Recipient = "a@example.com", Source = "unsubscribe link", DecidedAt = at },
            new StoredConsent { Channel = "push", Status = "granted", Recipient = "+905551112233", Source = "app", DecidedAt = at },
            new StoredConsent { Channel = "whatsapp", Status = "granted", Recipient = null, Source = "app", DecidedAt = at },
        ]);
        Assert.Equal(
            "recipient,type,source,status,consentDate\r\n" +
            "+905551112233,MESAJ,HS_WEB,ONAY,2026-02-01 01:15:00\r\n" +
            "+905551112233,ARAMA,HS_CAGRI_MERKEZI,RET,2026-02-01 01:15:00\r\n" +
            "a@example.com,EPOSTA,unsubscribe link,RET,2026-02-01 01:15:00\r\n", csv);
    }
}

using NoCodeCrm.Engine.Rules;
using NoCodeCrm.Engine.Rules.Text;

namespace NoCodeCrm.Engine.Tests.Rules;

/// <summary>Turkish-aware case folding, in C# (conditions) and in the scripts' crm helpers.</summary>
public sealed class TurkishTextTests
{
    private static readonly RuleEngine Rules = new();

    private static object? Eval(string source) =>
        Rules.EvaluateScript(RuleEngine.PrepareScript("helpers", source), RuleTestModel.Context(RuleTestModel.Record(RuleTestModel.Deal)));

    [Theory]
    [InlineData("ISPARTA", "ısparta")]
    [InlineData("İSTANBUL", "istanbul")]
    [InlineData("ŞIĞÜÖÇ", "şığüöç")]
    public void Lower_case_follows_Turkish_rules(string text, string expected)
    {
        Assert.Equal(expected, TurkishText.LowerTr(text));
        Assert.Equal(expected, Eval($"crm.lowerTr('{text}')"));
    }

    [Theory]
    [InlineData("istanbul", "İSTANBUL")]
    [InlineData("ılık", "ILIK")]
    [InlineData("çiğdem", "ÇİĞDEM")]
    public void Upper_case_follows_Turkish_rules(string text, string expected)
    {
        Assert.Equal(expected, TurkishText.UpperTr(text));
        Assert.Equal(expected, Eval($"crm.upperTr('{text}')"));
    }

    [Theory]
    [InlineData("Şahin Çağlar", "sahin caglar")]
    [InlineData("IŞIK", "isik")]
    [InlineData("İğdır", "igdir")]
    [InlineData("Gözde Ünlü", "gozde unlu")]
    [InlineData("Café", "cafe")]
    public void Folding_removes_case_and_Turkish_letters(string text, string expected)
    {
        Assert.Equal(expected, TurkishText.Fold(text));
        Assert.Equal(expected, Eval($"crm.fold('{text}')"));
    }

    [Fact]
    public void Case_keys_match_dotted_and_dotless_i_but_keep_other_letters()
    {
        Assert.Equal(TurkishText.CaseKey("ISPARTA"), TurkishText.CaseKey("isparta"));
        Assert.Equal(TurkishText.CaseKey("İstanbul"), TurkishText.CaseKey("ISTANBUL"));
        Assert.NotEqual(TurkishText.CaseKey("Şahin"), TurkishText.CaseKey("sahin"));
    }

    [Theory]
    [InlineData("0532 123 45 67", "+905321234567")]
    [InlineData("(532) 123-4567", "+905321234567")]
    [InlineData("+90 532 123 45 67", "+905321234567")]
    [InlineData("0090 532 123 45 67", "+905321234567")]
    [InlineData("+49 30 1234567", "+49301234567")]
    public void Phone_numbers_are_normalised_to_international_form(string phone, string expected) =>
        Assert.Equal(expected, Eval($"crm.normalizePhone('{phone}')"));

    [Fact]
    public void Date_number_and_string_helpers_work()
    {
        Assert.Equal("2024-02-29", Eval("crm.formatDate(crm.addMonths(new Date(Date.UTC(2024, 0, 31)), 1))"));
        Assert.Equal("2025-02-28", Eval("crm.formatDate(crm.addYears(new Date(Date.UTC(2024, 1, 29)), 1))"));
        Assert.Equal("2025-06-25", Eval("crm.formatDate(crm.addDays(now, 10))"));
        Assert.Equal(34d, Eval("crm.age(new Date(Date.UTC(1990, 5, 16)), now)"));
        Assert.Equal(35d, Eval("crm.age(new Date(Date.UTC(1990, 5, 15)), now)"));
        Assert.Equal(2.35, Eval("crm.round(2.345, 2)"));
        Assert.Equal(10d, Eval("crm.clamp(12, 0, 10)"));
        Assert.Equal(true, Eval("crm.isBlank('  ') && crm.isBlank(null) && !crm.isBlank('a')"));
        Assert.Equal("00042", Eval("crm.padLeft(42, 5)"));
        Assert.Equal(true, Eval("crm.containsTr('İSTANBUL Şubesi', 'istanbul sube')"));
        Assert.Equal("Ayşe Işık", Eval("crm.capitalizeTr('AYŞE IŞIK')"));
    }
}

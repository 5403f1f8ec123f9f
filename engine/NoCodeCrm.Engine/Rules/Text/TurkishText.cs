using System.Text;

namespace NoCodeCrm.Engine.Rules.Text;

/// <summary>Case folding and normalisation that treat the Turkish letters (ı İ ş ğ ü ö ç) the way Turkish users expect.</summary>
public static class TurkishText
{
    /// <summary>Lower case by Turkish rules: I → ı, İ → i, everything else as usual.</summary>
    public static string LowerTr(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(c switch { 'I' => 'ı', 'İ' => 'i', _ => char.ToLowerInvariant(c) });
        return builder.ToString();
    }

    /// <summary>Upper case by Turkish rules: i → İ, ı → I, everything else as usual.</summary>
    public static string UpperTr(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(c switch { 'i' => 'İ', 'ı' => 'I', _ => char.ToUpperInvariant(c) });
        return builder.ToString();
    }

    /// <summary>
    /// The key case-insensitive matching compares: lower case, with I, İ, ı and i all one letter. Turkish text is often
    /// typed on keyboards without ı/İ ("ISPARTA", "istanbul"), and English words must still match ("IBM" ~ "ibm"),
    /// so the dotted and dotless i are not told apart; ş, ğ, ü, ö, ç stay distinct letters.
    /// </summary>
    public static string CaseKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(c switch { 'I' or 'İ' or 'ı' => 'i', _ => char.ToLowerInvariant(c) });
        return builder.ToString();
    }

    /// <summary>Search folding: <see cref="CaseKey"/> plus ş→s, ğ→g, ü→u, ö→o, ç→c and other accents removed ("Şahin" ~ "sahin").</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = CaseKey(text).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
                builder.Append(c == 'ı' ? 'i' : c);
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}

namespace NoCodeCrm.Runtime.Auth;

/// <summary>The language a request prefers (two letters from <c>Accept-Language</c>), English when it names none usable.</summary>
public static class RequestLanguage
{
    public static string Of(HttpContext context)
    {
        var preferred = context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault()?.Value.Value;
        return preferred is { Length: >= 2 } && char.IsAsciiLetter(preferred[0]) && char.IsAsciiLetter(preferred[1])
            ? preferred[..2].ToLowerInvariant()
            : "en";
    }
}

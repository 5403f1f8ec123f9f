using System.Security.Cryptography;
using NoCodeCrm.Engine.Messaging.Tracking;

namespace NoCodeCrm.Engine.Tests.Messaging;

public sealed class TrackingTokensTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_token_names_its_message_only_for_its_own_purpose_key_and_url()
    {
        var id = Guid.NewGuid();
        var open = TrackingTokens.ForOpen(Key, id);
        var click = TrackingTokens.ForClick(Key, id, "https://example.com/offer?a=1&b=2");

        Assert.Equal(id, TrackingTokens.VerifyOpen(Key, open));
        Assert.Equal(id, TrackingTokens.VerifyClick(Key, click, "https://example.com/offer?a=1&b=2"));
        Assert.Null(TrackingTokens.VerifyClick(Key, click, "https://evil.example/offer?a=1&b=2"));
        Assert.Null(TrackingTokens.VerifyClick(Key, open, "https://example.com/offer?a=1&b=2"));
        Assert.Null(TrackingTokens.VerifyOpen(Key, click));
        Assert.Null(TrackingTokens.VerifyOpen(RandomNumberGenerator.GetBytes(32), open));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Damaged_or_forged_tokens_name_no_message(string token) => Assert.Null(TrackingTokens.VerifyOpen(Key, token));

    [Fact]
    public void Changing_one_character_of_a_genuine_token_makes_it_worthless()
    {
        var token = TrackingTokens.ForOpen(Key, Guid.NewGuid());
        var forged = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        Assert.Null(TrackingTokens.VerifyOpen(Key, forged));
    }
}

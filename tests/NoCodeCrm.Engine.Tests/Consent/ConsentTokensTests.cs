using System.Security.Cryptography;
using NoCodeCrm.Engine.Consent;

namespace NoCodeCrm.Engine.Tests.Consent;

public sealed class ConsentTokensTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void An_unsubscribe_token_names_its_person_and_only_under_its_key()
    {
        var person = Guid.NewGuid();
        var token = ConsentTokens.ForUnsubscribe(Key, person);
        Assert.Equal(person, ConsentTokens.VerifyUnsubscribe(Key, token));
        Assert.Null(ConsentTokens.VerifyUnsubscribe(RandomNumberGenerator.GetBytes(32), token));
    }

    [Fact]
    public void A_token_with_another_person_or_a_damaged_signature_is_refused()
    {
        var token = ConsentTokens.ForUnsubscribe(Key, Guid.NewGuid());
        var other = ConsentTokens.ForUnsubscribe(Key, Guid.NewGuid());
        // The first person's signature on the second person's id: someone trying to opt out a neighbour.
        Assert.Null(ConsentTokens.VerifyUnsubscribe(Key, other[..22] + token[22..]));
        Assert.Null(ConsentTokens.VerifyUnsubscribe(Key, token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]));
        Assert.Null(ConsentTokens.VerifyUnsubscribe(Key, token[..20]));
        Assert.Null(ConsentTokens.VerifyUnsubscribe(Key, "not a token!"));
    }
}

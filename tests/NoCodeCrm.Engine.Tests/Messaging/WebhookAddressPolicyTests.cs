using System.Net;
using NoCodeCrm.Engine.Messaging.Webhooks;

namespace NoCodeCrm.Engine.Tests.Messaging;

public sealed class WebhookAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.5")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:7f00:1::")]
    public void Addresses_off_the_public_internet_are_refused(string address) =>
        Assert.False(new WebhookAddressPolicy([]).IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    [InlineData("64:ff9b::5db8:d822")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(new WebhookAddressPolicy([]).IsAllowed(IPAddress.Parse(address)));

    [Fact]
    public void Allow_listed_addresses_and_ranges_pass_and_nothing_else_does()
    {
        var policy = new WebhookAddressPolicy(["127.0.0.1", "10.20.0.0/16", "Hooks.Internal", "[::1]"]);

        Assert.True(policy.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("10.20.3.4")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("::1")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("127.0.0.2")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("10.21.0.1")));
        Assert.True(policy.IsHostAllowed("hooks.internal"));
        Assert.False(policy.IsHostAllowed("localhost"));
    }
}

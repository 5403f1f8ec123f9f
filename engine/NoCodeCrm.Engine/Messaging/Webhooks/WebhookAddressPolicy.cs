using System.Net;
using System.Net.Sockets;

namespace NoCodeCrm.Engine.Messaging.Webhooks;

/// <summary>
/// The SSRF guard of webhooks: which resolved addresses a webhook may connect to. Anything not on the public internet is
/// refused (private, loopback, link-local, unique-local, CGNAT, multicast, unspecified, documentation and benchmark ranges,
/// and IPv6 forms that embed such an IPv4 address), unless the host name, the address or a CIDR range containing it is
/// listed in <c>Crm:Webhooks:AllowedHosts</c>.
/// </summary>
public sealed class WebhookAddressPolicy
{
    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        // ::/96 holds the unspecified address, loopback and the deprecated IPv4-compatible form.
        IPNetwork.Parse("::/96"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001::/32"), IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _networks = [];

    public WebhookAddressPolicy(IEnumerable<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        foreach (var raw in allowedHosts)
        {
            var entry = raw.Trim().Trim('[', ']');
            if (entry.Length == 0) continue;
            if (IPAddress.TryParse(entry, out var address)) _networks.Add(new IPNetwork(Normalize(address), address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6 ? 32 : 128));
            else if (entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out var network)) _networks.Add(network);
            else _hosts.Add(entry.TrimEnd('.'));
        }
    }

    /// <summary>The host name as written in the URL is allow-listed, so every address it resolves to may be used.</summary>
    public bool IsHostAllowed(string host) => _hosts.Contains(host.Trim('[', ']').TrimEnd('.'));

    /// <summary>Whether a webhook may connect to this address: public, or allow-listed.</summary>
    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = Normalize(address);
        return IsPublic(normalized) || _networks.Any(n => n.BaseAddress.AddressFamily == normalized.AddressFamily && n.Contains(normalized));
    }

    /// <summary>Whether the address is on the public internet (IPv4-mapped and embedded IPv4 forms are judged by their IPv4 address).</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var a = Normalize(address);
        if (a.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (a.ScopeId != 0) a = new IPAddress(a.GetAddressBytes());
            var bytes = a.GetAddressBytes();
            if (Nat64.Contains(a)) return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
            if (SixToFour.Contains(a)) return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }
        else if (a.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        foreach (var network in NonPublic)
        {
            if (network.BaseAddress.AddressFamily == a.AddressFamily && network.Contains(a)) return false;
        }
        return true;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

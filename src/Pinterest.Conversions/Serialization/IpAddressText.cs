namespace Pinterest.Conversions.Serialization;

/// <summary>
/// client_ip_address is "IPv4 or IPv6 format" (docs/pinterest-api.md §2.3): dotted-decimal IPv4 without leading zeros, or IPv6 text
/// (RFC 4291: 1 to 8 groups of 1 to 4 hex digits, one <c>::</c> at most, an IPv4 tail allowed), nothing else: no port,
/// brackets, zone or host name. Checked by hand, so the hot path allocates nothing on any target.
/// </summary>
internal static class IpAddressText
{
    public static bool IsValid(ReadOnlySpan<char> text) =>
        text.IndexOf(':') >= 0 ? IsIPv6(text) : IsIPv4(text);

    private static bool IsIPv4(ReadOnlySpan<char> text)
    {
        for (var part = 0; part < 4; part++)
        {
            var dot = text.IndexOf('.');
            var octet = part < 3 ? (dot < 0 ? default : text[..dot]) : text;
            if (part < 3 && dot < 0) return false;
            if (!IsOctet(octet)) return false;
            text = part < 3 ? text[(dot + 1)..] : default;
        }
        return true;
    }

    private static bool IsOctet(ReadOnlySpan<char> digits)
    {
        if (digits.Length is 0 or > 3 || (digits.Length > 1 && digits[0] == '0')) return false;
        var value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return value <= 255;
    }

    private static bool IsIPv6(ReadOnlySpan<char> text)
    {
        var compressed = text.IndexOf("::");
        if (compressed >= 0 && text[(compressed + 1)..].IndexOf("::") >= 0) return false; // "::" at most once
        if (compressed < 0) return CountGroups(text, allowIPv4Tail: true) == 8;

        var head = text[..compressed];
        var tail = text[(compressed + 2)..];
        var headGroups = head.IsEmpty ? 0 : CountGroups(head, allowIPv4Tail: false);
        var tailGroups = tail.IsEmpty ? 0 : CountGroups(tail, allowIPv4Tail: true);
        return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
    }

    /// <summary>The groups of a colon-separated run (an IPv4 tail counts two), or -1 when it is malformed.</summary>
    private static int CountGroups(ReadOnlySpan<char> text, bool allowIPv4Tail)
    {
        var groups = 0;
        while (true)
        {
            var colon = text.IndexOf(':');
            var group = colon < 0 ? text : text[..colon];
            if (colon < 0 && allowIPv4Tail && group.IndexOf('.') >= 0)
                return IsIPv4(group) ? groups + 2 : -1;
            if (group.Length is 0 or > 4) return -1;
            foreach (var c in group)
            {
                if (!char.IsAsciiHexDigit(c)) return -1;
            }
            groups++;
            if (colon < 0) return groups;
            text = text[(colon + 1)..];
        }
    }
}

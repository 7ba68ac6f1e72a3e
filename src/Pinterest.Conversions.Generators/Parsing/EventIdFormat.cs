using System.Text;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>
/// Parses an <c>EventIdFormat</c> template such as <c>"order-{OrderNumber}-{Line}"</c>: literal text and member
/// placeholders, with <c>{{</c> and <c>}}</c> for literal braces. Pure: shared by the generator and the PIN005 analyzer.
/// </summary>
internal static class EventIdFormat
{
    /// <summary>One parsed part: a literal (Member is null) or a placeholder naming a member.</summary>
    internal readonly struct Part
    {
        public Part(string? literal, string? member)
        {
            Literal = literal;
            Member = member;
        }

        public string? Literal { get; }
        public string? Member { get; }
    }

    /// <summary>Returns the parts, or null with <paramref name="error"/> saying what is malformed.</summary>
    public static IReadOnlyList<Part>? TryParse(string format, out string? error)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        error = null;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '{' && i + 1 < format.Length && format[i + 1] == '{') { literal.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < format.Length && format[i + 1] == '}') { literal.Append('}'); i++; continue; }
            if (c == '}')
            {
                error = $"an unmatched '}}' at position {i} (write '}}}}' for a literal brace)";
                return null;
            }
            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = format.IndexOf('}', i + 1);
            if (end < 0)
            {
                error = $"the '{{' at position {i} is never closed";
                return null;
            }
            var name = format.Substring(i + 1, end - i - 1);
            if (!IsIdentifier(name))
            {
                error = $"'{{{name}}}' does not name a member";
                return null;
            }
            if (literal.Length > 0) { parts.Add(new Part(literal.ToString(), null)); literal.Clear(); }
            parts.Add(new Part(null, name));
            i = end;
        }
        if (literal.Length > 0) parts.Add(new Part(literal.ToString(), null));
        if (!parts.Any(p => p.Member is not null))
        {
            error = "it has no placeholder, so every event would share one event_id";
            return null;
        }
        return parts;
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }
}

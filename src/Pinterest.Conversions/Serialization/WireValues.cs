using System.Text;

namespace Pinterest.Conversions.Serialization;

/// <summary>The schema's wire values that the event writer writes from an enum, quoted UTF-8, made once from the schema.</summary>
internal static class WireValues
{
    private static readonly byte[]?[] s_actionSources = QuotedByValue<ActionSource>(s => PinterestSchema.GetWireName(s));

    /// <summary>True when <paramref name="source"/> is a defined action source with a wire name.</summary>
    public static bool IsDefined(ActionSource source) => (uint)source < (uint)s_actionSources.Length && s_actionSources[(int)source] is not null;

    /// <summary>The quoted wire value of a defined action source, such as <c>"app_ios"</c>.</summary>
    public static ReadOnlySpan<byte> Quoted(ActionSource source) => s_actionSources[(int)source];

    private static byte[]?[] QuotedByValue<T>(Func<T, string?> wireName) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var table = new byte[]?[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var value in values)
        {
            if (wireName(value) is { } name)
                table[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = Encoding.UTF8.GetBytes("\"" + name + "\"");
        }
        return table;
    }
}

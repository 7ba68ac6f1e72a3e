using System.ComponentModel;
using System.Text.Json;

namespace Pinterest.Conversions.Serialization;

/// <summary>
/// Every wire name of the schema, encoded once for <see cref="Utf8JsonWriter"/>: property names, event names, action
/// sources and the Tag's parameter names. Used by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PinterestJsonNames
{
    private static readonly JsonEncodedText[] s_fieldNames = ByField(f => f.WireName);
    private static readonly JsonEncodedText[] s_tagNames = ByField(f => f.TagParameter);
    private static readonly JsonEncodedText[] s_eventNames = ByEnum<EventName>(n => PinterestSchema.GetWireName(n));
    private static readonly JsonEncodedText[] s_actionSources = ByEnum<ActionSource>(s => PinterestSchema.GetWireName(s));

    /// <summary>The request's event array, <c>data</c>.</summary>
    public static JsonEncodedText Data { get; } = JsonEncodedText.Encode(PinterestSchema.DataProperty);

    /// <summary>An event's name property, <c>event_name</c>.</summary>
    public static JsonEncodedText EventName { get; } = JsonEncodedText.Encode(PinterestSchema.EventNameProperty);

    /// <summary>The <c>user_data</c> object.</summary>
    public static JsonEncodedText UserData { get; } = Container(PinterestFieldScope.UserData);

    /// <summary>The <c>custom_data</c> object.</summary>
    public static JsonEncodedText CustomData { get; } = Container(PinterestFieldScope.CustomData);

    /// <summary>The <c>app_info</c> object.</summary>
    public static JsonEncodedText AppInfo { get; } = Container(PinterestFieldScope.AppInfo);

    /// <summary>The <c>device_info</c> object.</summary>
    public static JsonEncodedText DeviceInfo { get; } = Container(PinterestFieldScope.DeviceInfo);

    /// <summary>The property name of <paramref name="field"/> inside its object, such as <c>em</c>.</summary>
    public static JsonEncodedText Of(PinterestField field) => Lookup(s_fieldNames, (int)field, field);

    /// <summary>The Pinterest Tag parameter for <paramref name="field"/>, such as <c>order_quantity</c>.</summary>
    public static JsonEncodedText TagOf(PinterestField field) => Lookup(s_tagNames, (int)field, field);

    /// <summary>The wire value of a standard event name, such as <c>add_to_cart</c>.</summary>
    public static JsonEncodedText Of(Conversions.EventName name) => Lookup(s_eventNames, (int)name, name);

    /// <summary>The wire value of an action source, such as <c>app_ios</c>.</summary>
    public static JsonEncodedText Of(ActionSource source) => Lookup(s_actionSources, (int)source, source);

    private static JsonEncodedText Lookup<T>(JsonEncodedText[] table, int id, T value) where T : struct, Enum =>
        (uint)id < (uint)table.Length && table[id].EncodedUtf8Bytes.Length > 0
            ? table[id]
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} {id} has no wire name in this version of the schema.");

    private static JsonEncodedText[] ByField(Func<PinterestFieldInfo, string?> name)
    {
        var table = new JsonEncodedText[PinterestSchema.Fields.Max(f => (int)f.Field) + 1];
        foreach (var f in PinterestSchema.Fields)
        {
            if (name(f) is { } text) table[(int)f.Field] = JsonEncodedText.Encode(text);
        }
        return table;
    }

    private static JsonEncodedText[] ByEnum<T>(Func<T, string?> name) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var table = new JsonEncodedText[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var v in values)
        {
            if (name(v) is { } text) table[Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)] = JsonEncodedText.Encode(text);
        }
        return table;
    }

    private static JsonEncodedText Container(PinterestFieldScope scope)
    {
        var path = PinterestSchema.Fields.First(f => f.Scope == scope).Path;
        return JsonEncodedText.Encode(path.Substring(0, path.IndexOf('.')));
    }
}

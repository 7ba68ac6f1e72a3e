namespace Pinterest.Conversions;

/// <summary>What the schema says about one field. Instances live in the generated <c>PinterestSchema.Fields</c> table.</summary>
internal sealed class PinterestFieldInfo
{
    public PinterestFieldInfo(
        PinterestField field, string path, PinterestFieldType type, bool isArray, bool isHashed,
        NormalizationRule rule, SignalWeight weight, PinterestSignals signal, string? tagParameter, bool isRequired,
        long? maxLength, long? minimum, long? maximum, long? maxItems, string[]? allowedValues)
    {
        Field = field;
        Path = path;
        Type = type;
        IsArray = isArray;
        IsHashed = isHashed;
        Rule = rule;
        Weight = weight;
        Signal = signal;
        TagParameter = tagParameter;
        IsRequired = isRequired;
        MaxLength = (int?)maxLength;
        Minimum = minimum;
        Maximum = maximum;
        MaxItems = (int?)maxItems;
        AllowedValues = allowedValues;

        var dot = path.LastIndexOf('.');
        WireName = dot < 0 ? path : path.Substring(dot + 1);
        Scope = ScopeOf(path);
    }

    public PinterestField Field { get; }
    /// <summary>Dotted wire path such as <c>user_data.em</c> or <c>custom_data.contents[].item_price</c>.</summary>
    public string Path { get; }
    /// <summary>The property name inside its object, such as <c>em</c>.</summary>
    public string WireName { get; }
    public PinterestFieldScope Scope { get; }
    public PinterestFieldType Type { get; }
    public bool IsArray { get; }
    public bool IsHashed { get; }
    public NormalizationRule Rule { get; }
    public SignalWeight Weight { get; }
    public PinterestSignals Signal { get; }
    /// <summary>The Pinterest Tag event-data parameter for the same value, if any.</summary>
    public string? TagParameter { get; }
    public bool IsRequired { get; }
    public int? MaxLength { get; }
    public long? Minimum { get; }
    public long? Maximum { get; }
    public int? MaxItems { get; }
    public string[]? AllowedValues { get; }

    private static PinterestFieldScope ScopeOf(string path)
    {
        if (path.StartsWith("custom_data.contents[].", StringComparison.Ordinal)) return PinterestFieldScope.ContentsItem;
        if (path.StartsWith("user_data.", StringComparison.Ordinal)) return PinterestFieldScope.UserData;
        if (path.StartsWith("custom_data.", StringComparison.Ordinal)) return PinterestFieldScope.CustomData;
        if (path.StartsWith("app_info.", StringComparison.Ordinal)) return PinterestFieldScope.AppInfo;
        if (path.StartsWith("device_info.", StringComparison.Ordinal)) return PinterestFieldScope.DeviceInfo;
        return PinterestFieldScope.Event;
    }
}

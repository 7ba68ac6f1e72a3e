namespace Pinterest.Conversions;

// The closed vocabularies of schema/pinterest-conversions.schema.json. Member names are the schema's words in
// PascalCase; a test fails when the two drift. Linked into the generator assembly.

/// <summary>How a field's value is typed on the wire and in C#.</summary>
internal enum PinterestFieldType
{
    String,
    Integer,
    Boolean,
    Money,
    Timestamp,
    ActionSource,
    Contents,
    LimitedDataProcessing,
    /// <summary>A string that must be IPv4 or IPv6 text (client_ip_address): checked, never hashed.</summary>
    IpAddress,
}

/// <summary>
/// The normalization applied to a hashed field before SHA-256. The generator chooses it at build time and passes it to the
/// event writer; not for direct use.
/// </summary>
#if PINTEREST_GENERATOR
internal enum NormalizationRule
#else
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public enum NormalizationRule
#endif
{
    /// <summary>Not a hashed field.</summary>
    None,
    /// <summary>em.</summary>
    Email,
    /// <summary>ph.</summary>
    Phone,
    /// <summary>ge.</summary>
    Gender,
    /// <summary>db.</summary>
    DateOfBirth,
    /// <summary>fn, ln.</summary>
    Name,
    /// <summary>ct.</summary>
    City,
    /// <summary>st.</summary>
    State,
    /// <summary>zp.</summary>
    Zip,
    /// <summary>country.</summary>
    Country,
    /// <summary>external_id.</summary>
    Lowercase,
    /// <summary>hashed_maids.</summary>
    MobileAdId,
}

/// <summary>A signal's weight in Pinterest's resilience table.</summary>
internal enum SignalWeight
{
    None,
    Low,
    Medium,
    High,
}

/// <summary>The JSON object a field is written in.</summary>
internal enum PinterestFieldScope
{
    Event,
    UserData,
    CustomData,
    ContentsItem,
    AppInfo,
    DeviceInfo,
}

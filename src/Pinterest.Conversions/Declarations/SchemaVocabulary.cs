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
}

/// <summary>The normalization applied to a hashed field before SHA-256.</summary>
internal enum NormalizationRule
{
    None,
    Email,
    Phone,
    Gender,
    DateOfBirth,
    Name,
    City,
    State,
    Zip,
    Country,
    Lowercase,
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

namespace Pinterest.Conversions.Sandbox.Validation;

/// <summary>The JSON Schema keyword a request broke.</summary>
internal enum SchemaErrorKind
{
    Type,
    Required,
    AdditionalProperty,
    MinItems,
    MaxItems,
    MaxLength,
    Minimum,
    Maximum,
    Enum,
    AnyOf,
}

/// <summary>
/// One schema violation. <see cref="Detail"/> comes from the schema (a type, a limit, property names), never from the
/// request's values, so a message built from it cannot leak personal data.
/// </summary>
internal sealed record SchemaError(JsonPath Path, SchemaErrorKind Kind, string Detail)
{
    /// <summary>A sentence naming the field and what the schema wants.</summary>
    public string Message => Kind switch
    {
        SchemaErrorKind.Type => $"'{Path}' must be {Detail}",
        SchemaErrorKind.Required => $"'{Path}' is required",
        SchemaErrorKind.AdditionalProperty => $"'{Path}' is not a property of this object",
        SchemaErrorKind.MinItems => $"'{Path}' must have at least {Detail}",
        SchemaErrorKind.MaxItems => $"'{Path}' must have at most {Detail}",
        SchemaErrorKind.MaxLength => $"'{Path}' must be at most {Detail} characters long",
        SchemaErrorKind.Minimum => $"'{Path}' must be at least {Detail}",
        SchemaErrorKind.Maximum => $"'{Path}' must be at most {Detail}",
        SchemaErrorKind.Enum => $"'{Path}' must be one of {Detail}",
        SchemaErrorKind.AnyOf => $"'{Path}' needs {Detail}",
        _ => $"'{Path}' is invalid",
    };
}

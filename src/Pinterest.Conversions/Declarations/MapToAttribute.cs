namespace Pinterest.Conversions;

/// <summary>Maps a property, field or record parameter to a field of the Pinterest conversion event.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = true, AllowMultiple = false)]
public sealed class MapToAttribute : Attribute
{
    /// <summary>Maps the member to <paramref name="field"/>.</summary>
    public MapToAttribute(PinterestField field) => Field = field;

    /// <summary>The field the member's value is written to.</summary>
    public PinterestField Field { get; }

    /// <summary>Whether a hashed field's value is normalized and hashed here or already is a SHA-256 hash.</summary>
    public Hashing Hashing { get; set; } = Hashing.Auto;
}

/// <summary>How a value mapped to a hashed field is treated.</summary>
public enum Hashing
{
    /// <summary>Normalize, then hash; a value that already is 64 hex characters passes through lowercased.</summary>
    Auto = 0,

    /// <summary>The value must be a SHA-256 hash of 64 hex characters; it passes through lowercased, anything else is dropped as invalid.</summary>
    PreHashed = 1,
}

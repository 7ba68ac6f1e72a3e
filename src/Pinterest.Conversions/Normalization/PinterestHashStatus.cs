namespace Pinterest.Conversions;

/// <summary>What became of one value offered to a hashed field: hashed, passed through, or dropped and why.</summary>
public enum PinterestHashStatus
{
    /// <summary>Null, empty or whitespace: nothing to send, and nothing is written.</summary>
    Empty = 0,

    /// <summary>Normalized by the field's rule and hashed with SHA-256.</summary>
    Hashed = 1,

    /// <summary>Already a SHA-256 hash of 64 hex characters: passed through lowercased, not hashed again.</summary>
    PassedThrough = 2,

    /// <summary>Failed the field's rule (or is not a usable hash for <see cref="Hashing.PreHashed"/>): dropped, never sent raw.</summary>
    Invalid = 3,

    /// <summary>Longer than the 512 characters a hashed input may have: dropped.</summary>
    TooLong = 4,
}

namespace Pinterest.Conversions;

/// <summary>
/// Normalizes one value by its field's rule and hashes it with SHA-256, as Pinterest expects (lowercase hex). A value
/// that already is 64 hex characters passes through lowercased. See docs/normalization.md for every rule.
/// </summary>
/// <remarks>
/// The string methods return the hash, or null when the value is empty, invalid or too long. The <c>Try</c> methods
/// allocate nothing: they write 64 characters to the destination and return a <see cref="PinterestHashStatus"/>.
/// </remarks>
public static class PinterestHash
{
    /// <summary>Hash of an email address (em): lowercased; one <c>@</c> with text on both sides, no whitespace, at most 254 characters.</summary>
    public static string? Email(string? value) => ToHash(NormalizationRule.Email, value);

    /// <summary>Hash of a phone number (ph): digits only with the country code, no leading zeros, 7 to 15 digits.</summary>
    /// <param name="value">The phone number in any common layout, such as <c>+1 (616) 954-78 88</c>.</param>
    /// <param name="defaultCountryCode">Put in front of national numbers (no <c>+</c> or <c>00</c>; a leading <c>0</c> or at most 10 digits), such as <c>1</c> or <c>+44</c>.</param>
    public static string? Phone(string? value, string? defaultCountryCode = null) => ToHash(NormalizationRule.Phone, value, defaultCountryCode);

    /// <summary>Hash of a gender (ge): <c>m</c>, <c>f</c> or <c>n</c> from male/man/m, female/woman/f, non-binary/nonbinary/n.</summary>
    public static string? Gender(string? value) => ToHash(NormalizationRule.Gender, value);

    /// <summary>Hash of a date of birth (db) given as <c>yyyy-MM-dd</c>, <c>yyyy/MM/dd</c> or <c>yyyyMMdd</c>; hashed as <c>yyyyMMdd</c>.</summary>
    public static string? DateOfBirth(string? value) => ToHash(NormalizationRule.DateOfBirth, value);

    /// <summary>Hash of a typed date of birth (db) as <c>yyyyMMdd</c>; null for <c>default</c> or a year outside 1800..2100.</summary>
    public static string? DateOfBirth(DateOnly value)
    {
        Span<char> hash = stackalloc char[Sha256Hex.Length];
        return ToString(TryDateOfBirth(value, hash, out var length), hash[..length]);
    }

    /// <summary>Hash of a first name (fn): lowercased, letters of every script kept.</summary>
    public static string? FirstName(string? value) => ToHash(NormalizationRule.Name, value);

    /// <summary>Hash of a last name (ln): lowercased, letters of every script kept.</summary>
    public static string? LastName(string? value) => ToHash(NormalizationRule.Name, value);

    /// <summary>Hash of a city (ct): lowercased, without whitespace or punctuation (<c>Menlo Park</c> → <c>menlopark</c>).</summary>
    public static string? City(string? value) => ToHash(NormalizationRule.City, value);

    /// <summary>Hash of a state (st): a two-letter code, lowercased; US state and Canadian province names map to their codes.</summary>
    public static string? State(string? value) => ToHash(NormalizationRule.State, value);

    /// <summary>Hash of a postal code (zp): without letters, the first five digits; with letters, lowercase letters and digits.</summary>
    public static string? Zip(string? value) => ToHash(NormalizationRule.Zip, value);

    /// <summary>Hash of a country (country): the ISO 3166-1 alpha-2 code, lowercased; names, alpha-3 codes and common aliases map to it.</summary>
    public static string? Country(string? value) => ToHash(NormalizationRule.Country, value);

    /// <summary>Hash of the advertiser's user id (external_id), lowercased.</summary>
    public static string? ExternalId(string? value) => ToHash(NormalizationRule.Lowercase, value);

    /// <summary>Hash of a mobile advertising id, GAID or IDFA (hashed_maids), lowercased.</summary>
    public static string? MobileAdId(string? value) => ToHash(NormalizationRule.MobileAdId, value);

    /// <summary>Writes the hash of an email address (em) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryEmail(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.Email, value, destination, out charsWritten);

    /// <summary>Writes the hash of a phone number (ph) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <param name="value">The phone number in any common layout.</param>
    /// <param name="destination">Receives 64 lowercase hex characters.</param>
    /// <param name="charsWritten">64, or 0 when nothing was written.</param>
    /// <param name="defaultCountryCode">Put in front of national numbers, such as <c>1</c> or <c>+44</c>; empty for none.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters, or the country code is not 1 to 3 digits.</exception>
    public static PinterestHashStatus TryPhone(
        ReadOnlySpan<char> value, Span<char> destination, out int charsWritten, ReadOnlySpan<char> defaultCountryCode = default) =>
        TryHash(NormalizationRule.Phone, value, destination, out charsWritten, defaultCountryCode);

    /// <summary>Writes the hash of a gender (ge) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryGender(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.Gender, value, destination, out charsWritten);

    /// <summary>Writes the hash of a date of birth (db) given as text to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryDateOfBirth(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.DateOfBirth, value, destination, out charsWritten);

    /// <summary>Writes the hash of a typed date of birth (db) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryDateOfBirth(DateOnly value, Span<char> destination, out int charsWritten)
    {
        RequireHashRoom(destination);
        Span<char> normalized = stackalloc char[DateOfBirthNormalizer.Length];
        var status = DateOfBirthNormalizer.TryNormalize(value, normalized, out var length);
        return Finish(status, normalized[..length], destination, out charsWritten);
    }

    /// <summary>Writes the hash of a first name (fn) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryFirstName(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.Name, value, destination, out charsWritten);

    /// <summary>Writes the hash of a last name (ln) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryLastName(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.Name, value, destination, out charsWritten);

    /// <summary>Writes the hash of a city (ct) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryCity(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.City, value, destination, out charsWritten);

    /// <summary>Writes the hash of a state (st) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryState(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.State, value, destination, out charsWritten);

    /// <summary>Writes the hash of a postal code (zp) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryZip(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.Zip, value, destination, out charsWritten);

    /// <summary>Writes the hash of a country (country) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryCountry(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.Country, value, destination, out charsWritten);

    /// <summary>Writes the hash of the advertiser's user id (external_id) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryExternalId(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.Lowercase, value, destination, out charsWritten);

    /// <summary>Writes the hash of a mobile advertising id (hashed_maids) to <paramref name="destination"/> (64 characters) without allocating.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64 characters.</exception>
    public static PinterestHashStatus TryMobileAdId(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten) =>
        TryHash(NormalizationRule.MobileAdId, value, destination, out charsWritten);

    private static string? ToHash(NormalizationRule rule, string? value, string? defaultCountryCode = null)
    {
        Span<char> hash = stackalloc char[Sha256Hex.Length];
        var status = TryHash(rule, value, hash, out var length, defaultCountryCode);
        return ToString(status, hash[..length]);
    }

    private static string? ToString(PinterestHashStatus status, ReadOnlySpan<char> hash) =>
        status is PinterestHashStatus.Hashed or PinterestHashStatus.PassedThrough ? new string(hash) : null;

    private static PinterestHashStatus TryHash(
        NormalizationRule rule, ReadOnlySpan<char> value, Span<char> destination, out int charsWritten,
        ReadOnlySpan<char> defaultCountryCode = default)
    {
        RequireHashRoom(destination);
        Span<char> prepared = stackalloc char[Normalizer.MaxNormalizedLength];
        var status = HashInput.Prepare(rule, value, Hashing.Auto, prepared, out var length, defaultCountryCode);
        return Finish(status, prepared[..length], destination, out charsWritten);
    }

    // Hashed: hash the normalized text. PassedThrough: the prepared text already is the lowercase hash.
    private static PinterestHashStatus Finish(PinterestHashStatus status, ReadOnlySpan<char> prepared, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (status == PinterestHashStatus.Hashed) Sha256Hex.HashText(prepared, destination);
        else if (status == PinterestHashStatus.PassedThrough) prepared.CopyTo(destination);
        else return status;
        charsWritten = Sha256Hex.Length;
        return status;
    }

    private static void RequireHashRoom(Span<char> destination)
    {
        if (destination.Length < Sha256Hex.Length)
            throw new ArgumentException("The destination must hold at least 64 characters.", nameof(destination));
    }
}

using Xunit;
using Pinterest.Conversions.Tests.Normalization;
namespace Pinterest.Conversions.Tests;

/// <summary>One public string entry point per hashed field, so vectors can be written per field.</summary>
internal static class HashVectors
{
    public static string? HashOf(PinterestField field, string? value) => field switch
    {
        PinterestField.Email => PinterestHash.Email(value),
        PinterestField.Phone => PinterestHash.Phone(value),
        PinterestField.Gender => PinterestHash.Gender(value),
        PinterestField.DateOfBirth => PinterestHash.DateOfBirth(value),
        PinterestField.FirstName => PinterestHash.FirstName(value),
        PinterestField.LastName => PinterestHash.LastName(value),
        PinterestField.City => PinterestHash.City(value),
        PinterestField.State => PinterestHash.State(value),
        PinterestField.Zip => PinterestHash.Zip(value),
        PinterestField.Country => PinterestHash.Country(value),
        PinterestField.ExternalId => PinterestHash.ExternalId(value),
        PinterestField.MobileAdId => PinterestHash.MobileAdId(value),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public delegate PinterestHashStatus TryHash(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten);

    public static TryHash TryOf(PinterestField field) => field switch
    {
        PinterestField.Email => PinterestHash.TryEmail,
        PinterestField.Phone => static (ReadOnlySpan<char> v, Span<char> d, out int n) => PinterestHash.TryPhone(v, d, out n),
        PinterestField.Gender => PinterestHash.TryGender,
        PinterestField.DateOfBirth => PinterestHash.TryDateOfBirth,
        PinterestField.FirstName => PinterestHash.TryFirstName,
        PinterestField.LastName => PinterestHash.TryLastName,
        PinterestField.City => PinterestHash.TryCity,
        PinterestField.State => PinterestHash.TryState,
        PinterestField.Zip => PinterestHash.TryZip,
        PinterestField.Country => PinterestHash.TryCountry,
        PinterestField.ExternalId => PinterestHash.TryExternalId,
        PinterestField.MobileAdId => PinterestHash.TryMobileAdId,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public static readonly PinterestField[] HashedFields =
    [
        PinterestField.Email, PinterestField.Phone, PinterestField.Gender, PinterestField.DateOfBirth,
        PinterestField.FirstName, PinterestField.LastName, PinterestField.City, PinterestField.State,
        PinterestField.Zip, PinterestField.Country, PinterestField.ExternalId, PinterestField.MobileAdId,
    ];
}

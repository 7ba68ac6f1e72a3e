using Xunit;
using System.Security.Cryptography;
using System.Text;

namespace Pinterest.Conversions.Tests.Normalization;

/// <summary>Test helpers: run one rule, and an independent SHA-256 to compare against.</summary>
internal static class Norm
{
    public static (PinterestHashStatus Status, string Value) Run(NormalizationRule rule, string input, string? countryCode = null)
    {
        Span<char> destination = stackalloc char[Normalizer.MaxNormalizedLength];
        var status = Normalizer.TryNormalize(rule, input, destination, out var written, countryCode);
        if (status != PinterestHashStatus.Hashed) Assert.Equal(0, written);
        return (status, new string(destination[..written]));
    }

    /// <summary>The normalized value, asserting the rule accepted it.</summary>
    public static string Accepted(NormalizationRule rule, string input, string? countryCode = null)
    {
        var (status, value) = Run(rule, input, countryCode);
        Assert.True(status == PinterestHashStatus.Hashed, $"'{input}' was {status}, expected it to normalize");
        return value;
    }

    public static PinterestHashStatus StatusOf(NormalizationRule rule, string input, string? countryCode = null) =>
        Run(rule, input, countryCode).Status;

    public static NormalizationRule RuleOf(PinterestField field) => PinterestSchema.GetField(field)!.Rule;

    public static (PinterestHashStatus Status, string Value) Run(PinterestField field, string input, string? countryCode = null) =>
        Run(RuleOf(field), input, countryCode);

    public static string Accepted(PinterestField field, string input, string? countryCode = null) =>
        Accepted(RuleOf(field), input, countryCode);

    public static PinterestHashStatus StatusOf(PinterestField field, string input, string? countryCode = null) =>
        StatusOf(RuleOf(field), input, countryCode);

    public static string Sha256(string text) => PlatformHex.Lower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static readonly NormalizationRule[] HashedRules =
    [
        NormalizationRule.Email, NormalizationRule.Phone, NormalizationRule.Gender, NormalizationRule.DateOfBirth,
        NormalizationRule.Name, NormalizationRule.City, NormalizationRule.State, NormalizationRule.Zip,
        NormalizationRule.Country, NormalizationRule.Lowercase, NormalizationRule.MobileAdId,
    ];
}

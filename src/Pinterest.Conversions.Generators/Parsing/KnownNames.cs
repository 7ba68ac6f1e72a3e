namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>Metadata names the parser and analyzers look for.</summary>
internal static class KnownNames
{
    public const string PinterestEventAttribute = "Pinterest.Conversions.PinterestEventAttribute";
    public const string MapToAttribute = "Pinterest.Conversions.MapToAttribute";
    public const string PinterestEventNameAttribute = "Pinterest.Conversions.PinterestEventNameAttribute";
    public const string PinterestEventInterface = "Pinterest.Conversions.IPinterestEvent";
    public const string UsesPinterestTagAttribute = "Pinterest.Conversions.UsesPinterestTagAttribute";
    public const string ActionSource = "Pinterest.Conversions.ActionSource";
    public const string EventIdFormat = "EventIdFormat";
    public const string ActionSourceProperty = "ActionSource";
    public const string HashingProperty = "Hashing";

    /// <summary>The generated code uses ref fields in ref structs, UTF-8 spans and pattern features of C# 11.</summary>
    public const int MinimumLanguageVersion = 11;
}

using Microsoft.Extensions.Options;

namespace Pinterest.Conversions.Hosting;

/// <summary>Validates <see cref="PinterestConversionsOptions"/> when the host starts; messages never hold a token.</summary>
internal sealed class PinterestConversionsOptionsValidator : IValidateOptions<PinterestConversionsOptions>
{
    public ValidateOptionsResult Validate(string? name, PinterestConversionsOptions options)
    {
        var errors = options.GetValidationErrors();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => "Pinterest:Conversions: " + e));
    }
}

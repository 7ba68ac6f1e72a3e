using Microsoft.Extensions.Options;

namespace Pinterest.Conversions.Hosting;

/// <summary>The named accounts of the options, for <see cref="PinterestConversionsClient.SendAsync{T}(PinterestAccount, IEnumerable{T}, CancellationToken)"/>.</summary>
public sealed class PinterestAccounts
{
    private readonly IOptionsMonitor<PinterestConversionsOptions> _options;

    /// <summary>Reads the accounts of <paramref name="options"/>.</summary>
    public PinterestAccounts(IOptionsMonitor<PinterestConversionsOptions> options) => _options = options;

    /// <summary>The default account, or null when the options set none.</summary>
    public PinterestAccount? Default => _options.CurrentValue.ToClientOptions(null).GetDefaultAccount();

    /// <summary>The account named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No account has that name.</exception>
    public PinterestAccount Get(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (!_options.CurrentValue.Accounts.TryGetValue(name, out var account) || account is null)
            throw new KeyNotFoundException($"No Pinterest account named '{name}' is configured.");
        return new PinterestAccount(account.AdAccountId ?? "", account.AccessToken ?? "");
    }

    /// <summary>The names of the configured accounts.</summary>
    public IEnumerable<string> Names => _options.CurrentValue.Accounts.Keys;
}

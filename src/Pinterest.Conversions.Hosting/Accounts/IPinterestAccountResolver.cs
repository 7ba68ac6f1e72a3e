using Microsoft.Extensions.Options;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// Turns an account key (null: the default account) into the ad account and token to send with. The default reads the
/// configured <c>AdAccountId</c>/<c>AccessToken</c> and <c>Accounts</c>; a multi-tenant app registers its own (thousands of
/// advertisers, tokens from its secret store). Tokens are resolved at send time and never stored.
/// </summary>
public interface IPinterestAccountResolver
{
    /// <summary>Whether events for <paramref name="account"/> may be accepted; used at enqueue, so synchronous and cheap. True when unsure.</summary>
    bool IsKnown(string? account);

    /// <summary>The account to send <paramref name="account"/>'s events with, at send time; null (or a throw) pauses that account.</summary>
    ValueTask<PinterestAccount?> ResolveAsync(string? account, CancellationToken cancellationToken);
}

/// <summary>The default resolver: the options' default account and named <c>Accounts</c> (names compared ignoring case).</summary>
internal sealed class ConfiguredAccountResolver(IOptionsMonitor<PinterestConversionsOptions> options) : IPinterestAccountResolver
{
    public bool IsKnown(string? account)
    {
        var current = options.CurrentValue;
        return account is null
            ? current.AdAccountId is not null || current.AccessToken is not null
            : current.Accounts.ContainsKey(account);
    }

    public ValueTask<PinterestAccount?> ResolveAsync(string? account, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (account is null) return new(current.ToClientOptions(null).GetDefaultAccount());
        if (!current.Accounts.TryGetValue(account, out var named) || named is null) return new((PinterestAccount?)null);
        return new(new PinterestAccount(named.AdAccountId ?? "", named.AccessToken ?? ""));
    }
}

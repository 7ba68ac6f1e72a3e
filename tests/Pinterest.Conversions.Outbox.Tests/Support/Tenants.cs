using System.Collections.Concurrent;
using Pinterest.Conversions.Hosting;

namespace Pinterest.Conversions.Outbox.Tests;

/// <summary>A platform's tenants: an account resolver whose tokens a test can revoke and fix while the sender runs.</summary>
internal sealed class Tenants : IPinterestAccountResolver
{
    private readonly ConcurrentDictionary<string, PinterestAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string tenant, string adAccountId, string token) => _accounts[tenant] = new PinterestAccount(adAccountId, token);

    public bool IsKnown(string? account) => account is not null && _accounts.ContainsKey(account);

    public ValueTask<PinterestAccount?> ResolveAsync(string? account, CancellationToken cancellationToken) =>
        new(account is not null && _accounts.TryGetValue(account, out var found) ? found : null);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pinterest.Conversions.Hosting.Outbox;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// What <c>AddPinterestConversions</c> returns: the place to choose an outbox (<c>UseSqliteOutbox</c>,
/// <c>UsePostgreSqlOutbox</c>) and, as an <see cref="IHttpClientBuilder"/>, to add handlers to the HTTP client.
/// </summary>
public sealed class PinterestConversionsBuilder : IHttpClientBuilder
{
    internal PinterestConversionsBuilder(IHttpClientBuilder httpClientBuilder) => HttpClientBuilder = httpClientBuilder;

    /// <summary>The builder of the <see cref="HttpClient"/> that sends to Pinterest.</summary>
    public IHttpClientBuilder HttpClientBuilder { get; }

    /// <summary>The HTTP client's name.</summary>
    public string Name => HttpClientBuilder.Name;

    /// <summary>The services being configured.</summary>
    public IServiceCollection Services => HttpClientBuilder.Services;

    /// <summary>
    /// Makes <paramref name="factory"/>'s store the outbox (for outbox packages). A second durable outbox throws: events
    /// must live in one place.
    /// </summary>
    /// <exception cref="InvalidOperationException">A durable outbox is already registered.</exception>
    public PinterestConversionsBuilder UseOutboxStore(string name, Func<IServiceProvider, IPinterestOutboxStore> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (Services.FirstOrDefault(d => d.ServiceType == typeof(OutboxChoice))?.ImplementationInstance is OutboxChoice chosen)
            throw new InvalidOperationException($"Pinterest.Conversions already uses the {chosen.Name} outbox; using two outboxes is not supported.");
        Services.AddSingleton(new OutboxChoice(name));
        Services.RemoveAll<IPinterestOutboxStore>();
        Services.AddSingleton(factory);
        return this;
    }

    private sealed record OutboxChoice(string Name);
}

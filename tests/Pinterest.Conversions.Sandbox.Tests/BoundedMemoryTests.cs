using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Net.Http.Headers;
using System.Text;
using Pinterest.Conversions.Sandbox.Endpoint;
using Pinterest.Conversions.Sandbox.Validation;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>
/// What a flood of large requests leaves behind is bounded: deduplication keeps a fixed-size key per event, records keep
/// at most 256 characters of an id and 100 of a name, keys are capped, and bodies over the limit are refused with a 413
/// in Pinterest's Error shape. Bytes that are not UTF-8 are a 400, not a 500.
/// </summary>
public sealed class BoundedMemoryTests
{
    [Fact]
    public void The_store_keeps_no_event_id_or_name_it_was_given()
    {
        var store = new SandboxEventStore(Clocks.Start(), recentCapacity: 100);
        var given = Record(store, 1000);

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);

        // Every 5,000-character id and 200-character name is gone: the store holds a 16-byte key and cut copies.
        Assert.All(given, weak => Assert.False(weak.IsAlive));
        Assert.Equal(1000, store.DedupKeyCount);
        Assert.All(store.GetReport().RecentEvents, e => Assert.Equal(256, e.EventId.Length));
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // the strings must not live on in this frame
    private static List<WeakReference> Record(SandboxEventStore store, int count)
    {
        var given = new List<WeakReference>();
        for (var i = 0; i < count; i++)
        {
            var id = i.ToString("D4", CultureInfo.InvariantCulture) + new string('x', 5_000);
            var name = new string('n', 200);
            store.Record(SandboxEventStore.ApiChannel, [Outcome(id, name)]);
            given.Add(new WeakReference(id));
            given.Add(new WeakReference(name));
        }
        return given;
    }

    [Fact]
    public async Task Deduplication_works_on_the_hashed_key()
    {
        var clock = Clocks.Start();
        await using var sandbox = await Sandboxes.Start(clock);
        using var client = new SandboxClient(sandbox);
        var now = clock.UnixNow();
        var id = new string('y', 100_000);

        await client.PostEvents(Bodies.Request(Bodies.Event(now, id: id)));
        await client.PostEvents(Bodies.Request(Bodies.Event(now, id: id), Bodies.Event(now, id: id + "z"), Bodies.Event(now, name: "lead", id: id)));

        var totals = sandbox.GetReport().Totals;
        Assert.Equal(4, totals.Received);
        Assert.Equal(1, totals.Deduplicated); // same name and id; a longer id and another name are other events
    }

    [Fact]
    public void The_key_store_is_capped_and_forgets_the_oldest_first()
    {
        var clock = Clocks.Start();
        var store = new SandboxEventStore(clock, recentCapacity: 10, maxDedupKeys: 100);
        for (var i = 0; i < 250; i++)
        {
            store.Record(SandboxEventStore.ApiChannel, [Outcome("id-" + i)]);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(store.DedupKeyCount <= 100, $"{store.DedupKeyCount} keys kept");
        Assert.True(store.Record(SandboxEventStore.ApiChannel, [Outcome("id-249")])[0].Deduplicated); // the newest are kept
        Assert.False(store.Record(SandboxEventStore.ApiChannel, [Outcome("id-0")])[0].Deduplicated);  // the oldest went first
    }

    [Fact]
    public void A_long_event_name_is_kept_cut()
    {
        var store = new SandboxEventStore(Clocks.Start(), recentCapacity: 10);
        var record = store.Record(SandboxEventStore.ApiChannel, [Outcome("id", name: new string('n', 1_000_000))])[0];
        Assert.Equal(100, record.EventName.Length);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_in_Pinterests_error_shape()
    {
        var clock = Clocks.Start();
        await using var sandbox = await Sandboxes.Start(clock);
        using var client = new SandboxClient(sandbox);
        var now = clock.UnixNow();
        var events = Enumerable.Range(0, 1000).Select(i => Bodies.Event(now, id: $"{i:D4}-" + new string('x', RequestBody.MaxEventsRequestBytes / 1000)));

        var response = await client.PostEvents(Bodies.Request(events));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(4196, response.Code);
        Assert.Contains("larger than 20971520 bytes", response.Message);
        Assert.Equal(0, sandbox.GetReport().Totals.Received);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_taken()
    {
        var clock = Clocks.Start();
        await using var sandbox = await Sandboxes.Start(clock);
        using var client = new SandboxClient(sandbox);
        var now = clock.UnixNow();
        var overhead = Bodies.Request(Enumerable.Range(0, 1000).Select(i => Bodies.Event(now, id: $"{i:D4}-"))).Length;
        var pad = (RequestBody.MaxEventsRequestBytes - overhead) / 1000;
        var body = Bodies.Request(Enumerable.Range(0, 1000).Select(i => Bodies.Event(now, id: $"{i:D4}-" + new string('x', pad))));
        Assert.True(body.Length <= RequestBody.MaxEventsRequestBytes);

        Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(body)).Status);
    }

    [Theory]
    [InlineData("events")]
    [InlineData("sandbox/tag")]
    [InlineData("sandbox/faults")]
    public async Task Invalid_utf8_is_a_400(string route)
    {
        var clock = Clocks.Start();
        await using var sandbox = await Sandboxes.Start(clock);
        using var client = new SandboxClient(sandbox);
        var json = Encoding.UTF8.GetBytes(route == "events"
            ? Bodies.Request(Bodies.Event(clock.UnixNow(), id: "BAD"))
            : route == "sandbox/tag" ? Bodies.Tag("checkout", "BAD") : """{"seed":1,"rules":[],"x":"BAD"}""");
        var bad = Replace(json, "BAD"u8, [0x66, 0xFF, 0xC0, 0x80]);
        var request = new HttpRequestMessage(HttpMethod.Post, route == "events" ? "v5/ad_accounts/549755885175/events" : route)
        {
            Content = new ByteArrayContent(bad),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer test-token");

        var response = await client.Send(request, checkShape: route == "events");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("UTF-8", response.Message);
    }

    private static EventOutcome Outcome(string id, string name = "checkout") =>
        // A name the rules did not accept (any other is at most 100 characters), as EventRules would report it.
        new(name, name == "checkout" ? EventName.Checkout : null, name == "checkout", id, ActionSource.Web,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(), PinterestSignals.Email, null, null);

    private static byte[] Replace(byte[] text, ReadOnlySpan<byte> what, byte[] with)
    {
        var at = text.AsSpan().IndexOf(what);
        return [.. text.AsSpan(0, at), .. with, .. text.AsSpan(at + what.Length)];
    }
}

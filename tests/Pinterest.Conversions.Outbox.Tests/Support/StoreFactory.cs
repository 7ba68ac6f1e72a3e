using Microsoft.Extensions.Time.Testing;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Hosting.Outbox;

namespace Pinterest.Conversions.Outbox.Tests;

/// <summary>Builds the events a store is given, as the queue would: serialized, with their report and offline key.</summary>
internal static class NewEvents
{
    public static OutboxNewEvent Make(string id, string? account = null, bool offline = false, DateTimeOffset? at = null, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var order = new Order { Id = id, At = at ?? clock.GetUtcNow(), Source = offline ? ActionSource.Offline : ActionSource.Web };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var report = PinterestSerializedEvent.Write(order, buffer, new PinterestWriteContext(clock));
        var stored = AccountKeys.ToStored(account);
        var key = offline ? System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{stored}\n{order.EventName()}\n{id}")) : [];
        return new OutboxNewEvent(stored, "checkout", id, report, buffer.WrittenMemory.ToArray(), key);
    }

    private static string EventName(this Order order) => ((IPinterestEvent)order).EventName;
}

/// <summary>A fake clock at a fixed start (the stores take every time from it).</summary>
internal static class Clocks
{
    public static FakeTimeProvider At2026() => new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
}

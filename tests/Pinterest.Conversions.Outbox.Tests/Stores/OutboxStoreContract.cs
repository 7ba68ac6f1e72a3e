using Microsoft.Extensions.Time.Testing;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Hosting.Outbox;
using Xunit;

namespace Pinterest.Conversions.Outbox.Tests.Stores;

/// <summary>
/// What every store must do, tested once and run against each (memory, SQLite, PostgreSQL): claims under fenced leases,
/// first send time written once, lease expiry, offline idempotency, capacity, statistics, the parked list, redrive,
/// purge and prune. Time is a <see cref="FakeTimeProvider"/>: each store takes every time from it.
/// </summary>
public abstract class OutboxStoreContract : IAsyncLifetime
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(40);
    protected static readonly OutboxLimits Limits = new(1_000_000, TimeSpan.FromDays(7));

    protected FakeTimeProvider Time { get; } = Clocks.At2026();

    protected IPinterestOutboxStore Store { get; private set; } = null!;

    /// <summary>A new, empty store on <paramref name="time"/>.</summary>
    protected abstract ValueTask<IPinterestOutboxStore> CreateStoreAsync(FakeTimeProvider time);

    public virtual async Task InitializeAsync()
    {
        Store = await CreateStoreAsync(Time);
        await Store.StartAsync(() => { }, CancellationToken.None);
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected OutboxAddResult[] Add(params OutboxNewEvent[] events) => Add(Limits, events);

    protected OutboxAddResult[] Add(OutboxLimits limits, params OutboxNewEvent[] events)
    {
        var results = new OutboxAddResult[events.Length];
        Store.Add(events, results, limits);
        return results;
    }

    protected OutboxNewEvent Event(string id, string? account = null, bool offline = false, DateTimeOffset? at = null) =>
        NewEvents.Make(id, account, offline, at, Time);

    protected async Task<OutboxClaim> ClaimAsync(string account = "", int max = 100) =>
        await Store.ClaimAsync(account, max, Lease, CancellationToken.None);

    protected async Task<IReadOnlyList<OutboxMarked>> MarkAsync(OutboxClaim claim, params long[] ids) =>
        await Store.MarkSendingAsync(claim.LeaseToken, ids.Length > 0 ? ids : claim.Events.Select(e => e.Id).ToList(), Lease, CancellationToken.None);

    protected async Task<OutboxReady> ReadyAsync(params string[] excluded) =>
        await Store.GetReadyAsync(1000, excluded, CancellationToken.None);

    protected async Task<List<PinterestParkedEvent>> ParkedAsync(string? account = null, int limit = 1000, string? after = null)
    {
        var list = new List<PinterestParkedEvent>();
        await foreach (var parked in Store.GetParkedAsync(account, limit, after, CancellationToken.None)) list.Add(parked);
        return list;
    }

    private static string[] Ids(OutboxClaim claim) => claim.Events.Select(e => e.EventId).ToArray();

    // ---- adding ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Added_IsCounted_AndClaimedOnce_InOrder_WithWhatTheSenderNeeds()
    {
        var e = Event("a-1");
        Assert.Equal([OutboxAddResult.Added, OutboxAddResult.Added, OutboxAddResult.Added], Add(e, Event("a-2"), Event("a-3")));
        Assert.Equal(3, Store.Count);

        var claim = await ClaimAsync(max: 2);
        Assert.Equal(["a-1", "a-2"], Ids(claim));
        var first = claim.Events[0];
        Assert.Equal("checkout", first.EventName);
        Assert.Equal("", first.Account);
        Assert.Equal(e.Payload.ToArray(), first.Payload.ToArray());
        Assert.Equal(e.Report, first.Report);
        Assert.Equal(0, first.Attempts);
        Assert.Null(first.FirstSentAt);
        Assert.False(first.MayHaveBeenProcessed);
        Assert.Equal(Time.GetUtcNow(), first.EnqueuedAt);
        Assert.Equal(Time.GetUtcNow(), claim.Now);

        Assert.Equal(["a-3"], Ids(await ClaimAsync()));
        Assert.Empty((await ClaimAsync()).Events);
        Assert.Equal(3, Store.Count); // pending + in flight
    }

    [Fact]
    public async Task Report_KeepsDroppedFields()
    {
        var order = new Order { Id = "dropped", At = Time.GetUtcNow(), Email = "not an email" };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var report = PinterestSerializedEvent.Write(order, buffer, new PinterestWriteContext(Time));
        Assert.Equal(PinterestHashStatus.Invalid, report.GetDropReason(PinterestField.Email));
        Add(new OutboxNewEvent("", "checkout", "dropped", report, buffer.WrittenMemory.ToArray(), default));

        var claimed = Assert.Single((await ClaimAsync()).Events);
        Assert.Equal(PinterestHashStatus.Invalid, claimed.Report.GetDropReason(PinterestField.Email));
        Assert.Equal(report, claimed.Report);
    }

    [Fact]
    public async Task Capacity_CountsPendingAndInFlight_NotParked()
    {
        var limits = Limits with { Capacity = 2 };
        Assert.Equal([OutboxAddResult.Added, OutboxAddResult.Added, OutboxAddResult.Full], Add(limits, Event("c-1"), Event("c-2"), Event("c-3")));
        var claim = await ClaimAsync(max: 1);
        Assert.Equal([OutboxAddResult.Full], Add(limits, Event("c-4"))); // in flight still counts
        await Store.ParkAsync(claim.LeaseToken, [new OutboxPark(claim.Events[0].Id, PinterestParkReason.Rejected, "no")], default);
        Assert.Equal([OutboxAddResult.Added], Add(limits, Event("c-5"))); // a parked one does not
    }

    [Fact]
    public async Task OfflineKeys_RefuseADuplicateWithinTheWindow_AndAcceptItAfter()
    {
        Assert.Equal([OutboxAddResult.Added, OutboxAddResult.Duplicate], Add(Event("o-1", offline: true), Event("o-1", offline: true)));
        Assert.Equal([OutboxAddResult.Added], Add(Event("o-1", account: "tenant", offline: true))); // another account: another key
        Assert.Equal([OutboxAddResult.Added, OutboxAddResult.Added], Add(Event("w-1"), Event("w-1")));  // non-offline: no key

        // Even once delivered, a replay within the window is refused.
        var claim = await ClaimAsync();
        await Store.CompleteAsync(claim.LeaseToken, claim.Events.Select(e => e.Id).ToList(), default);
        Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal([OutboxAddResult.Duplicate], Add(Event("o-1", offline: true)));
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([OutboxAddResult.Added], Add(Event("o-1", offline: true)));
    }

    // ---- claiming ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Claim_NeverMixesAccounts_NorOfflineWithOthers_TakingTheKindOfTheEarliest()
    {
        Add(Event("off-1", offline: true));
        Time.Advance(TimeSpan.FromMilliseconds(10));
        Add(Event("web-1"), Event("t-1", account: "tenant"), Event("off-2", offline: true), Event("web-2"));

        Assert.Equal(["off-1", "off-2"], Ids(await ClaimAsync()));
        Assert.Equal(["web-1", "web-2"], Ids(await ClaimAsync()));
        Assert.Equal(["t-1"], Ids(await ClaimAsync("tenant")));
    }

    [Fact]
    public async Task Ready_ListsAccountsWithDueEvents_SkipsExcluded_AndSaysWhenTheNextFallsDue()
    {
        Add(Event("d-1"), Event("d-2"), Event("t-1", account: "tenant"));
        var ready = await ReadyAsync();
        Assert.Equal(["", "tenant"], ready.Accounts.Select(a => a.Account).Order(StringComparer.Ordinal));
        Assert.Equal(2, ready.Accounts.Single(a => a.Account == "").DueEvents);
        Assert.Equal(Time.GetUtcNow(), ready.Accounts.Single(a => a.Account == "").OldestEnqueuedAt);
        Assert.Equal(["tenant"], (await ReadyAsync("")).Accounts.Select(a => a.Account));

        var claim = await ClaimAsync("tenant");
        await Store.RescheduleAsync(claim.LeaseToken, [new OutboxReschedule(claim.Events[0].Id, TimeSpan.FromMinutes(3), false)], default);
        ready = await ReadyAsync();
        Assert.Equal([""], ready.Accounts.Select(a => a.Account));
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromMinutes(3), ready.NextDueAt);
    }

    [Fact]
    public async Task Ready_CountsDueEventsUpToTheCap()
    {
        Add(Enumerable.Range(0, 30).Select(i => Event($"n-{i}")).ToArray());
        var ready = await Store.GetReadyAsync(10, [], default);
        Assert.Equal(10, Assert.Single(ready.Accounts).DueEvents);
    }

    // ---- leases ------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task MarkSending_WritesTheFirstSendTimeOnce_CountsAttempts_AndExtendsTheLease()
    {
        Add(Event("m-1"));
        var claim = await ClaimAsync();
        var first = Time.GetUtcNow();
        var marked = Assert.Single(await MarkAsync(claim));
        Assert.Equal(first, marked.FirstSentAt);

        Time.Advance(TimeSpan.FromSeconds(30)); // within the lease; the mark extends it
        Assert.Equal(first, Assert.Single(await MarkAsync(claim)).FirstSentAt);
        Time.Advance(TimeSpan.FromSeconds(30)); // past the claim's first lease end, within the extension
        Assert.Single(await MarkAsync(claim));

        await Store.RescheduleAsync(claim.LeaseToken, [new OutboxReschedule(claim.Events[0].Id, TimeSpan.Zero, true)], default);
        var again = Assert.Single((await ClaimAsync()).Events);
        Assert.Equal(3, again.Attempts);
        Assert.Equal(first, again.FirstSentAt);
        Assert.True(again.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task MarkSending_NeedsTheTokenAndALiveLease()
    {
        Add(Event("f-1"), Event("f-2"));
        var claim = await ClaimAsync(max: 1);
        Assert.Empty(await Store.MarkSendingAsync(Guid.NewGuid(), claim.Events.Select(e => e.Id).ToList(), Lease, default));
        var other = await ClaimAsync(max: 1);
        Assert.Empty(await Store.MarkSendingAsync(claim.LeaseToken, other.Events.Select(e => e.Id).ToList(), Lease, default));

        Time.Advance(Lease); // the lease ran out: the claim may not send any more
        Assert.Empty(await MarkAsync(claim));
    }

    [Fact]
    public async Task AnExpiredLease_ReturnsUnsentRowsUntouched_AndSendingRowsFlagged()
    {
        Add(Event("l-1"), Event("l-2"));
        var claim = await ClaimAsync();
        await MarkAsync(claim, claim.Events[1].Id); // l-2 may have left the process
        Assert.Equal(Time.GetUtcNow() + Lease, (await ReadyAsync()).NextDueAt);

        Time.Advance(Lease);
        var ready = await ReadyAsync();
        Assert.Single(ready.Accounts);
        var back = (await ClaimAsync()).Events.ToDictionary(e => e.EventId);
        Assert.False(back["l-1"].MayHaveBeenProcessed);
        Assert.Equal(0, back["l-1"].Attempts);
        Assert.True(back["l-2"].MayHaveBeenProcessed);
        Assert.Equal(1, back["l-2"].Attempts);
        Assert.NotNull(back["l-2"].FirstSentAt);
    }

    [Fact]
    public async Task StaleWrites_AreDiscarded()
    {
        Add(Event("s-1"));
        var stale = await ClaimAsync();
        await MarkAsync(stale);
        Time.Advance(Lease);
        await ReadyAsync(); // the lease's expiry is applied
        var current = await ClaimAsync();
        var id = current.Events[0].Id;

        await Store.ParkAsync(stale.LeaseToken, [new OutboxPark(id, PinterestParkReason.Rejected, "stale")], default);
        await Store.RescheduleAsync(stale.LeaseToken, [new OutboxReschedule(id, TimeSpan.FromHours(1), true)], default);
        await Store.ReleaseAsync(stale.LeaseToken, [id], default);
        Assert.Empty(await ParkedAsync());
        Assert.Single(await MarkAsync(current)); // still the current claim's
        Assert.Equal(1, Store.Count);
    }

    [Fact]
    public async Task Processed_FromAStaleLease_TakesTheEventOutOfParkedOutcomeUnknown_ButNotOutOfAnotherClaim()
    {
        Add(Event("p-1"), Event("p-2"));
        var stale = await ClaimAsync();
        await MarkAsync(stale);
        Time.Advance(Lease);
        await ReadyAsync();
        var current = await ClaimAsync();
        var (p1, p2) = (current.Events[0].Id, current.Events[1].Id);
        await Store.ParkAsync(current.LeaseToken, [new OutboxPark(p1, PinterestParkReason.OutcomeUnknown, "maybe")], default);

        await Store.CompleteAsync(stale.LeaseToken, [p1, p2], default); // the stale attempt's answer arrives: processed

        Assert.Empty(await ParkedAsync());                   // p1 was news: removed from parked OutcomeUnknown
        Assert.Single(await MarkAsync(current, p2));         // p2 stays with its current claim
    }

    [Fact]
    public async Task Complete_Removes_Reschedule_DelaysAndKeepsTheFlag_Release_LeavesUntouched()
    {
        Add(Event("r-1"), Event("r-2"), Event("r-3"));
        var claim = await ClaimAsync();
        var ids = claim.Events.Select(e => e.Id).ToArray();
        await MarkAsync(claim, ids[0], ids[1]);
        await Store.CompleteAsync(claim.LeaseToken, [ids[0]], default);
        await Store.RescheduleAsync(claim.LeaseToken, [new OutboxReschedule(ids[1], TimeSpan.FromSeconds(10), true)], default);
        await Store.ReleaseAsync(claim.LeaseToken, [ids[1], ids[2]], default); // only never-sent rows are released

        Assert.Equal(2, Store.Count);
        Assert.Equal(["r-3"], Ids(await ClaimAsync()));
        Time.Advance(TimeSpan.FromSeconds(10));
        var again = Assert.Single((await ClaimAsync()).Events);
        Assert.Equal("r-2", again.EventId);
        Assert.True(again.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task ThePossiblyProcessedFlag_StaysOnceSet()
    {
        Add(Event("flag"));
        var claim = await ClaimAsync();
        await Store.RescheduleAsync(claim.LeaseToken, [new OutboxReschedule(claim.Events[0].Id, TimeSpan.Zero, true)], default);
        claim = await ClaimAsync();
        await Store.RescheduleAsync(claim.LeaseToken, [new OutboxReschedule(claim.Events[0].Id, TimeSpan.Zero, false)], default);
        Assert.True(Assert.Single((await ClaimAsync()).Events).MayHaveBeenProcessed);
    }

    // ---- parked: list, redrive, purge, prune -----------------------------------------------------------------------

    private async Task<long[]> ParkThreeAsync()
    {
        Add(Event("k-1"), Event("k-2", account: "tenant"), Event("k-3", offline: true));
        var ids = new List<long>();
        foreach (var account in new[] { "", "tenant" })
        {
            while ((await ClaimAsync(account)) is { Events.Count: > 0 } claim)
            {
                await MarkAsync(claim);
                var reason = claim.Events[0].EventId switch
                {
                    "k-1" => PinterestParkReason.Rejected,
                    "k-2" => PinterestParkReason.Expired,
                    _ => PinterestParkReason.OutcomeUnknown,
                };
                await Store.ParkAsync(claim.LeaseToken, claim.Events.Select(e => new OutboxPark(e.Id, reason, $"why {e.EventId}")).ToList(), default);
                ids.AddRange(claim.Events.Select(e => e.Id));
            }
        }
        return ids.Order().ToArray();
    }

    [Fact]
    public async Task Parked_AreListedInIdOrder_WithTheirReason_AndPaged()
    {
        await ParkThreeAsync();
        var parked = await ParkedAsync();
        Assert.Equal(3, parked.Count);
        Assert.Equal(parked.OrderBy(p => long.Parse(p.Id, System.Globalization.CultureInfo.InvariantCulture)).Select(p => p.Id), parked.Select(p => p.Id));
        var k1 = parked.Single(p => p.EventId == "k-1");
        Assert.Equal((PinterestParkReason.Rejected, "why k-1", (string?)null, false, 1), (k1.Reason, k1.Message, k1.Account, k1.IsOffline, k1.Attempts));
        Assert.Equal(Time.GetUtcNow(), k1.ParkedAt);
        Assert.NotNull(k1.FirstSentAt);
        Assert.True(parked.Single(p => p.EventId == "k-3").IsOffline);
        Assert.Equal("tenant", parked.Single(p => p.EventId == "k-2").Account);

        var page1 = await ParkedAsync(limit: 2);
        var page2 = await ParkedAsync(limit: 2, after: page1[^1].Id);
        Assert.Equal(parked.Select(p => p.Id), page1.Concat(page2).Select(p => p.Id));
        Assert.Equal(["k-2"], (await ParkedAsync("TENANT")).Select(p => p.EventId));
        Assert.Equal(0, Store.Count);
    }

    [Fact]
    public async Task Redrive_SendsAgainAsNew_ButNeverAnExpiredEvent()
    {
        await ParkThreeAsync();
        Assert.Equal(2, await Store.RedriveAsync(PinterestOutboxSelection.All, default));
        Assert.Equal("k-2", Assert.Single(await ParkedAsync()).EventId); // expired stays
        var claim = await ClaimAsync();
        Assert.Equal(2, claim.Events.Count + (await ClaimAsync()).Events.Count);
        Assert.All(claim.Events, e =>
        {
            Assert.Equal(0, e.Attempts);
            Assert.Null(e.FirstSentAt);
            Assert.False(e.MayHaveBeenProcessed);
        });
    }

    [Fact]
    public async Task Selections_ChooseByIdAccountAndReason()
    {
        var ids = await ParkThreeAsync();
        var parked = await ParkedAsync();
        string IdOf(string eventId) => parked.Single(p => p.EventId == eventId).Id;

        Assert.Equal(0, await Store.RedriveAsync(PinterestOutboxSelection.ByIds(IdOf("k-2")), default)); // expired
        Assert.Equal(1, await Store.RedriveAsync(new PinterestOutboxSelection { Reason = PinterestParkReason.OutcomeUnknown }, default));
        Assert.Equal(0, await Store.PurgeAsync(PinterestOutboxSelection.ByAccount("nobody"), false, default));
        Assert.Equal(1, await Store.PurgeAsync(PinterestOutboxSelection.ByAccount(null), false, default)); // the default account's k-1
        Assert.Equal(1, await Store.PurgeAsync(PinterestOutboxSelection.ByIds(IdOf("k-2")), false, default));
        Assert.Empty(await ParkedAsync());
        Assert.Equal(3, ids.Length);
    }

    [Fact]
    public async Task Purge_KeepsTheOfflineKey_UnlessAskedToReleaseIt()
    {
        await ParkThreeAsync();
        await Store.PurgeAsync(new PinterestOutboxSelection { Reason = PinterestParkReason.OutcomeUnknown }, false, default);
        Assert.Equal([OutboxAddResult.Duplicate], Add(Event("k-3", offline: true)));

        Add(Event("k-9", offline: true));
        var claim = await ClaimAsync();
        await Store.ParkAsync(claim.LeaseToken, [new OutboxPark(claim.Events[0].Id, PinterestParkReason.OutcomeUnknown, null)], default);
        await Store.PurgeAsync(PinterestOutboxSelection.All, releaseIdempotencyKeys: true, default);
        Assert.Equal([OutboxAddResult.Added], Add(Event("k-9", offline: true)));
    }

    [Fact]
    public async Task Prune_DeletesOldParkedEventsAndOldKeys()
    {
        await ParkThreeAsync();
        Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        Assert.Equal(3, await Store.PruneAsync(TimeSpan.FromDays(30), TimeSpan.FromDays(7), default));
        Assert.Empty(await ParkedAsync());
        Assert.Equal([OutboxAddResult.Added], Add(Event("k-3", offline: true))); // its key was older than the window
    }

    // ---- statistics --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Statistics_CountPendingInFlightAndParked_PerAccount()
    {
        Add(Event("s-1"), Event("s-2"), Event("s-3"), Event("t-1", account: "Tenant"));
        Time.Advance(TimeSpan.FromMinutes(2));
        var claim = await ClaimAsync(max: 2);
        await Store.ParkAsync(claim.LeaseToken, [new OutboxPark(claim.Events[0].Id, PinterestParkReason.Rejected, null)], default);

        var statistics = await Store.GetStatisticsAsync(default);
        Assert.Equal((2L, 1L, 1L), (statistics.Pending, statistics.InFlight, statistics.Parked));
        Assert.Equal(TimeSpan.FromMinutes(2), statistics.OldestPendingAge);
        var byAccount = statistics.Accounts.ToDictionary(a => a.Account ?? "(default)");
        Assert.Equal((1L, 1L, 1L), (byAccount["(default)"].Pending, byAccount["(default)"].InFlight, byAccount["(default)"].Parked));
        Assert.Equal(1L, byAccount["tenant"].Pending);

        Time.Advance(Lease); // an in-flight claim whose lease ran out counts as pending
        statistics = await Store.GetStatisticsAsync(default);
        Assert.Equal((3L, 0L), (statistics.Pending, statistics.InFlight));
    }
}

/// <summary>The store contract (<see cref="OutboxStoreContract"/>) on the in-memory store.</summary>
public sealed class InMemoryStoreTests : OutboxStoreContract
{
    protected override ValueTask<IPinterestOutboxStore> CreateStoreAsync(FakeTimeProvider time) =>
        new(new InMemoryOutboxStore(time));
}

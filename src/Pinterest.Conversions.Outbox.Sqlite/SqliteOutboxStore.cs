using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Hosting.Outbox;

namespace Pinterest.Conversions.Outbox.Sqlite;

/// <summary>
/// The outbox in one SQLite file: WAL, <c>synchronous=FULL</c> by default, one sending process per file (an operating
/// system lock on a file beside it, freed when the process dies), any number of processes enqueueing. The writer thread
/// adds through its own connection; the sender and inspection share another, one statement at a time.
/// </summary>
internal sealed class SqliteOutboxStore : IPinterestOutboxStore
{
    private const int BusyTimeoutMilliseconds = 10_000;
    private readonly string _connectionString;
    private readonly PinterestOutboxSynchronous _synchronous;
    private readonly TimeProvider _time;
    private readonly SenderLock _senderLock;
    // The sender's connection: one statement at a time.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // One write transaction at a time in this process, the writer's and the sender's alike: two connections of one
    // process wanting the file's write lock together would meet SQLite's busy handler, which sleeps for milliseconds.
    // Reads (readiness, payloads, statistics) never take it, so enqueuers wait only for short writes.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConditionalWeakTable<SqliteConnection, object> _probed = new();
    private SqliteConnection? _writer;
    private SqliteCommand? _writerInsert;
    private SqliteCommand? _writerKey;
    private SqliteConnection? _connection;
    private long _count = -1;

    public SqliteOutboxStore(string connectionString, PinterestOutboxSynchronous synchronous, TimeProvider time)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            throw new ArgumentException("The SQLite outbox needs a file on a local disk (Data Source=path); an in-memory database would not survive the process.", nameof(connectionString));
        builder.Pooling = false; // each store keeps its two connections open; pooling would only hide them
        _connectionString = builder.ToString();
        DatabasePath = Path.GetFullPath(builder.DataSource);
        _synchronous = synchronous;
        _time = time;
        _senderLock = new SenderLock(DatabasePath + ".sender-lock");
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    public bool IsDurable => true;

    public bool CanSend => _senderLock.IsHeld;

    public long Count => Math.Max(0, Interlocked.Read(ref _count));

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public async ValueTask StartAsync(Action wakeUp, CancellationToken cancellationToken)
    {
        await UseAsync(connection => Interlocked.Exchange(ref _count, CountActive(connection)), cancellationToken).ConfigureAwait(false);
        await TryTakeSenderRoleAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> TryTakeSenderRoleAsync(CancellationToken cancellationToken)
    {
        if (_senderLock.IsHeld) return new(true);
        if (!_senderLock.TryTake()) return new(false);
        // The process that takes the file applies the lease-expiry rule at once to claims left behind: no other sender is alive.
        return UseAsync(connection =>
        {
            Writing(() => Execute(connection, "UPDATE pinterest_outbox_events SET lease_until = 0 WHERE state IN (1, 2)"));
            Interlocked.Exchange(ref _count, CountActive(connection));
            return true;
        }, cancellationToken);
    }

    // ---- enqueue -----------------------------------------------------------------------------------------------

    public void Add(ReadOnlySpan<OutboxNewEvent> events, Span<OutboxAddResult> results, OutboxLimits limits)
    {
        _writeGate.Wait();
        try
        {
            var connection = _writer ??= Open();
            var now = Now;
            if (Interlocked.Read(ref _count) < 0) Interlocked.Exchange(ref _count, CountActive(connection));
            using var transaction = connection.BeginTransaction(deferred: false);
            // Prepared once for the writer's connection: each commit only binds and steps.
            var insert = _writerInsert ??= InsertCommand(connection, transaction);
            var key = _writerKey ??= KeyCommand(connection, transaction);
            insert.Transaction = key.Transaction = transaction;
            var added = 0;
            for (var i = 0; i < events.Length; i++)
            {
                results[i] = AddOne(events[i], insert, key, limits, now, Interlocked.Read(ref _count) + added);
                if (results[i] == OutboxAddResult.Added) added++;
            }
            transaction.Commit();
            Interlocked.Add(ref _count, added);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask<OutboxAddResult> AddAsync(DbTransaction transaction, OutboxNewEvent evt, OutboxLimits limits, CancellationToken cancellationToken)
    {
        if (transaction is not SqliteTransaction sqlite || sqlite.Connection is not { } connection)
            throw new NotSupportedException("The SQLite outbox joins a SqliteTransaction (Microsoft.Data.Sqlite) only.");
        if (!_probed.TryGetValue(connection, out _))
        {
            // Probed once per connection: host names and paths are not compared, the tables are looked for.
            using var probe = connection.CreateCommand();
            probe.Transaction = sqlite;
            probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('pinterest_outbox_events', 'pinterest_outbox_keys')";
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) != 2)
                throw new NotSupportedException("The transaction's database has no Pinterest outbox tables: open it on the outbox's file.");
            _probed.AddOrUpdate(connection, new object());
        }
        using var insert = InsertCommand(connection, sqlite);
        using var key = KeyCommand(connection, sqlite);
        var result = AddOne(evt, insert, key, limits, Now, Interlocked.Read(ref _count));
        if (result == OutboxAddResult.Added) Interlocked.Increment(ref _count); // counted now; a rollback is corrected at the next count
        return result;
    }

    private static OutboxAddResult AddOne(in OutboxNewEvent evt, SqliteCommand insert, SqliteCommand key, OutboxLimits limits, long now, long count)
    {
        if (count >= limits.Capacity) return OutboxAddResult.Full;
        if (!evt.IdempotencyKey.IsEmpty)
        {
            // Insert-if-absent (or replace a key older than the window): never an error that would abort a caller's transaction.
            key.Parameters["$key"].Value = evt.IdempotencyKey.ToArray();
            key.Parameters["$now"].Value = now;
            key.Parameters["$expired"].Value = now - (long)limits.IdempotencyWindow.TotalMilliseconds;
            if (key.ExecuteNonQuery() == 0) return OutboxAddResult.Duplicate;
        }
        var report = new byte[PinterestEventReport.PackedSize];
        evt.Report.Pack(report);
        var p = insert.Parameters;
        p["$account"].Value = evt.Account;
        p["$event_name"].Value = evt.EventName;
        p["$event_id"].Value = evt.EventId;
        p["$is_offline"].Value = evt.IsOffline ? 1 : 0;
        p["$event_time"].Value = evt.EventTime;
        p["$report"].Value = report;
        p["$payload"].Value = evt.Payload.ToArray();
        p["$now"].Value = now;
        p["$key"].Value = evt.IdempotencyKey.IsEmpty ? DBNull.Value : evt.IdempotencyKey.ToArray();
        insert.ExecuteNonQuery();
        return OutboxAddResult.Added;
    }

    private static SqliteCommand InsertCommand(SqliteConnection connection, SqliteTransaction transaction) => Command(connection, transaction, """
        INSERT INTO pinterest_outbox_events (account, event_name, event_id, is_offline, event_time, report, payload, enqueued_at, due_at, idempotency_key)
        VALUES ($account, $event_name, $event_id, $is_offline, $event_time, $report, $payload, $now, $now, $key)
        """, "$account", "$event_name", "$event_id", "$is_offline", "$event_time", "$report", "$payload", "$now", "$key");

    private static SqliteCommand KeyCommand(SqliteConnection connection, SqliteTransaction transaction) => Command(connection, transaction, """
        INSERT INTO pinterest_outbox_keys (key, accepted_at) VALUES ($key, $now)
        ON CONFLICT (key) DO UPDATE SET accepted_at = excluded.accepted_at WHERE accepted_at <= $expired
        """, "$key", "$now", "$expired");

    // ---- sending -----------------------------------------------------------------------------------------------

    public ValueTask<OutboxReady> GetReadyAsync(int countUpTo, IReadOnlyCollection<string> excludedAccounts, CancellationToken cancellationToken) =>
        UseAsync(connection =>
        {
            var now = Now;
            var earliestLease = Scalar(connection, "SELECT min(lease_until) FROM pinterest_outbox_events WHERE state IN (1, 2)");
            if (earliestLease <= now)
            {
                // A lease that ran out returns its rows to pending; those that were sending come back flagged.
                Writing(() => Execute(connection, """
                    UPDATE pinterest_outbox_events
                    SET may_have_been_processed = may_have_been_processed OR state = 2, state = 0, lease_token = NULL, lease_until = NULL, due_at = $now
                    WHERE state IN (1, 2) AND lease_until <= $now
                    """, null, ("$now", now)));
                earliestLease = Scalar(connection, "SELECT min(lease_until) FROM pinterest_outbox_events WHERE state IN (1, 2)");
            }

            var accounts = new List<OutboxReadyAccount>();
            DateTimeOffset? next = null;
            // One index seek per account (a loose scan), then per account: due count up to the cap, earliest due, its enqueue time.
            using var command = Command(connection, null, """
                WITH RECURSIVE accounts(account) AS (
                    SELECT min(account) FROM pinterest_outbox_events WHERE state = 0
                    UNION ALL
                    SELECT (SELECT min(account) FROM pinterest_outbox_events WHERE state = 0 AND account > accounts.account)
                    FROM accounts WHERE account IS NOT NULL
                )
                SELECT a.account,
                       (SELECT count(*) FROM (SELECT 1 FROM pinterest_outbox_events e
                            WHERE e.state = 0 AND e.account = a.account AND e.is_offline = 0 AND e.due_at <= $now LIMIT $cap)),
                       (SELECT count(*) FROM (SELECT 1 FROM pinterest_outbox_events e
                            WHERE e.state = 0 AND e.account = a.account AND e.is_offline = 1 AND e.due_at <= $now LIMIT $cap)),
                       (SELECT min(e.due_at) FROM pinterest_outbox_events e WHERE e.state = 0 AND e.account = a.account AND e.is_offline = 0),
                       (SELECT min(e.due_at) FROM pinterest_outbox_events e WHERE e.state = 0 AND e.account = a.account AND e.is_offline = 1)
                FROM accounts a WHERE a.account IS NOT NULL
                """, "$now", "$cap");
            command.Parameters["$now"].Value = now;
            command.Parameters["$cap"].Value = countUpTo;
            var due = new List<(string Account, int Count, long EarliestDue)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var account = reader.GetString(0);
                    var earliest = Math.Min(reader.IsDBNull(3) ? long.MaxValue : reader.GetInt64(3), reader.IsDBNull(4) ? long.MaxValue : reader.GetInt64(4));
                    var count = (int)Math.Min(countUpTo, reader.GetInt64(1) + reader.GetInt64(2));
                    if (excludedAccounts.Contains(account)) continue;
                    if (count > 0) due.Add((account, count, earliest));
                    else if (earliest != long.MaxValue && (next is null || Time(earliest) < next)) next = Time(earliest);
                }
            }
            foreach (var (account, count, earliest) in due)
            {
                var enqueued = Scalar(connection, """
                    SELECT enqueued_at FROM pinterest_outbox_events
                    WHERE state = 0 AND account = $account AND due_at = $due ORDER BY id LIMIT 1
                    """, null, ("$account", account), ("$due", earliest));
                accounts.Add(new OutboxReadyAccount(account, count, Time(enqueued ?? earliest)));
            }
            if (earliestLease is { } until && (next is null || Time(until) < next)) next = Time(until);
            return new OutboxReady(accounts, Time(now), next);
        }, cancellationToken);

    public ValueTask<OutboxClaim> ClaimAsync(string account, int maxEvents, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        UseAsync(connection =>
        {
            var now = Now;
            var token = Guid.NewGuid();
            // The kind (offline or not) of the earliest due event; the batch takes only that kind. (Reads: only this
            // process sends from the file, so no other claim can come between.)
            var online = Scalar(connection, "SELECT min(due_at) FROM pinterest_outbox_events WHERE state = 0 AND account = $a AND is_offline = 0 AND due_at <= $now",
                null, ("$a", account), ("$now", now));
            var offline = Scalar(connection, "SELECT min(due_at) FROM pinterest_outbox_events WHERE state = 0 AND account = $a AND is_offline = 1 AND due_at <= $now",
                null, ("$a", account), ("$now", now));
            if (online is null && offline is null) return new OutboxClaim(token, Time(now), []);
            var kind = online is null || (offline is not null && offline < online) ? 1 : 0;

            // The claim itself, short, under the write gate; the payloads are read after it, outside.
            var ids = Writing(() =>
            {
                using var command = Command(connection, null, """
                    UPDATE pinterest_outbox_events SET state = 1, lease_token = $token, lease_until = $until
                    WHERE id IN (SELECT id FROM pinterest_outbox_events
                                 WHERE state = 0 AND account = $a AND is_offline = $kind AND due_at <= $now
                                 ORDER BY due_at, id LIMIT $n)
                    RETURNING id
                    """, "$token", "$until", "$a", "$kind", "$now", "$n");
                command.Parameters["$token"].Value = token.ToByteArray();
                command.Parameters["$until"].Value = now + (long)leaseDuration.TotalMilliseconds;
                command.Parameters["$a"].Value = account;
                command.Parameters["$kind"].Value = kind;
                command.Parameters["$now"].Value = now;
                command.Parameters["$n"].Value = maxEvents;
                var claimed = new List<long>();
                using var reader = command.ExecuteReader();
                while (reader.Read()) claimed.Add(reader.GetInt64(0));
                return claimed;
            });

            var events = new List<OutboxEvent>(ids.Count);
            using (var read = Command(connection, null, """
                SELECT id, account, event_name, event_id, report, payload, attempts, first_sent_at, may_have_been_processed, enqueued_at
                FROM pinterest_outbox_events WHERE id IN (SELECT value FROM json_each($ids)) AND lease_token = $token ORDER BY id
                """, "$ids", "$token"))
            {
                read.Parameters["$ids"].Value = IdsJson(ids);
                read.Parameters["$token"].Value = token.ToByteArray();
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    events.Add(new OutboxEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        PinterestEventReport.Unpack((byte[])reader[4]), (byte[])reader[5], reader.GetInt32(6),
                        reader.IsDBNull(7) ? null : Time(reader.GetInt64(7)), reader.GetInt64(8) != 0, Time(reader.GetInt64(9))));
                }
            }
            return new OutboxClaim(token, Time(now), events);
        }, cancellationToken);

    public ValueTask<IReadOnlyList<OutboxMarked>> MarkSendingAsync(Guid leaseToken, IReadOnlyList<long> ids, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<OutboxMarked>>(connection => Writing(() =>
        {
            var now = Now;
            using var command = Command(connection, null, """
                UPDATE pinterest_outbox_events
                SET state = 2, attempts = attempts + 1, first_sent_at = coalesce(first_sent_at, $now), lease_until = $until
                WHERE lease_token = $token AND lease_until > $now AND state IN (1, 2) AND id IN (SELECT value FROM json_each($ids))
                RETURNING id, first_sent_at
                """, "$now", "$until", "$token", "$ids");
            command.Parameters["$now"].Value = now;
            command.Parameters["$until"].Value = now + (long)leaseDuration.TotalMilliseconds;
            command.Parameters["$token"].Value = leaseToken.ToByteArray();
            command.Parameters["$ids"].Value = IdsJson(ids);
            var marked = new List<OutboxMarked>(ids.Count);
            using var reader = command.ExecuteReader();
            while (reader.Read()) marked.Add(new OutboxMarked(reader.GetInt64(0), Time(reader.GetInt64(1)), Time(now)));
            return marked;
        }), cancellationToken);

    public ValueTask CompleteAsync(Guid leaseToken, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            // Processed is news even from a stale lease: it also takes the event out of parked OutcomeUnknown. One
            // transaction, so one fsync for both deletes.
            var json = IdsJson(ids);
            using var transaction = connection.BeginTransaction(deferred: false);
            var active = Execute(connection, """
                DELETE FROM pinterest_outbox_events
                WHERE id IN (SELECT value FROM json_each($ids)) AND lease_token = $token AND state IN (1, 2)
                """, transaction, ("$ids", json), ("$token", leaseToken.ToByteArray()));
            Execute(connection, """
                DELETE FROM pinterest_outbox_events
                WHERE id IN (SELECT value FROM json_each($ids)) AND state = 3 AND park_reason = 0
                """, transaction, ("$ids", json));
            transaction.Commit();
            Interlocked.Add(ref _count, -active);
        }, cancellationToken);

    public ValueTask RescheduleAsync(Guid leaseToken, IReadOnlyList<OutboxReschedule> events, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            var now = Now;
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = Command(connection, transaction, """
                UPDATE pinterest_outbox_events
                SET state = 0, lease_token = NULL, lease_until = NULL, due_at = $due, may_have_been_processed = may_have_been_processed OR $maybe
                WHERE id = $id AND lease_token = $token AND state IN (1, 2)
                """, "$due", "$maybe", "$id", "$token");
            command.Parameters["$token"].Value = leaseToken.ToByteArray();
            foreach (var e in events)
            {
                command.Parameters["$due"].Value = now + (long)e.Delay.TotalMilliseconds;
                command.Parameters["$maybe"].Value = e.MayHaveBeenProcessed ? 1 : 0;
                command.Parameters["$id"].Value = e.Id;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }, cancellationToken);

    public ValueTask ParkAsync(Guid leaseToken, IReadOnlyList<OutboxPark> events, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            var now = Now;
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = Command(connection, transaction, """
                UPDATE pinterest_outbox_events
                SET state = 3, lease_token = NULL, lease_until = NULL, park_reason = $reason, parked_at = $now, message = $message
                WHERE id = $id AND lease_token = $token AND state IN (1, 2)
                """, "$reason", "$now", "$message", "$id", "$token");
            command.Parameters["$token"].Value = leaseToken.ToByteArray();
            command.Parameters["$now"].Value = now;
            var parked = 0;
            foreach (var e in events)
            {
                command.Parameters["$reason"].Value = (int)e.Reason;
                command.Parameters["$message"].Value = (object?)e.Message ?? DBNull.Value;
                command.Parameters["$id"].Value = e.Id;
                parked += command.ExecuteNonQuery();
            }
            transaction.Commit();
            Interlocked.Add(ref _count, -parked);
        }, cancellationToken);

    public ValueTask ReleaseAsync(Guid leaseToken, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        WriteAsync(connection => Execute(connection, """
            UPDATE pinterest_outbox_events SET state = 0, lease_token = NULL, lease_until = NULL
            WHERE lease_token = $token AND state = 1 AND id IN (SELECT value FROM json_each($ids))
            """, null, ("$token", leaseToken.ToByteArray()), ("$ids", IdsJson(ids))), cancellationToken);

    // ---- inspecting and repairing --------------------------------------------------------------------------------

    public ValueTask<PinterestOutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
        UseAsync(connection =>
        {
            var now = Now;
            var tally = new List<PinterestOutboxAccountStatistics>();
            using var command = Command(connection, null, """
                SELECT account,
                       sum(state = 0 OR (state IN (1, 2) AND lease_until <= $now)),
                       sum(state IN (1, 2) AND lease_until > $now),
                       sum(state = 3),
                       min(CASE WHEN state = 0 OR (state IN (1, 2) AND lease_until <= $now) THEN enqueued_at END)
                FROM pinterest_outbox_events GROUP BY account ORDER BY account
                """, "$now");
            command.Parameters["$now"].Value = now;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    TimeSpan? oldest = reader.IsDBNull(4) ? null : Age(now, reader.GetInt64(4));
                    tally.Add(new PinterestOutboxAccountStatistics(AccountKeys.FromStored(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2),
                        reader.GetInt64(3), oldest, isPaused: false));
                }
            }
            var pending = tally.Sum(a => a.Pending);
            Interlocked.Exchange(ref _count, pending + tally.Sum(a => a.InFlight));
            var oldestAll = tally.Where(a => a.OldestPendingAge is not null).Select(a => a.OldestPendingAge!.Value).DefaultIfEmpty().Max();
            return new PinterestOutboxStatistics(pending, tally.Sum(a => a.InFlight), tally.Sum(a => a.Parked),
                tally.Any(a => a.OldestPendingAge is not null) ? oldestAll : null, tally);
        }, cancellationToken);

    public async IAsyncEnumerable<PinterestParkedEvent> GetParkedAsync(string? account, int limit, string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var afterId = OutboxIds.Parse(after);
        var page = await UseAsync(connection =>
        {
            using var command = Command(connection, null, $"""
                SELECT id, account, event_name, event_id, is_offline, event_time, first_sent_at, attempts, park_reason, message, parked_at
                FROM pinterest_outbox_events
                WHERE state = 3 AND id > $after {(account is null ? "" : "AND account = $account")}
                ORDER BY id LIMIT $limit
                """, "$after", "$account", "$limit");
            command.Parameters["$after"].Value = afterId;
            command.Parameters["$account"].Value = AccountKeys.ToStored(account);
            command.Parameters["$limit"].Value = limit;
            var list = new List<PinterestParkedEvent>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new PinterestParkedEvent(OutboxIds.Format(reader.GetInt64(0)), AccountKeys.FromStored(reader.GetString(1)), reader.GetString(2),
                    reader.GetString(3), reader.GetInt64(4) != 0, DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : Time(reader.GetInt64(6)), reader.GetInt32(7), (PinterestParkReason)reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9), Time(reader.GetInt64(10))));
            }
            return list;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var parked in page) yield return parked;
    }

    public ValueTask<int> RedriveAsync(PinterestOutboxSelection selection, CancellationToken cancellationToken) =>
        UseAsync(connection => Writing(() =>
        {
            var (where, parameters) = Selection(selection);
            var count = Execute(connection, $"""
                UPDATE pinterest_outbox_events
                SET state = 0, due_at = $now, attempts = 0, first_sent_at = NULL, may_have_been_processed = 0,
                    park_reason = NULL, parked_at = NULL, message = NULL
                WHERE state = 3 AND park_reason <> 2 {where}
                """, null, [.. parameters, ("$now", Now)]);
            Interlocked.Add(ref _count, count);
            return count;
        }), cancellationToken);

    public ValueTask<int> PurgeAsync(PinterestOutboxSelection selection, bool releaseIdempotencyKeys, CancellationToken cancellationToken) =>
        UseAsync(connection => Writing(() =>
        {
            var (where, parameters) = Selection(selection);
            using var transaction = connection.BeginTransaction(deferred: false);
            if (releaseIdempotencyKeys)
            {
                Execute(connection, $"""
                    DELETE FROM pinterest_outbox_keys WHERE key IN
                        (SELECT idempotency_key FROM pinterest_outbox_events WHERE state = 3 AND idempotency_key IS NOT NULL {where})
                    """, transaction, parameters);
            }
            var count = Execute(connection, $"DELETE FROM pinterest_outbox_events WHERE state = 3 {where}", transaction, parameters);
            transaction.Commit();
            return count;
        }), cancellationToken);

    public ValueTask<int> PruneAsync(TimeSpan parkedRetention, TimeSpan idempotencyWindow, CancellationToken cancellationToken) =>
        UseAsync(connection => Writing(() =>
        {
            var now = Now;
            var parked = Execute(connection, "DELETE FROM pinterest_outbox_events WHERE state = 3 AND parked_at < $before", null,
                ("$before", now - (long)parkedRetention.TotalMilliseconds));
            Execute(connection, "DELETE FROM pinterest_outbox_keys WHERE accepted_at < $before", null, ("$before", now - (long)idempotencyWindow.TotalMilliseconds));
            return parked;
        }), cancellationToken);

    private static (string Where, (string, object)[] Parameters) Selection(PinterestOutboxSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var where = new StringBuilder();
        var parameters = new List<(string, object)>();
        if (selection.Ids is { } ids)
        {
            where.Append(" AND id IN (SELECT value FROM json_each($selected))");
            parameters.Add(("$selected", IdsJson(ids.Select(OutboxIds.Parse).ToList())));
        }
        if (!selection.AnyAccount)
        {
            where.Append(" AND account = $selected_account");
            parameters.Add(("$selected_account", AccountKeys.ToStored(selection.Account)));
        }
        if (selection.Reason is { } reason)
        {
            where.Append(" AND park_reason = $selected_reason");
            parameters.Add(("$selected_reason", (int)reason));
        }
        return (where.ToString(), parameters.ToArray());
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}");
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            if (!string.Equals(wal.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"The SQLite outbox needs WAL mode, which this file does not allow (is it on a network share?): {Path.GetFileName(DatabasePath)}.");
        }
        Execute(connection, _synchronous == PinterestOutboxSynchronous.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        var hasSchema = Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'pinterest_outbox_schema'") == 1;
        var version = hasSchema ? Scalar(connection, "SELECT max(version) FROM pinterest_outbox_schema") : null;
        if (version is null)
        {
            using var transaction = connection.BeginTransaction(deferred: false); // one process creates; the others wait, then find it
            Execute(connection, SqliteOutboxSchema.Create, transaction);
            transaction.Commit();
        }
        else if (version > SqliteOutboxSchema.Version)
        {
            throw new InvalidOperationException($"The outbox file has schema version {version}; this version of Pinterest.Conversions.Outbox.Sqlite reads {SqliteOutboxSchema.Version}.");
        }
        return connection;
    }

    // The sender and inspection: one statement at a time on their connection.
    private async ValueTask<T> UseAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work(_connection ??= Open());
        }
        finally
        {
            _gate.Release();
        }
    }

    // A write on the sender's connection: its statement, under the write gate too.
    private async ValueTask WriteAsync(Action<SqliteConnection> work, CancellationToken cancellationToken) =>
        await UseAsync(connection => Writing(() =>
        {
            work(connection);
            return true;
        }), cancellationToken).ConfigureAwait(false);

    private T Writing<T>(Func<T> write)
    {
        _writeGate.Wait();
        try
        {
            return write();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void Writing(Action write) => Writing(() =>
    {
        write();
        return true;
    });

    private static long CountActive(SqliteConnection connection) =>
        Scalar(connection, "SELECT count(*) FROM pinterest_outbox_events WHERE state <> 3") ?? 0;

    private static TimeSpan Age(long now, long then) => TimeSpan.FromMilliseconds(Math.Max(0, now - then));

    private static string IdsJson(IReadOnlyList<long> ids) => "[" + string.Join(",", ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, null));
        return command;
    }

    private static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }

    private static long? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar() is long result ? result : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _writerInsert?.Dispose();
            _writerKey?.Dispose();
            _writer?.Dispose();
            (_writerInsert, _writerKey, _writer) = (null, null, null);
            _connection?.Dispose();
            _connection = null;
            _senderLock.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}

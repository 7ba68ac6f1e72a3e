using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Hosting.Outbox;

namespace Pinterest.Conversions.Outbox.PostgreSql;

/// <summary>
/// The outbox in PostgreSQL, shared by any number of app instances, all of which send: batches are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> under fenced leases, and every time comes from the server's <c>clock_timestamp()</c>.
/// The writer thread adds through a connection of its own (group commit, one NOTIFY per commit); the sender's
/// statements take pooled connections, so claims and sends run side by side; a session connection of its own LISTENs.
/// </summary>
internal sealed class PostgreSqlOutboxStore : IPinterestOutboxStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _schema;
    private readonly string _channel;
    private readonly bool _notify;
    private readonly ILogger _logger;
    // Tests only: every statement takes "now" from this clock instead of the server's. Production passes null.
    private readonly TimeProvider? _testClock;
    private readonly CancellationTokenSource _stopListening = new();
    private readonly ConditionalWeakTable<NpgsqlConnection, object> _probed = new();
    private NpgsqlConnection? _writer;
    private Task? _listener;
    private long _count = -1;

    public PostgreSqlOutboxStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgreSqlOutboxOptions options, ILogger logger, TimeProvider? testClock = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        if (!PostgreSqlOutboxSchema.IsValidName(options.Schema))
            throw new ArgumentException("The outbox's schema name must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.", nameof(options));
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _schema = options.Schema;
        _channel = PostgreSqlOutboxSchema.Channel(_schema);
        _notify = options.UseListenNotify;
        _logger = logger;
        _testClock = testClock;
    }

    public bool IsDurable => true;

    // Any number of instances send from one PostgreSQL outbox: claims skip each other's locked rows.
    public bool CanSend => true;

    public long Count => Math.Max(0, Interlocked.Read(ref _count));

    public string Schema => _schema;

    public async ValueTask StartAsync(Action wakeUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeUp);
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var count = Command(connection, "SELECT count(*) FROM {s}.outbox_events WHERE state <> 3");
            Interlocked.Exchange(ref _count, (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
        }
        if (_notify) _listener ??= Task.Run(() => ListenAsync(wakeUp, _stopListening.Token), CancellationToken.None);
    }

    public ValueTask<bool> TryTakeSenderRoleAsync(CancellationToken cancellationToken) => new(true);

    // ---- schema ------------------------------------------------------------------------------------------------------

    private async Task EnsureSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var version = await SchemaVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            // Many instances may start at once: one creates under the lock, the others wait for it and then find the tables.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue("key", PostgreSqlOutboxSchema.LockKey(_schema));
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            version = await SchemaVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (version is null)
            {
                await using var create = new NpgsqlCommand(PostgreSqlOutboxSchema.Create(_schema), connection, transaction);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                version = PostgreSqlOutboxSchema.Version;
                PostgreSqlOutboxLog.SchemaCreated(_logger, _schema, PostgreSqlOutboxSchema.Version);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        if (version > PostgreSqlOutboxSchema.Version)
            throw new InvalidOperationException($"The outbox's schema {_schema} has version {version}; this version of Pinterest.Conversions.Outbox.PostgreSql reads {PostgreSqlOutboxSchema.Version}.");
    }

    private async Task<int?> SchemaVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection, transaction);
        exists.Parameters.AddWithValue("table", _schema + ".outbox_schema");
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!) return null;
        await using var read = new NpgsqlCommand($"SELECT max(version) FROM {_schema}.outbox_schema", connection, transaction);
        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : null;
    }

    // ---- wake-ups ----------------------------------------------------------------------------------------------------

    // LISTEN on a session connection of its own, for as long as the store lives; reconnects with a growing pause.
    private async Task ListenAsync(Action wakeUp, CancellationToken stop)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, _) => wakeUp();
                await using (var listen = new NpgsqlCommand($"LISTEN {_channel}", connection))
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                PostgreSqlOutboxLog.Listening(_logger, _channel);
                pause = TimeSpan.FromMilliseconds(250);
                wakeUp(); // events committed while nobody listened
                while (true) await connection.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                PostgreSqlOutboxLog.ListenFailed(_logger, ex.GetType().Name, (long)pause.TotalMilliseconds);
            }
            try
            {
                await Task.Delay(pause, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    // ---- enqueue -----------------------------------------------------------------------------------------------------

    public void Add(ReadOnlySpan<OutboxNewEvent> events, Span<OutboxAddResult> results, OutboxLimits limits)
    {
        try
        {
            var connection = _writer ??= _dataSource.OpenConnection();
            if (Interlocked.Read(ref _count) < 0)
            {
                using var count = Command(connection, "SELECT count(*) FROM {s}.outbox_events WHERE state <> 3");
                Interlocked.Exchange(ref _count, (long)count.ExecuteScalar()!);
            }
            // One batch, one round trip: PostgreSQL runs a batch as one implicit transaction (all or nothing), committed
            // once. Non-offline events go in one multi-row insert; an offline event needs its own conditional insert.
            using var batch = new NpgsqlBatch(connection);
            var commandOf = new int[events.Length];
            var count0 = Interlocked.Read(ref _count);
            var queued = 0;
            var plain = new List<int>(events.Length);
            for (var i = 0; i < events.Length; i++)
            {
                commandOf[i] = -1;
                if (count0 + queued >= limits.Capacity)
                {
                    results[i] = OutboxAddResult.Full;
                    continue;
                }
                queued++;
                if (events[i].IdempotencyKey.IsEmpty)
                {
                    plain.Add(i);
                    continue;
                }
                commandOf[i] = batch.BatchCommands.Count;
                batch.BatchCommands.Add(InsertCommand(events[i], limits));
            }
            if (queued == 0) return;
            if (plain.Count > 0) batch.BatchCommands.Add(InsertManyCommand(events, plain));
            // One notification per commit: a notifying commit holds a database-wide lock through its WAL flush.
            if (_notify) batch.BatchCommands.Add(NotifyCommand());
            batch.ExecuteNonQuery();
            var added = plain.Count;
            foreach (var i in plain) results[i] = OutboxAddResult.Added;
            for (var i = 0; i < events.Length; i++)
            {
                if (commandOf[i] < 0) continue;
                var stored = batch.BatchCommands[commandOf[i]].RecordsAffected == 1;
                results[i] = stored ? OutboxAddResult.Added : OutboxAddResult.Duplicate;
                if (stored) added++;
            }
            Interlocked.Add(ref _count, added);
        }
        catch
        {
            // A broken connection is opened again at the next commit.
            _writer?.Dispose();
            _writer = null;
            throw;
        }
    }

    public async ValueTask<OutboxAddResult> AddAsync(DbTransaction transaction, OutboxNewEvent evt, OutboxLimits limits, CancellationToken cancellationToken)
    {
        if (transaction is not NpgsqlTransaction npgsql || npgsql.Connection is not { } connection)
            throw new NotSupportedException("The PostgreSQL outbox joins an NpgsqlTransaction (Npgsql) only.");
        // The event's bytes are copied into the command before the first await: the caller's buffer may be reused by
        // the next enqueue as soon as this method yields.
        var insert = InsertCommand(evt, limits);
        if (!_probed.TryGetValue(connection, out _))
        {
            // Probed once per connection: host names are not compared, the tables are looked for.
            await using var probe = new NpgsqlCommand("SELECT to_regclass(@events) IS NOT NULL AND to_regclass(@keys) IS NOT NULL", connection, npgsql);
            probe.Parameters.AddWithValue("events", _schema + ".outbox_events");
            probe.Parameters.AddWithValue("keys", _schema + ".outbox_keys");
            if (!(bool)(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                throw new NotSupportedException($"The transaction's database has no Pinterest outbox tables in schema {_schema}: use a connection to the outbox's database.");
            _probed.AddOrUpdate(connection, new object());
        }
        if (Interlocked.Read(ref _count) >= limits.Capacity) return OutboxAddResult.Full;
        await using var batch = new NpgsqlBatch(connection, npgsql);
        batch.BatchCommands.Add(insert);
        // PostgreSQL folds identical notifications of one transaction into one, delivered at its commit (a rollback sends
        // none); Npgsql reuses transaction objects, so "already notified" cannot be remembered per transaction here.
        if (_notify) batch.BatchCommands.Add(NotifyCommand());
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (batch.BatchCommands[0].RecordsAffected != 1) return OutboxAddResult.Duplicate;
        Interlocked.Increment(ref _count); // counted now; a rollback is corrected at the next count
        return OutboxAddResult.Added;
    }

    private NpgsqlBatchCommand InsertCommand(in OutboxNewEvent evt, OutboxLimits limits)
    {
        // An offline event goes in only with its key: insert-if-absent (or replace a key older than the window), never an
        // error that would abort a caller's transaction; no key row, no event row (Duplicate).
        var command = BatchCommand(evt.IdempotencyKey.IsEmpty
            ? """
              INSERT INTO {s}.outbox_events (account, event_name, event_id, is_offline, event_time, report, payload, enqueued_at, due_at)
              VALUES (@account, @event_name, @event_id, @is_offline, @event_time, @report, @payload, @now, @now)
              """
            : """
              WITH accepted AS (
                  INSERT INTO {s}.outbox_keys AS k (key, accepted_at) VALUES (@key, @now)
                  ON CONFLICT (key) DO UPDATE SET accepted_at = excluded.accepted_at WHERE k.accepted_at <= @now - @window
                  RETURNING 1
              )
              INSERT INTO {s}.outbox_events (account, event_name, event_id, is_offline, event_time, report, payload, enqueued_at, due_at, idempotency_key)
              SELECT @account, @event_name, @event_id, @is_offline, @event_time, @report, @payload, @now, @now, @key FROM accepted
              """);
        var report = new byte[PinterestEventReport.PackedSize];
        evt.Report.Pack(report);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string>("account", NpgsqlDbType.Text) { TypedValue = evt.Account });
        p.Add(new NpgsqlParameter<string>("event_name", NpgsqlDbType.Text) { TypedValue = evt.EventName });
        p.Add(new NpgsqlParameter<string>("event_id", NpgsqlDbType.Text) { TypedValue = evt.EventId });
        p.Add(new NpgsqlParameter<bool>("is_offline", NpgsqlDbType.Boolean) { TypedValue = evt.IsOffline });
        p.Add(new NpgsqlParameter<long>("event_time", NpgsqlDbType.Bigint) { TypedValue = evt.EventTime });
        p.Add(new NpgsqlParameter<byte[]>("report", NpgsqlDbType.Bytea) { TypedValue = report });
        p.Add(new NpgsqlParameter<byte[]>("payload", NpgsqlDbType.Bytea) { TypedValue = evt.Payload.ToArray() });
        if (!evt.IdempotencyKey.IsEmpty)
        {
            p.Add(new NpgsqlParameter<byte[]>("key", NpgsqlDbType.Bytea) { TypedValue = evt.IdempotencyKey.ToArray() });
            p.Add(new NpgsqlParameter<TimeSpan>("window", NpgsqlDbType.Interval) { TypedValue = limits.IdempotencyWindow });
        }
        return command;
    }

    // Events without an offline key, in one statement: arrays of their columns, unnested.
    private NpgsqlBatchCommand InsertManyCommand(ReadOnlySpan<OutboxNewEvent> events, List<int> chosen)
    {
        var command = BatchCommand("""
            INSERT INTO {s}.outbox_events (account, event_name, event_id, is_offline, event_time, report, payload, enqueued_at, due_at)
            SELECT account, event_name, event_id, false, event_time, report, payload, @now, @now
            FROM unnest(@accounts, @event_names, @event_ids, @event_times, @reports, @payloads) AS e(account, event_name, event_id, event_time, report, payload)
            """);
        var accounts = new string[chosen.Count];
        var names = new string[chosen.Count];
        var ids = new string[chosen.Count];
        var times = new long[chosen.Count];
        var reports = new byte[chosen.Count][];
        var payloads = new byte[chosen.Count][];
        for (var k = 0; k < chosen.Count; k++)
        {
            ref readonly var evt = ref events[chosen[k]];
            accounts[k] = evt.Account;
            names[k] = evt.EventName;
            ids[k] = evt.EventId;
            times[k] = evt.EventTime;
            reports[k] = new byte[PinterestEventReport.PackedSize];
            evt.Report.Pack(reports[k]);
            payloads[k] = evt.Payload.ToArray();
        }
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]>("accounts", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = accounts });
        p.Add(new NpgsqlParameter<string[]>("event_names", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = names });
        p.Add(new NpgsqlParameter<string[]>("event_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = ids });
        p.Add(new NpgsqlParameter<long[]>("event_times", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = times });
        p.Add(new NpgsqlParameter<byte[][]>("reports", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = reports });
        p.Add(new NpgsqlParameter<byte[][]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = payloads });
        return command;
    }

    private NpgsqlBatchCommand NotifyCommand()
    {
        var command = new NpgsqlBatchCommand("SELECT pg_notify(@channel, '')");
        command.Parameters.Add(new NpgsqlParameter<string>("channel", NpgsqlDbType.Text) { TypedValue = _channel });
        return command;
    }

    // ---- sending -----------------------------------------------------------------------------------------------------

    public async ValueTask<OutboxReady> GetReadyAsync(int countUpTo, IReadOnlyCollection<string> excludedAccounts, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        // 1. A lease that ran out returns its rows to pending; those that were sending come back flagged. Rows another
        //    instance is returning right now are skipped, not waited for.
        batch.BatchCommands.Add(BatchCommand("""
            UPDATE {s}.outbox_events e
            SET may_have_been_processed = e.may_have_been_processed OR e.state = 2, state = 0, lease_token = NULL, lease_until = NULL, due_at = @now
            FROM (SELECT id FROM {s}.outbox_events WHERE state IN (1, 2) AND lease_until <= @now FOR UPDATE SKIP LOCKED) expired
            WHERE e.id = expired.id
            """));
        // 2. One index seek per account (a loose scan), then per account: due counts up to the cap, the earliest of each kind.
        var accounts = BatchCommand("""
            WITH RECURSIVE accounts(account) AS (
                (SELECT account FROM {s}.outbox_events WHERE state = 0 ORDER BY account LIMIT 1)
                UNION ALL
                SELECT (SELECT e.account FROM {s}.outbox_events e WHERE e.state = 0 AND e.account > a.account ORDER BY e.account LIMIT 1)
                FROM accounts a WHERE a.account IS NOT NULL
            )
            SELECT a.account,
                   (SELECT count(*) FROM (SELECT 1 FROM {s}.outbox_events e
                        WHERE e.state = 0 AND e.account = a.account AND e.is_offline = false AND e.due_at <= @now LIMIT @cap) d),
                   (SELECT count(*) FROM (SELECT 1 FROM {s}.outbox_events e
                        WHERE e.state = 0 AND e.account = a.account AND e.is_offline = true AND e.due_at <= @now LIMIT @cap) d),
                   w.due_at, w.enqueued_at, o.due_at, o.enqueued_at
            FROM accounts a
            LEFT JOIN LATERAL (SELECT due_at, enqueued_at FROM {s}.outbox_events e
                               WHERE e.state = 0 AND e.account = a.account AND e.is_offline = false ORDER BY due_at, id LIMIT 1) w ON true
            LEFT JOIN LATERAL (SELECT due_at, enqueued_at FROM {s}.outbox_events e
                               WHERE e.state = 0 AND e.account = a.account AND e.is_offline = true ORDER BY due_at, id LIMIT 1) o ON true
            WHERE a.account IS NOT NULL AND NOT (a.account = ANY(@excluded))
            """);
        accounts.Parameters.Add(new NpgsqlParameter<int>("cap", NpgsqlDbType.Integer) { TypedValue = countUpTo });
        accounts.Parameters.Add(new NpgsqlParameter<string[]>("excluded", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. excludedAccounts] });
        batch.BatchCommands.Add(accounts);
        // 3. The store's time, and the earliest lease end.
        batch.BatchCommands.Add(BatchCommand("SELECT @now, (SELECT min(lease_until) FROM {s}.outbox_events WHERE state IN (1, 2))"));

        var ready = new List<OutboxReadyAccount>();
        var waiting = new List<DateTimeOffset>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var count = (int)Math.Min(countUpTo, reader.GetInt64(1) + reader.GetInt64(2));
            var online = reader.IsDBNull(3) ? (DateTimeOffset?)null : Time(reader, 3);
            var offline = reader.IsDBNull(5) ? (DateTimeOffset?)null : Time(reader, 5);
            var earliestIsOffline = online is null || (offline is not null && offline < online);
            var earliest = earliestIsOffline ? offline : online;
            if (count > 0) ready.Add(new OutboxReadyAccount(reader.GetString(0), count, Time(reader, earliestIsOffline ? 6 : 4)));
            else if (earliest is { } due) waiting.Add(due);
        }
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var now = Time(reader, 0);
        if (!reader.IsDBNull(1)) waiting.Add(Time(reader, 1));
        return new OutboxReady(ready, now, waiting.Count == 0 ? null : waiting.Min());
    }

    public async ValueTask<OutboxClaim> ClaimAsync(string account, int maxEvents, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // The kind (offline or not) of the earliest due event; then up to maxEvents due rows of that kind that no other
        // instance holds locked, in due order. No high-water mark on id: a long caller transaction commits lower ids later.
        await using var command = Command(connection, """
            WITH first AS (
                SELECT is_offline FROM (
                    (SELECT is_offline, due_at, id FROM {s}.outbox_events
                     WHERE state = 0 AND account = @account AND is_offline = false AND due_at <= @now ORDER BY due_at, id LIMIT 1)
                    UNION ALL
                    (SELECT is_offline, due_at, id FROM {s}.outbox_events
                     WHERE state = 0 AND account = @account AND is_offline = true AND due_at <= @now ORDER BY due_at, id LIMIT 1)
                ) earliest ORDER BY due_at, id LIMIT 1
            ),
            picked AS (
                SELECT id FROM {s}.outbox_events
                WHERE state = 0 AND account = @account AND is_offline = (SELECT is_offline FROM first) AND due_at <= @now
                ORDER BY due_at, id LIMIT @max
                FOR UPDATE SKIP LOCKED
            )
            UPDATE {s}.outbox_events e SET state = 1, lease_token = @token, lease_until = @now + @lease
            FROM picked WHERE e.id = picked.id
            RETURNING e.id, e.account, e.event_name, e.event_id, e.report, e.payload, e.attempts, e.first_sent_at, e.may_have_been_processed, e.enqueued_at, @now
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("account", NpgsqlDbType.Text) { TypedValue = account });
        command.Parameters.Add(new NpgsqlParameter<int>("max", NpgsqlDbType.Integer) { TypedValue = maxEvents });
        command.Parameters.Add(new NpgsqlParameter<Guid>("token", NpgsqlDbType.Uuid) { TypedValue = token });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", NpgsqlDbType.Interval) { TypedValue = leaseDuration });
        var events = new List<OutboxEvent>();
        DateTimeOffset? now = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(new OutboxEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    PinterestEventReport.Unpack(reader.GetFieldValue<byte[]>(4)), reader.GetFieldValue<byte[]>(5), reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : Time(reader, 7), reader.GetBoolean(8), Time(reader, 9)));
                now ??= Time(reader, 10);
            }
        }
        events.Sort((a, b) => a.Id.CompareTo(b.Id));
        return new OutboxClaim(token, now ?? await NowAsync(connection, cancellationToken).ConfigureAwait(false), events);
    }

    public async ValueTask<IReadOnlyList<OutboxMarked>> MarkSendingAsync(Guid leaseToken, IReadOnlyList<long> ids, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, """
            UPDATE {s}.outbox_events
            SET state = 2, attempts = attempts + 1, first_sent_at = coalesce(first_sent_at, @now), lease_until = @now + @lease
            WHERE lease_token = @token AND lease_until > @now AND state IN (1, 2) AND id = ANY(@ids)
            RETURNING id, first_sent_at, @now
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("token", NpgsqlDbType.Uuid) { TypedValue = leaseToken });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", NpgsqlDbType.Interval) { TypedValue = leaseDuration });
        command.Parameters.Add(Ids("ids", ids));
        var marked = new List<OutboxMarked>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) marked.Add(new OutboxMarked(reader.GetInt64(0), Time(reader, 1), Time(reader, 2)));
        return marked;
    }

    public async ValueTask CompleteAsync(Guid leaseToken, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        var active = BatchCommand("DELETE FROM {s}.outbox_events WHERE id = ANY(@ids) AND lease_token = @token AND state IN (1, 2)");
        active.Parameters.Add(Ids("ids", ids));
        active.Parameters.Add(new NpgsqlParameter<Guid>("token", NpgsqlDbType.Uuid) { TypedValue = leaseToken });
        // Processed is news even from a stale lease: it also takes the event out of parked OutcomeUnknown.
        var unknown = BatchCommand("DELETE FROM {s}.outbox_events WHERE id = ANY(@ids) AND state = 3 AND park_reason = 0");
        unknown.Parameters.Add(Ids("ids", ids));
        batch.BatchCommands.Add(active);
        batch.BatchCommands.Add(unknown);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _count, -active.RecordsAffected);
    }

    public async ValueTask RescheduleAsync(Guid leaseToken, IReadOnlyList<OutboxReschedule> events, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, """
            UPDATE {s}.outbox_events e
            SET state = 0, lease_token = NULL, lease_until = NULL, due_at = @now + r.delay, may_have_been_processed = e.may_have_been_processed OR r.maybe
            FROM unnest(@ids, @delays, @maybes) AS r(id, delay, maybe)
            WHERE e.id = r.id AND e.lease_token = @token AND e.state IN (1, 2)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("token", NpgsqlDbType.Uuid) { TypedValue = leaseToken });
        command.Parameters.Add(Ids("ids", events.Select(e => e.Id).ToList()));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan[]>("delays", NpgsqlDbType.Array | NpgsqlDbType.Interval) { TypedValue = events.Select(e => e.Delay).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<bool[]>("maybes", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { TypedValue = events.Select(e => e.MayHaveBeenProcessed).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ParkAsync(Guid leaseToken, IReadOnlyList<OutboxPark> events, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, """
            UPDATE {s}.outbox_events e
            SET state = 3, lease_token = NULL, lease_until = NULL, park_reason = r.reason, parked_at = @now, message = r.message
            FROM unnest(@ids, @reasons, @messages) AS r(id, reason, message)
            WHERE e.id = r.id AND e.lease_token = @token AND e.state IN (1, 2)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("token", NpgsqlDbType.Uuid) { TypedValue = leaseToken });
        command.Parameters.Add(Ids("ids", events.Select(e => e.Id).ToList()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("reasons", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = events.Select(e => (short)e.Reason).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = events.Select(e => e.Message).ToArray() });
        var parked = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _count, -parked);
    }

    public async ValueTask ReleaseAsync(Guid leaseToken, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, """
            UPDATE {s}.outbox_events SET state = 0, lease_token = NULL, lease_until = NULL
            WHERE lease_token = @token AND state = 1 AND id = ANY(@ids)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("token", NpgsqlDbType.Uuid) { TypedValue = leaseToken });
        command.Parameters.Add(Ids("ids", ids));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // ---- inspecting and repairing ------------------------------------------------------------------------------------

    public async ValueTask<PinterestOutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, """
            WITH now AS (SELECT @now AS t)
            SELECT e.account,
                   count(*) FILTER (WHERE e.state = 0 OR (e.state IN (1, 2) AND e.lease_until <= now.t)),
                   count(*) FILTER (WHERE e.state IN (1, 2) AND e.lease_until > now.t),
                   count(*) FILTER (WHERE e.state = 3),
                   min(e.enqueued_at) FILTER (WHERE e.state = 0 OR (e.state IN (1, 2) AND e.lease_until <= now.t)),
                   now.t
            FROM {s}.outbox_events e CROSS JOIN now GROUP BY e.account, now.t ORDER BY e.account
            """);
        var tally = new List<PinterestOutboxAccountStatistics>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                TimeSpan? oldest = reader.IsDBNull(4) ? null : Age(Time(reader, 5), Time(reader, 4));
                tally.Add(new PinterestOutboxAccountStatistics(AccountKeys.FromStored(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2),
                    reader.GetInt64(3), oldest, isPaused: false));
            }
        }
        var pending = tally.Sum(a => a.Pending);
        Interlocked.Exchange(ref _count, pending + tally.Sum(a => a.InFlight));
        var oldestAll = tally.Where(a => a.OldestPendingAge is not null).Select(a => a.OldestPendingAge!.Value).DefaultIfEmpty().Max();
        return new PinterestOutboxStatistics(pending, tally.Sum(a => a.InFlight), tally.Sum(a => a.Parked),
            tally.Any(a => a.OldestPendingAge is not null) ? oldestAll : null, tally);
    }

    public async IAsyncEnumerable<PinterestParkedEvent> GetParkedAsync(string? account, int limit, string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var afterId = OutboxIds.Parse(after);
        var page = new List<PinterestParkedEvent>();
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = Command(connection, $$"""
            SELECT id, account, event_name, event_id, is_offline, event_time, first_sent_at, attempts, park_reason, message, parked_at
            FROM {s}.outbox_events
            WHERE state = 3 AND id > @after {{(account is null ? "" : "AND account = @account")}}
            ORDER BY id LIMIT @limit
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("after", NpgsqlDbType.Bigint) { TypedValue = afterId });
            command.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = Math.Max(0, limit) });
            if (account is not null) command.Parameters.Add(new NpgsqlParameter<string>("account", NpgsqlDbType.Text) { TypedValue = AccountKeys.ToStored(account) });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add(new PinterestParkedEvent(OutboxIds.Format(reader.GetInt64(0)), AccountKeys.FromStored(reader.GetString(1)), reader.GetString(2),
                    reader.GetString(3), reader.GetBoolean(4), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : Time(reader, 6), reader.GetInt32(7), (PinterestParkReason)reader.GetInt16(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9), Time(reader, 10)));
            }
        }
        foreach (var parked in page) yield return parked;
    }

    public async ValueTask<int> RedriveAsync(PinterestOutboxSelection selection, CancellationToken cancellationToken)
    {
        var (where, parameters) = Selection(selection);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $$"""
            UPDATE {s}.outbox_events
            SET state = 0, due_at = @now, attempts = 0, first_sent_at = NULL, may_have_been_processed = false,
                park_reason = NULL, parked_at = NULL, message = NULL
            WHERE state = 3 AND park_reason <> 2 {{where}}
            """);
        command.Parameters.AddRange(parameters);
        var count = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _count, count);
        return count;
    }

    public async ValueTask<int> PurgeAsync(PinterestOutboxSelection selection, bool releaseIdempotencyKeys, CancellationToken cancellationToken)
    {
        var (where, parameters) = Selection(selection);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $$"""
            WITH gone AS (DELETE FROM {s}.outbox_events WHERE state = 3 {{where}} RETURNING idempotency_key),
            released AS (DELETE FROM {s}.outbox_keys WHERE @release AND key IN (SELECT idempotency_key FROM gone WHERE idempotency_key IS NOT NULL))
            SELECT count(*) FROM gone
            """);
        command.Parameters.AddRange(parameters);
        command.Parameters.Add(new NpgsqlParameter<bool>("release", NpgsqlDbType.Boolean) { TypedValue = releaseIdempotencyKeys });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async ValueTask<int> PruneAsync(TimeSpan parkedRetention, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, """
            WITH parked AS (DELETE FROM {s}.outbox_events WHERE state = 3 AND parked_at < @now - @retention RETURNING 1),
            keys AS (DELETE FROM {s}.outbox_keys WHERE accepted_at < @now - @window)
            SELECT count(*) FROM parked
            """);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("retention", NpgsqlDbType.Interval) { TypedValue = parkedRetention });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("window", NpgsqlDbType.Interval) { TypedValue = idempotencyWindow });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static (string Where, NpgsqlParameter[] Parameters) Selection(PinterestOutboxSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var where = new StringBuilder();
        var parameters = new List<NpgsqlParameter>();
        if (selection.Ids is { } ids)
        {
            where.Append(" AND id = ANY(@selected)");
            parameters.Add(Ids("selected", ids.Select(OutboxIds.Parse).ToList()));
        }
        if (!selection.AnyAccount)
        {
            where.Append(" AND account = @selected_account");
            parameters.Add(new NpgsqlParameter<string>("selected_account", NpgsqlDbType.Text) { TypedValue = AccountKeys.ToStored(selection.Account) });
        }
        if (selection.Reason is { } reason)
        {
            where.Append(" AND park_reason = @selected_reason");
            parameters.Add(new NpgsqlParameter<short>("selected_reason", NpgsqlDbType.Smallint) { TypedValue = (short)reason });
        }
        return (where.ToString(), parameters.ToArray());
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------------

    // "{s}" is the schema; "@now" is the server's clock_timestamp(), or the test clock's time as a parameter.
    private string Sql(string sql)
    {
        sql = sql.Replace("{s}", _schema, StringComparison.Ordinal);
        return _testClock is null ? sql.Replace("@now", "clock_timestamp()", StringComparison.Ordinal) : sql;
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(Sql(sql), connection);
        if (_testClock is { } clock) command.Parameters.Add(NowParameter(clock));
        return command;
    }

    private NpgsqlBatchCommand BatchCommand(string sql)
    {
        var command = new NpgsqlBatchCommand(Sql(sql));
        if (_testClock is { } clock) command.Parameters.Add(NowParameter(clock));
        return command;
    }

    private static NpgsqlParameter NowParameter(TimeProvider clock) =>
        new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = clock.GetUtcNow() };

    private async Task<DateTimeOffset> NowAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT @now");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Time(reader, 0);
    }

    private static NpgsqlParameter Ids(string name, IReadOnlyList<long> ids) =>
        new NpgsqlParameter<long[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = ids as long[] ?? [.. ids] };

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static TimeSpan Age(DateTimeOffset now, DateTimeOffset then) => now > then ? now - then : TimeSpan.Zero;

    public async ValueTask DisposeAsync()
    {
        await _stopListening.CancelAsync().ConfigureAwait(false);
        if (_listener is { } listener) await listener.ConfigureAwait(false);
        _writer?.Dispose();
        _writer = null;
        if (_ownsDataSource) await _dataSource.DisposeAsync().ConfigureAwait(false);
        _stopListening.Dispose();
    }
}

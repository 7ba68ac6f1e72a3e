using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pinterest.Conversions.Outbox.PostgreSql;

/// <summary>
/// The outbox's tables in their own schema, created at start when missing (docs/postgresql-outbox.md gives the same SQL
/// for teams that migrate by hand). Times are the server's <c>timestamptz</c>; a row's state is 0 pending, 1 claimed,
/// 2 sending, 3 parked.
/// </summary>
internal static partial class PostgreSqlOutboxSchema
{
    /// <summary>The version this code reads and writes; a later version in the database is refused.</summary>
    public const int Version = 1;

    /// <summary>A plain lower-case identifier: used unquoted in SQL, so it must never need quoting.</summary>
    public static bool IsValidName(string? name) => name is not null && SchemaName().IsMatch(name);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();

    /// <summary>The key of the transaction-level advisory lock that serializes creating (or migrating) this schema.</summary>
    public static long LockKey(string schema) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("Pinterest.Conversions.Outbox.PostgreSql:" + schema)), 0);

    /// <summary>The notification channel of this schema's outbox (LISTEN/NOTIFY).</summary>
    public static string Channel(string schema) => schema + "_outbox";

    public static string Create(string schema) => $"""
        CREATE SCHEMA IF NOT EXISTS {schema};

        CREATE TABLE IF NOT EXISTS {schema}.outbox_schema (
            version    integer     NOT NULL PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
        );

        CREATE TABLE IF NOT EXISTS {schema}.outbox_events (
            id                      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            account                 text        NOT NULL,          -- lower-cased key; '' for the default account
            event_name              text        NOT NULL,
            event_id                text        NOT NULL,
            is_offline              boolean     NOT NULL,
            event_time              bigint      NOT NULL,          -- Unix seconds, as sent
            report                  bytea       NOT NULL,          -- PinterestEventReport.Pack: signals, dropped fields; no value
            payload                 bytea       NOT NULL,          -- the event object as Pinterest is sent it (personal data)
            enqueued_at             timestamptz NOT NULL,
            state                   smallint    NOT NULL DEFAULT 0,
            due_at                  timestamptz NOT NULL,
            attempts                integer     NOT NULL DEFAULT 0,
            first_sent_at           timestamptz NULL,
            may_have_been_processed boolean     NOT NULL DEFAULT false,
            lease_token             uuid        NULL,
            lease_until             timestamptz NULL,
            park_reason             smallint    NULL,              -- 0 outcome unknown, 1 rejected, 2 expired
            parked_at               timestamptz NULL,
            message                 text        NULL,
            idempotency_key         bytea       NULL               -- offline events: SHA-256(account, name, id)
        );

        -- Pending events only (partial): due events of an account, one kind at a time, in order; the accounts with
        -- pending events (a loose index scan). A row enters it when added and leaves it when claimed.
        CREATE INDEX IF NOT EXISTS outbox_events_pending
            ON {schema}.outbox_events (account, is_offline, due_at, id) WHERE state = 0;

        -- Claimed and sending rows by the end of their lease (partial): finding leases that ran out.
        CREATE INDEX IF NOT EXISTS outbox_events_leased
            ON {schema}.outbox_events (lease_until) WHERE state IN (1, 2);

        -- Parked rows (partial): the parked list in id order, and pruning.
        CREATE INDEX IF NOT EXISTS outbox_events_parked
            ON {schema}.outbox_events (id, parked_at) WHERE state = 3;

        -- Offline idempotency: a fixed-size key and when it was accepted (a unique index on the raw ids could not say
        -- "within the window", and long event ids would overflow an index entry).
        CREATE TABLE IF NOT EXISTS {schema}.outbox_keys (
            key         bytea       NOT NULL PRIMARY KEY,
            accepted_at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS outbox_keys_accepted ON {schema}.outbox_keys (accepted_at);

        INSERT INTO {schema}.outbox_schema (version) VALUES (1) ON CONFLICT (version) DO NOTHING;
        """;
}

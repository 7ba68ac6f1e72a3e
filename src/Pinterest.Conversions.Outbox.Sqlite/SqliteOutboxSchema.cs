namespace Pinterest.Conversions.Outbox.Sqlite;

/// <summary>
/// The outbox's tables, created at start when missing (teams that migrate by hand can take the SQL from this file). Times are Unix milliseconds of the store's clock; a row's state is 0 pending, 1 claimed, 2 sending, 3 parked.
/// </summary>
internal static class SqliteOutboxSchema
{
    /// <summary>The version this code reads and writes; a later version of the file is refused.</summary>
    public const int Version = 1;

    public const string EventsTable = "pinterest_outbox_events";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS pinterest_outbox_schema (version INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS pinterest_outbox_events (
            id                      INTEGER PRIMARY KEY,
            account                 TEXT    NOT NULL,          -- lower-cased key; '' for the default account
            event_name              TEXT    NOT NULL,
            event_id                TEXT    NOT NULL,
            is_offline              INTEGER NOT NULL,
            event_time              INTEGER NOT NULL,          -- Unix seconds, as sent
            report                  BLOB    NOT NULL,          -- PinterestEventReport.Pack: signals, dropped fields; no value
            payload                 BLOB    NOT NULL,          -- the event object as Pinterest is sent it (personal data)
            enqueued_at             INTEGER NOT NULL,
            state                   INTEGER NOT NULL DEFAULT 0,
            due_at                  INTEGER NOT NULL,
            attempts                INTEGER NOT NULL DEFAULT 0,
            first_sent_at           INTEGER NULL,
            may_have_been_processed INTEGER NOT NULL DEFAULT 0,
            lease_token             BLOB    NULL,
            lease_until             INTEGER NULL,
            park_reason             INTEGER NULL,              -- 0 outcome unknown, 1 rejected, 2 expired
            parked_at               INTEGER NULL,
            message                 TEXT    NULL,
            idempotency_key         BLOB    NULL               -- offline events: SHA-256(account, name, id)
        );

        -- Pending events only (partial): due events of an account, one kind at a time, in order; the accounts with
        -- pending events (a loose index scan). A row enters it when added and leaves it when claimed, nothing more.
        CREATE INDEX IF NOT EXISTS pinterest_outbox_events_pending
            ON pinterest_outbox_events (account, is_offline, due_at, id) WHERE state = 0;

        -- Claimed and sending rows by the end of their lease (partial): finding leases that ran out.
        CREATE INDEX IF NOT EXISTS pinterest_outbox_events_leased
            ON pinterest_outbox_events (lease_until) WHERE state IN (1, 2);

        -- Offline idempotency: a fixed-size key and when it was accepted (a unique index on the raw ids could not say
        -- "within the window", and long event ids would bloat it).
        CREATE TABLE IF NOT EXISTS pinterest_outbox_keys (
            key         BLOB    NOT NULL PRIMARY KEY,
            accepted_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        INSERT INTO pinterest_outbox_schema (version)
            SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pinterest_outbox_schema);
        """;
}

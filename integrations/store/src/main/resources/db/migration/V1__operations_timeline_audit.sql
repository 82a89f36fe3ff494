-- Deckhand store, version 1: operations with their steps, the deploy timeline, the audit trail.
-- Later versions add approvals, votes, locks and freeze windows in their own migrations.

CREATE TABLE operation (
    id                 bigserial   PRIMARY KEY,
    kind               text        NOT NULL,
    requester_platform text        NOT NULL,
    requester_id       text        NOT NULL,
    requester_name     text        NOT NULL,
    service            text        NOT NULL DEFAULT '',
    environment        text        NOT NULL DEFAULT '',
    command_text       text        NOT NULL,
    state              text        NOT NULL,
    conversation       text        NOT NULL DEFAULT '',
    message_id         text        NOT NULL DEFAULT '',
    created            timestamptz NOT NULL,
    updated            timestamptz NOT NULL
);

-- Startup asks for the operations still in flight; the states are the words of OperationState.
CREATE INDEX operation_state ON operation (state);

-- One row per planned step; OperationStore.update deletes and re-inserts all of an operation's
-- steps in the transaction that updates the operation row, so readers never see a mix.
CREATE TABLE operation_step (
    operation_id bigint  NOT NULL REFERENCES operation (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    name         text    NOT NULL,
    title        text    NOT NULL,
    state        text    NOT NULL,
    detail       text    NOT NULL DEFAULT '',
    PRIMARY KEY (operation_id, position)
);

CREATE TABLE timeline (
    id             bigserial   PRIMARY KEY,
    operation_id   bigint      NOT NULL,
    kind           text        NOT NULL,
    actor_platform text,
    actor_id       text,
    actor_name     text,
    service        text        NOT NULL,
    environment    text        NOT NULL,
    old_image      text,
    new_image      text        NOT NULL,
    duration_ms    bigint      NOT NULL,
    result         text        NOT NULL,
    at             timestamptz NOT NULL,
    CHECK ((actor_platform IS NULL) = (actor_id IS NULL) AND (actor_id IS NULL) = (actor_name IS NULL))
);

CREATE INDEX timeline_recent ON timeline (service, environment, at DESC, id DESC);

-- The audit trail. seq is assigned by the appender as the previous seq + 1 while it holds a
-- transaction-scoped advisory lock (not by a sequence, which leaves gaps on rollback): a gap therefore
-- means a deleted row. hash = SHA-256 over a canonical encoding of the row and prev_hash (see
-- AuditHash); the first row's prev_hash is 64 zeros. A null actor is the system itself.
CREATE TABLE audit (
    seq            bigint      PRIMARY KEY CHECK (seq > 0),
    at             timestamptz NOT NULL,
    actor_platform text,
    actor_id       text,
    actor_name     text,
    action         text        NOT NULL,
    service        text        NOT NULL DEFAULT '',
    environment    text        NOT NULL DEFAULT '',
    operation_id   bigint,
    detail         text        NOT NULL DEFAULT '',
    prev_hash      char(64)    NOT NULL,
    hash           char(64)    NOT NULL,
    CHECK ((actor_platform IS NULL) = (actor_id IS NULL) AND (actor_id IS NULL) = (actor_name IS NULL))
);

CREATE INDEX audit_service ON audit (service, seq DESC);

-- Append-only: UPDATE, DELETE and TRUNCATE are refused. This stops mistakes, not an attacker: the
-- table owner can disable or drop these triggers. `deckhand audit verify` (AuditVerifier) still
-- detects a row changed, deleted or inserted that way, because it recomputes the hash chain; only
-- a rewrite of the chain from the tampered row onwards (or a cut of the newest rows) escapes it,
-- which is why the newest hash is worth noting outside the database.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();

CREATE TRIGGER audit_no_truncate
    BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

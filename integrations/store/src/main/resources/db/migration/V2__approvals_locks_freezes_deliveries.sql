-- Deckhand store, version 2: what a restarted bot needs to resume an operation (its params),
-- approval requests with their votes, service locks, ad hoc freezes and delivery keys.

-- A flat JSON object of strings: written by OperationStore.create, replaced by updateParams.
ALTER TABLE operation ADD COLUMN params jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(params) = 'object');

-- One approval request per operation. Votes count only while their plan_hash equals the request's:
-- ApprovalStore.replan changes the hash and deletes the older votes in one transaction.
CREATE TABLE approval (
    operation_id bigint      PRIMARY KEY REFERENCES operation (id) ON DELETE CASCADE,
    plan_hash    text        NOT NULL,
    conversation text        NOT NULL,
    message_id   text        NOT NULL DEFAULT '',
    required     integer     NOT NULL CHECK (required >= 0),
    from_role    text,
    expires      timestamptz NOT NULL,
    state        text        NOT NULL
        CHECK (state IN ('pending', 'approved', 'rejected', 'expired', 'cancelled')),
    created      timestamptz NOT NULL
);

-- A reaction arrives with its conversation and message: find the request it is about.
CREATE INDEX approval_message ON approval (conversation, message_id);
CREATE INDEX approval_pending ON approval (created, operation_id) WHERE state = 'pending';

-- One vote per voter and request; a changed vote replaces the earlier one.
CREATE TABLE vote (
    operation_id   bigint      NOT NULL REFERENCES approval (operation_id) ON DELETE CASCADE,
    voter_platform text        NOT NULL,
    voter_id       text        NOT NULL,
    voter_name     text        NOT NULL,
    approve        boolean     NOT NULL,
    plan_hash      text        NOT NULL,
    at             timestamptz NOT NULL,
    UNIQUE (operation_id, voter_platform, voter_id)
);

-- One lock per (service, environment). operation_id 0 is a manual lock (/lock, or a lock kept
-- after a rollback) that stays until /unlock; instance names the bot process that took it.
CREATE TABLE service_lock (
    service        text        NOT NULL,
    environment    text        NOT NULL,
    owner_platform text,
    owner_id       text,
    owner_name     text,
    reason         text        NOT NULL DEFAULT '',
    operation_id   bigint      NOT NULL DEFAULT 0,
    instance       text        NOT NULL DEFAULT '',
    since          timestamptz NOT NULL,
    PRIMARY KEY (service, environment),
    CHECK ((owner_platform IS NULL) = (owner_id IS NULL) AND (owner_id IS NULL) = (owner_name IS NULL))
);

-- The ad hoc freeze of an environment (/freeze prod 2h "peak hours"); a new one replaces it. A
-- row whose until has passed is no longer in force and is replaced or removed by the next command.
-- (FREEZE is a reserved word in PostgreSQL, hence the table's name.)
CREATE TABLE environment_freeze (
    environment text        PRIMARY KEY,
    until       timestamptz NOT NULL,
    by_platform text,
    by_id       text,
    by_name     text,
    reason      text        NOT NULL DEFAULT '',
    CHECK ((by_platform IS NULL) = (by_id IS NULL) AND (by_id IS NULL) = (by_name IS NULL))
);

-- Idempotency keys of chat deliveries. Keys older than a week are pruned by the bot now and then
-- (JdbcDeliveryLog), long after any platform stops retrying or replaying a delivery.
CREATE TABLE delivery (
    key text        PRIMARY KEY,
    at  timestamptz NOT NULL
);

CREATE INDEX delivery_at ON delivery (at);

-- Deckhand store, version 5: the SQL migration files /sql-migrate applied, so that each runs once.
-- A file is known by its name within a database of the catalog in one environment; its SHA-256 is
-- the content that was applied (a file changed afterwards is refused).
CREATE TABLE sql_migration (
    database     text        NOT NULL,
    environment  text        NOT NULL,
    file         text        NOT NULL,
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    operation_id bigint      NOT NULL,
    applied_at   timestamptz NOT NULL,
    PRIMARY KEY (database, environment, file)
);

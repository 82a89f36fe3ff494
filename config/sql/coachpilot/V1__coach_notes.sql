-- CoachPilot: coaches keep private notes per client.
BEGIN;
CREATE TABLE coach_note (
    id         bigserial PRIMARY KEY,
    coach_id   bigint      NOT NULL,
    client_id  bigint      NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coach_note_client ON coach_note (client_id, created_at DESC);
COMMIT;

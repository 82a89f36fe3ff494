-- Channel boards (ADR 0008) posted and not yet closed. A start edits the ones a crash left behind
-- to say so and deletes their rows; a board closed normally deletes its own row.
CREATE TABLE board (
    conversation text        NOT NULL,
    message_id   text        NOT NULL,
    opened_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (conversation, message_id)
);

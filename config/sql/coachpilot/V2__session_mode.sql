-- CoachPilot: a session is held in person or by video; existing sessions were in person.
BEGIN;
ALTER TABLE coaching_session ADD COLUMN mode text NOT NULL DEFAULT 'in-person'
    CHECK (mode IN ('in-person', 'video'));
COMMIT;

-- Deckhand store, version 4: people. An actor is a person of the catalog's people: section, or, for
-- an id that maps to no person, a person of its own named platform:id.

-- The person of the audit row's actor. Null on rows written before this version (and on system
-- rows): those keep their deckhand-audit-v1 hash; rows with a person are hashed as
-- deckhand-audit-v2, which covers the person too (see AuditHash).
ALTER TABLE audit ADD COLUMN actor_person text;
ALTER TABLE audit ADD CONSTRAINT audit_person_has_actor
    CHECK (actor_person IS NULL OR actor_platform IS NOT NULL);

-- One vote per person and request, from whichever platform: bob voting from Slack and from Discord
-- is one vote. Votes stored before were per platform id, each its own person.
ALTER TABLE vote ADD COLUMN voter_person text;
UPDATE vote SET voter_person = voter_platform || ':' || voter_id;
ALTER TABLE vote ALTER COLUMN voter_person SET NOT NULL;
ALTER TABLE vote DROP CONSTRAINT vote_operation_id_voter_platform_voter_id_key;
ALTER TABLE vote ADD CONSTRAINT vote_one_per_person UNIQUE (operation_id, voter_person);

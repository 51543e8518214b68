-- What an operation's steps act on, frozen when the plan is made (namespace, router, objects,
-- metric checks ...) and hashed with the steps: a catalogue changed later does not change a plan
-- in flight. Operations recorded before this column have an empty context.
ALTER TABLE operation ADD COLUMN context JSONB NOT NULL DEFAULT '{}';

-- The first post of an operation's live message is claimed with a token: only the holder of the
-- current claim may record the message's ts, so a poster whose claim was taken over never
-- overwrites it (and deletes its own message instead).
ALTER TABLE operation ADD COLUMN message_claim_token UUID;

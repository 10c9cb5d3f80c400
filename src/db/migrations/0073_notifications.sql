-- Notifications of new mail and of the domiciliation's end (issue 19, decision 0035).
-- Consent is a date, not a flag: the record keeps when the person agreed. Withdrawing it sets NULL
-- and cancels, in the same transaction, whatever was waiting for that channel.
ALTER TABLE domicilies ADD COLUMN notify_email_consent_at timestamptz;
ALTER TABLE domicilies ADD COLUMN notify_sms_consent_at timestamptz;
-- Switched off by the person from the portal; nothing is sent while set.
ALTER TABLE domicilies ADD COLUMN notify_paused_at timestamptz;
-- The hour (structure's time zone) the day's mail notice goes; NULL = after the grouping delay.
ALTER TABLE structures ADD COLUMN notification_hour smallint CHECK (notification_hour BETWEEN 0 AND 23);

-- The durable outbox: a row is written in the same transaction as what it tells (the mail event),
-- so a message is never promised without its cause nor its cause recorded without the message.
-- The worker claims due rows (FOR UPDATE SKIP LOCKED), pushes next_attempt_at forward as a lease
-- while it sends outside any transaction, then marks the row sent; a crash between the send and
-- the mark lets the lease expire and the row be sent again (at least once, never lost).
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- No key to the structure alone: it would lock the structure's row in every reception (0055).
  structure_id uuid NOT NULL,
  domicilie_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  kind text NOT NULL CHECK (kind IN ('courrier', 'echeance_proche', 'echeance_passee', 'confirmation_email')),
  -- At most one message per group (a person, a channel and a day for mail): the grouping and the
  -- daily sweep's idempotency both rest on this constraint.
  group_key text NOT NULL UNIQUE CHECK (char_length(group_key) <= 200),
  -- Only a confirmation goes to an address that is not (yet) the record's own.
  address text CHECK (char_length(address) <= 320),
  -- What the message needs beyond the record (e.g. a confirmation token); erased once sent.
  payload jsonb,
  state text NOT NULL DEFAULT 'en_attente' CHECK (state IN ('en_attente', 'envoyee', 'echec', 'annulee')),
  send_after timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- A code the staff dictionary words, with a short technical detail never holding personal data.
  last_error text CHECK (char_length(last_error) <= 300),
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (domicilie_id, structure_id) REFERENCES domicilies (id, structure_id) ON DELETE CASCADE,
  CHECK ((state = 'envoyee') = (sent_at IS NOT NULL))
);
-- The worker's only question: what is due now.
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE state = 'en_attente';
-- The fiche's list and the cancellations of a person.
CREATE INDEX notifications_domicilie_idx ON notifications (domicilie_id, created_at DESC);
-- « Ma structure »: the month's count of messages sent.
CREATE INDEX notifications_sent_idx ON notifications (structure_id, sent_at) WHERE state = 'envoyee';

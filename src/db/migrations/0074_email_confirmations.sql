-- A new e-mail address given by the person on the portal (issue 19). It replaces the record's
-- address only once the person opens the link sent to it, so a typing mistake never sends the
-- notices to a stranger. Only the token's hash is kept: the database alone cannot confirm.
-- Each request is a row, so the rows of the last hour are also the rate limit of the requests.
CREATE TABLE email_confirmations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  domicilie_id uuid NOT NULL REFERENCES domicilies (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (char_length(email) <= 254),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  -- A later request of the same person: this link no longer counts.
  replaced_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX email_confirmations_domicilie ON email_confirmations (domicilie_id, created_at);

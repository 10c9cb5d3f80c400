-- Portal accounts of domiciliés, their logins and the short-lived access documents.
CREATE TABLE portal_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  domicilie_id uuid NOT NULL UNIQUE REFERENCES domicilies (id) ON DELETE CASCADE,
  login text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  password_is_temporary boolean NOT NULL DEFAULT true,
  temporary_password_expires_at timestamptz,
  enabled boolean NOT NULL DEFAULT true,
  failed_login_count integer NOT NULL DEFAULT 0,
  failed_login_window_start timestamptz,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_by uuid REFERENCES staff_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_accounts_structure_idx ON portal_accounts (structure_id);

CREATE TABLE portal_logins (
  id bigserial PRIMARY KEY,
  structure_id uuid NOT NULL REFERENCES structures (id),
  domicilie_id uuid NOT NULL REFERENCES domicilies (id) ON DELETE CASCADE,
  logged_in_at timestamptz NOT NULL DEFAULT now(),
  -- Whether the structure counted this login as a visit when it happened (its setting may change later).
  counts_as_visit boolean NOT NULL DEFAULT false
);
CREATE INDEX portal_logins_domicilie_idx ON portal_logins (domicilie_id, logged_in_at DESC);

-- The clear temporary password is never stored: only the generated document, encrypted
-- (AES-256-GCM with the server key) and deleted after 15 minutes.
CREATE TABLE portal_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  portal_account_id uuid NOT NULL REFERENCES portal_accounts (id) ON DELETE CASCADE,
  created_by uuid REFERENCES staff_users (id),
  file_name text NOT NULL,
  iv bytea NOT NULL,
  auth_tag bytea NOT NULL,
  ciphertext bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX portal_documents_account_idx ON portal_documents (portal_account_id, expires_at DESC);

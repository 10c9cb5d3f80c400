-- Failed logins are counted in the database, so every process on one PostgreSQL sees the same
-- counts, and one statement adds each attempt, so parallel attempts cannot be lost (decision 0018).
-- Per identifier typed, whether an account has it or not: only the SHA-256 of the normalised
-- identifier is kept, so a mistyped e-mail or a password typed in the wrong field is not stored.
CREATE TABLE login_failures (
  kind text NOT NULL CHECK (kind IN ('staff', 'portal')),
  identifier_key text NOT NULL,
  failures integer NOT NULL,
  window_start timestamptz NOT NULL,
  locked_until timestamptz,
  PRIMARY KEY (kind, identifier_key)
);

-- Failed logins per address and minute (the address is kept as a hash too).
CREATE TABLE login_address_failures (
  address_key text NOT NULL,
  minute timestamptz NOT NULL,
  failures integer NOT NULL,
  PRIMARY KEY (address_key, minute)
);

-- An administrateur's password reset: who asked and when, told to the owner at their next login.
ALTER TABLE staff_users
  ADD COLUMN password_reset_by uuid REFERENCES staff_users (id),
  ADD COLUMN password_reset_at timestamptz,
  ADD COLUMN password_reset_notice boolean NOT NULL DEFAULT false;

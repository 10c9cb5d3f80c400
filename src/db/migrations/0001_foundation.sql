-- Structures, staff, sessions and the audit log.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE; indexes need an IMMUTABLE wrapper with its dictionary pinned.
CREATE FUNCTION search_normalize(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

CREATE TABLE structures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('ccas', 'cias', 'association')),
  street text NOT NULL,
  postcode text NOT NULL,
  city text NOT NULL,
  phone text,
  email text,
  opening_hours text,
  timezone text NOT NULL DEFAULT 'Europe/Paris',
  portal_enabled boolean NOT NULL DEFAULT false,
  portal_login_updates_last_visit boolean NOT NULL DEFAULT false,
  last_dossier_number integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  email text NOT NULL,
  nom text NOT NULL,
  prenom text NOT NULL,
  role text NOT NULL CHECK (role IN ('administrateur', 'gestionnaire', 'instructeur', 'facteur')),
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  failed_login_count integer NOT NULL DEFAULT 0,
  failed_login_window_start timestamptz,
  locked_until timestamptz,
  activation_token_hash text,
  activation_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email));
CREATE INDEX staff_users_structure_idx ON staff_users (structure_id, nom, prenom);
CREATE UNIQUE INDEX staff_users_activation_key ON staff_users (activation_token_hash)
  WHERE activation_token_hash IS NOT NULL;

-- Staff and portal sessions share one mechanism; only the hash of the cookie value is stored.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('staff', 'portal')),
  subject_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_subject_idx ON sessions (kind, subject_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  structure_id uuid REFERENCES structures (id),
  actor_type text NOT NULL CHECK (actor_type IN ('staff', 'portal', 'system', 'anonymous')),
  actor_id uuid,
  action text NOT NULL,
  target_type text,
  target_id uuid,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_structure_idx ON audit_log (structure_id, created_at DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target_id, created_at DESC) WHERE target_id IS NOT NULL;

-- Domiciliés, their decisions, their mail and the people who may collect it.
CREATE TABLE domicilies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  dossier_number integer NOT NULL,
  custom_ref text,
  nom text NOT NULL,
  prenom text NOT NULL,
  surnom text,
  sexe text CHECK (sexe IN ('femme', 'homme', 'autre')),
  birth_date date NOT NULL,
  birth_place text,
  nationality text,
  language text,
  phone text,
  email text,
  -- Current state, derived from decisions and kept in the same transaction as them.
  status text NOT NULL DEFAULT 'instruction'
    CHECK (status IN ('instruction', 'a_valider', 'valide', 'refuse', 'radie')),
  start_date date,
  end_date date,
  last_visit_at timestamptz,
  -- Waiting mail counts, kept exact in the same transaction as courrier_items.
  waiting_courrier integer NOT NULL DEFAULT 0 CHECK (waiting_courrier >= 0),
  waiting_colis integer NOT NULL DEFAULT 0 CHECK (waiting_colis >= 0),
  waiting_avis_passage integer NOT NULL DEFAULT 0 CHECK (waiting_avis_passage >= 0),
  search_text text GENERATED ALWAYS AS (search_normalize(nom || ' ' || prenom || ' ' || coalesce(surnom, ''))) STORED,
  created_by uuid REFERENCES staff_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (structure_id, dossier_number)
);
CREATE INDEX domicilies_search_trgm_idx ON domicilies USING gin (search_text gin_trgm_ops);
CREATE INDEX domicilies_structure_name_idx ON domicilies (structure_id, search_text, id);
CREATE INDEX domicilies_structure_birth_idx ON domicilies (structure_id, birth_date);

CREATE TABLE ayants_droit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  domicilie_id uuid NOT NULL REFERENCES domicilies (id) ON DELETE CASCADE,
  nom text NOT NULL,
  prenom text NOT NULL,
  birth_date date,
  lien text NOT NULL CHECK (lien IN ('conjoint', 'enfant', 'parent', 'autre'))
);
CREATE INDEX ayants_droit_domicilie_idx ON ayants_droit (domicilie_id);

CREATE TABLE decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  domicilie_id uuid NOT NULL REFERENCES domicilies (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('instruction', 'a_valider', 'valide', 'refuse', 'radie')),
  is_renewal boolean NOT NULL DEFAULT false,
  start_date date,
  end_date date,
  motif text,
  motif_text text,
  orientation text,
  created_by uuid REFERENCES staff_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES staff_users (id)
);
CREATE INDEX decisions_domicilie_idx ON decisions (domicilie_id, created_at DESC);

CREATE TABLE procurations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  domicilie_id uuid NOT NULL REFERENCES domicilies (id) ON DELETE CASCADE,
  nom text NOT NULL,
  prenom text NOT NULL,
  birth_date date,
  start_date date NOT NULL,
  end_date date NOT NULL,
  created_by uuid REFERENCES staff_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX procurations_domicilie_idx ON procurations (domicilie_id);

CREATE TABLE transferts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  domicilie_id uuid NOT NULL UNIQUE REFERENCES domicilies (id) ON DELETE CASCADE,
  recipient_name text NOT NULL,
  address text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  created_by uuid REFERENCES staff_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);

CREATE TABLE courrier_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  domicilie_id uuid NOT NULL REFERENCES domicilies (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('reception', 'hand_out', 'return_to_sender', 'transfer', 'visit', 'call')),
  courrier integer NOT NULL DEFAULT 0,
  colis integer NOT NULL DEFAULT 0,
  avis_passage integer NOT NULL DEFAULT 0,
  comment text,
  recipient text CHECK (recipient IN ('domicilie', 'mandataire')),
  procuration_id uuid REFERENCES procurations (id) ON DELETE SET NULL,
  created_by uuid REFERENCES staff_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz,
  undone_by uuid REFERENCES staff_users (id)
);
CREATE INDEX courrier_events_domicilie_idx ON courrier_events (domicilie_id, created_at DESC, id);

-- One row per type and reception; released when handed out, returned or forwarded.
CREATE TABLE courrier_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  domicilie_id uuid NOT NULL REFERENCES domicilies (id) ON DELETE CASCADE,
  reception_event_id uuid NOT NULL REFERENCES courrier_events (id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('courrier', 'colis', 'avis_passage')),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
  comment text,
  received_at timestamptz NOT NULL DEFAULT now(),
  released_event_id uuid REFERENCES courrier_events (id)
);
CREATE INDEX courrier_items_waiting_idx ON courrier_items (domicilie_id, received_at DESC) WHERE released_event_id IS NULL;
CREATE INDEX courrier_items_released_idx ON courrier_items (released_event_id) WHERE released_event_id IS NOT NULL;

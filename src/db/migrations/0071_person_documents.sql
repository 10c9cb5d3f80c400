-- A person's documents, uploaded by staff on the fiche (issue 19). The bytes live in the database,
-- sealed with the server's key (AES-256-GCM, bound to the row): the backup (decision 0021) copies
-- them with the rest, a copy of the database alone never reveals them, and no public folder ever
-- holds them (decision 0034).
CREATE TABLE person_documents (
  id uuid PRIMARY KEY,
  structure_id uuid NOT NULL REFERENCES structures (id),
  domicilie_id uuid NOT NULL,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size integer NOT NULL CHECK (size > 0 AND size <= 10485760),
  sealed_iv bytea NOT NULL,
  sealed_tag bytea NOT NULL,
  sealed_content bytea NOT NULL,
  -- « Visible sur le portail »: the person sees and downloads it in « Mes documents ».
  shared boolean NOT NULL DEFAULT false,
  uploaded_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A document cannot hang on another structure's person; it goes with the record.
  FOREIGN KEY (domicilie_id, structure_id) REFERENCES domicilies (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX person_documents_domicilie_idx ON person_documents (domicilie_id, created_at DESC);
-- Sealed bytes do not compress: stored out of line without trying to (no work spent at each upload).
ALTER TABLE person_documents ALTER COLUMN sealed_content SET STORAGE EXTERNAL;

-- A structure's spreadsheet imported (issue 17). The uploaded file is personal data: it is kept
-- only sealed (AES-256-GCM with the server's key, like the portal's documents), and only while
-- the import needs it: its bytes leave the row once the import is done, failed or abandoned,
-- and after a few hours at most (housekeeping). The row itself stays, without the file, so the
-- result page and the audit can be read later; it holds counts and cell problems, never a row
-- of the file (a problem quotes the faulty cell, which the report page shows to the same staff).
CREATE TABLE imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id),
  created_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  file_name text NOT NULL CHECK (char_length(file_name) <= 255),
  file_size integer NOT NULL CHECK (file_size >= 0),
  sealed_iv bytea,
  sealed_tag bytea,
  sealed_file bytea,
  state text NOT NULL CHECK (state IN ('checking', 'refused', 'ready', 'writing', 'done', 'failed', 'abandoned')),
  -- What the row reading or writing has reached, for the progress bar.
  progress_done integer NOT NULL DEFAULT 0,
  progress_total integer,
  row_count integer NOT NULL DEFAULT 0,
  problem_count integer NOT NULL DEFAULT 0,
  -- The first problems (bounded by the application), shown on the report page; the whole list is
  -- rebuilt from the file for the downloaded report while the file is kept.
  problems jsonb,
  -- The preview's counts and first rows, then the result's counts.
  summary jsonb,
  result jsonb,
  failure text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK ((sealed_file IS NULL) = (sealed_iv IS NULL) AND (sealed_file IS NULL) = (sealed_tag IS NULL)),
  CHECK (state IN ('checking', 'ready', 'writing', 'refused') OR sealed_file IS NULL)
);
-- One import at a time per structure: two uploads at once, or a confirmation while a file is
-- being checked, meet here and one of them is refused, on one process or several.
CREATE UNIQUE INDEX imports_one_running_idx ON imports (structure_id) WHERE state IN ('checking', 'writing');
CREATE INDEX imports_structure_idx ON imports (structure_id, created_at DESC);
-- Housekeeping finds the files still held.
CREATE INDEX imports_holding_file_idx ON imports (updated_at) WHERE sealed_file IS NOT NULL;

-- The people an import created: marked, so the list of an import can be found (and its rows told
-- from those typed at the desk).
ALTER TABLE domicilies ADD COLUMN import_id uuid REFERENCES imports (id) ON DELETE SET NULL;
CREATE INDEX domicilies_import_idx ON domicilies (import_id) WHERE import_id IS NOT NULL;
-- The structure's own ID (column A): found by the search and by a second import of the same file.
CREATE INDEX domicilies_custom_ref_idx ON domicilies (structure_id, lower(custom_ref));

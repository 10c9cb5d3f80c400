-- Issue 16: a decision carries the day it was taken, distinct from when it was recorded
-- (created_at); the official forms print that day. Deciders may correct it later, and each
-- correction is kept. Existing decisions were taken the day they were recorded, in the
-- structure's time zone (a decision recorded at 23:30 UTC in summer was taken the next day in Paris).
ALTER TABLE decisions ADD COLUMN decided_on date;

UPDATE decisions AS d SET decided_on = (d.created_at AT TIME ZONE s.timezone)::date FROM structures AS s WHERE s.id = d.structure_id AND d.decided_on IS NULL;

-- No default: only the application knows the structure's « today »; an insert that forgets the day fails.
ALTER TABLE decisions ALTER COLUMN decided_on SET NOT NULL;

-- Where a refused person was sent, as a code the yearly report can count, next to the free text
-- (the precise place, « CCAS de Villeurbanne »). NULL is « non renseignée ».
ALTER TABLE decisions
  ADD COLUMN orientation_code text CHECK (orientation_code IN ('CCAS_CIAS', 'ORGANISME_AGREE', 'SERVICE_SOCIAL', 'AUTRE')),
  ADD CONSTRAINT decisions_orientation_of_refusal CHECK (status = 'refuse' OR orientation_code IS NULL);

CREATE TABLE decision_date_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  decision_id uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  structure_id uuid NOT NULL REFERENCES structures (id),
  previous date NOT NULL,
  new date NOT NULL,
  changed_by uuid REFERENCES staff_users (id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decision_date_changes_decision_idx ON decision_date_changes (decision_id, changed_at);

-- The date of first domiciliation in the structure, when it was given (the spreadsheet import of a
-- structure's earlier files); otherwise it is derived from the decisions.
ALTER TABLE domicilies ADD COLUMN first_domiciliation_on date;

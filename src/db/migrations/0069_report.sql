-- The yearly activity report (issue 18).

-- The structure's own answers to the questionnaire, entered once a year and kept per year. Every
-- answer may stay empty (« non renseigné »); amounts in whole euros, FTE with two decimals.
CREATE TABLE report_answers (
  structure_id uuid NOT NULL REFERENCES structures (id),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
  waiting_list boolean,
  mean_waiting_days integer CHECK (mean_waiting_days BETWEEN 0 AND 3650),
  fte_staff numeric(7, 2) CHECK (fte_staff BETWEEN 0 AND 10000),
  fte_volunteers numeric(7, 2) CHECK (fte_volunteers BETWEEN 0 AND 10000),
  staff_cost bigint CHECK (staff_cost BETWEEN 0 AND 1000000000000),
  total_cost bigint CHECK (total_cost BETWEEN 0 AND 1000000000000),
  updated_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (structure_id, year)
);

-- The state of every person at a day: the latest effective decision of each, read in the order
-- of report.repository.ts (validAt) without sorting the structure's whole history.
CREATE INDEX decisions_report_state_idx ON decisions (structure_id, domicilie_id, decided_on DESC, created_at DESC, id DESC)
  INCLUDE (status, is_renewal)
  WHERE cancelled_at IS NULL;

-- The decisions taken during a period, read from the index alone.
CREATE INDEX decisions_report_day_idx ON decisions (structure_id, decided_on)
  INCLUDE (status, is_renewal, motif, domicilie_id)
  WHERE cancelled_at IS NULL;

-- The mail events of a period, month by month, read from the index alone: a large structure
-- records about a million events a year, and a structure's events were only reachable by person.
CREATE INDEX courrier_events_report_idx ON courrier_events (structure_id, created_at)
  INCLUDE (kind, courrier, colis, avis_passage)
  WHERE undone_at IS NULL;

-- Whether a person had an event during a period (the persons concerned), from the index alone.
CREATE INDEX courrier_events_person_day_idx ON courrier_events (domicilie_id, created_at) WHERE undone_at IS NULL;

-- The portal logins of a period.
CREATE INDEX portal_logins_report_idx ON portal_logins (structure_id, logged_in_at) INCLUDE (domicilie_id);

-- « Messages aux domiciliés » (issue 19): a short text the structure's staff publish for a period
-- (« Fermeture exceptionnelle le 24 décembre »), shown on every portal home of the structure and
-- on the staff home from its first day to its last day inclusive. The days are calendar days in
-- the structure's time zone, so they are plain dates: which day « today » is, the application
-- decides from the structure's zone. Not personal data: it is written for everyone.
CREATE TABLE structure_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  structure_id uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 500),
  start_date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= start_date),
  created_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  updated_at timestamptz
);

-- Each portal home asks for the messages whose period holds today: the structure, then the end
-- (every message not yet ended), the start checked on the few rows left.
CREATE INDEX structure_messages_current_idx ON structure_messages (structure_id, end_date, start_date);

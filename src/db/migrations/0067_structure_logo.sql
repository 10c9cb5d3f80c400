-- The structure's logo, printed at the head of its letters (issue 16). Not personal data: the
-- emblem of an organisation, shown to anyone who receives its mail. A table of its own so that
-- the structure's row, read and updated all day, never carries up to a megabyte of image.
-- The bytes are checked (PNG or JPEG, dimensions read from the file) before they are stored.
CREATE TABLE structure_logos (
  structure_id uuid PRIMARY KEY REFERENCES structures (id) ON DELETE CASCADE,
  content bytea NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
  size integer NOT NULL CHECK (size > 0 AND size <= 1048576 AND size = octet_length(content)),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  uploaded_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);

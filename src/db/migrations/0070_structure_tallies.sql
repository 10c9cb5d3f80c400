-- The staff home page's figures of a large structure (issue 18): how many people are valide and
-- how much mail waits. Counting 50,000 records on every home page cost 25 ms of database time;
-- these counts are instead kept as they change, by the database itself, whichever service
-- changes a record (decision 0033).
--
-- Each change appends a row of differences rather than updating one row per structure: one row
-- would be locked by every reception until its transaction ends, and by an import for its whole
-- length. The housekeeping folds a structure's rows into one every ten minutes.
CREATE TABLE structure_tallies (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  structure_id uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  valide integer NOT NULL,
  mail_people integer NOT NULL,
  mail_items bigint NOT NULL
);
CREATE INDEX structure_tallies_structure_idx ON structure_tallies (structure_id) INCLUDE (valide, mail_people, mail_items);

CREATE FUNCTION structure_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  valide integer := 0;
  mail_people integer := 0;
  mail_items bigint := 0;
  waiting integer;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    waiting := OLD.waiting_courrier + OLD.waiting_colis + OLD.waiting_avis_passage;
    valide := valide - (OLD.status = 'valide')::integer;
    mail_people := mail_people - (waiting > 0)::integer;
    mail_items := mail_items - waiting;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    waiting := NEW.waiting_courrier + NEW.waiting_colis + NEW.waiting_avis_passage;
    valide := valide + (NEW.status = 'valide')::integer;
    mail_people := mail_people + (waiting > 0)::integer;
    mail_items := mail_items + waiting;
  END IF;
  IF valide <> 0 OR mail_people <> 0 OR mail_items <> 0 THEN
    INSERT INTO structure_tallies (structure_id, valide, mail_people, mail_items)
    VALUES (coalesce(NEW.structure_id, OLD.structure_id), valide, mail_people, mail_items);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER structure_tallies_on_insert_or_delete AFTER INSERT OR DELETE ON domicilies
  FOR EACH ROW EXECUTE FUNCTION structure_tallies_follow();
CREATE TRIGGER structure_tallies_on_update AFTER UPDATE OF status, waiting_courrier, waiting_colis, waiting_avis_passage ON domicilies
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
    OR OLD.waiting_courrier + OLD.waiting_colis + OLD.waiting_avis_passage <> NEW.waiting_courrier + NEW.waiting_colis + NEW.waiting_avis_passage)
  EXECUTE FUNCTION structure_tallies_follow();

INSERT INTO structure_tallies (structure_id, valide, mail_people, mail_items)
SELECT structure_id,
  count(*) FILTER (WHERE status = 'valide'),
  count(*) FILTER (WHERE waiting_courrier + waiting_colis + waiting_avis_passage > 0),
  sum(waiting_courrier + waiting_colis + waiting_avis_passage)
FROM domicilies
GROUP BY structure_id;

-- The échéances of the next weeks among the valide, read from an index alone.
CREATE INDEX domicilies_valide_end_idx ON domicilies (structure_id, end_date) WHERE status = 'valide';

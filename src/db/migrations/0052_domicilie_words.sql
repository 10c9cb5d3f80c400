-- The words of each domicilié's name (nom, prénom, surnom), normalised like search_text, with
-- search_text beside them so a search by the start of a word reads this index alone, in name
-- order, and fetches only the rows of the page it shows (docs/decisions/0009-search-by-word-start.md).
-- Measured on the `large` benchmark: « mart » 0.7 ms instead of 2.8 to 4.2 ms through the
-- trigram or name-order indexes, which read every match or every name before it.
CREATE TABLE domicilie_words (
  structure_id uuid NOT NULL,
  word text COLLATE "C" NOT NULL,
  search_text text COLLATE "C" NOT NULL,
  domicilie_id uuid NOT NULL REFERENCES domicilies(id) ON DELETE CASCADE,
  PRIMARY KEY (structure_id, word, search_text, domicilie_id)
);
CREATE INDEX domicilie_words_domicilie_idx ON domicilie_words (domicilie_id);

-- Words start the name or follow a space, a hyphen or an apostrophe, as in the search patterns.
CREATE FUNCTION name_words(search_text text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT DISTINCT word FROM regexp_split_to_table(search_text, '[ ''-]+') AS word WHERE word <> '' $$;

-- New rows, one statement at a time (a bulk import writes its words in one pass).
CREATE FUNCTION domicilie_words_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO domicilie_words (structure_id, word, search_text, domicilie_id)
  SELECT n.structure_id, w, n.search_text, n.id FROM inserted n, name_words(n.search_text) AS w;
  RETURN NULL;
END $$;
CREATE TRIGGER domicilie_words_insert AFTER INSERT ON domicilies
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION domicilie_words_after_insert();

-- A changed name: only when nom, prénom or surnom are written, never for mail counts.
CREATE FUNCTION domicilie_words_after_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.search_text IS DISTINCT FROM OLD.search_text THEN
    DELETE FROM domicilie_words WHERE domicilie_id = NEW.id;
    INSERT INTO domicilie_words (structure_id, word, search_text, domicilie_id)
    SELECT NEW.structure_id, w, NEW.search_text, NEW.id FROM name_words(NEW.search_text) AS w;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER domicilie_words_rename AFTER UPDATE OF nom, prenom, surnom ON domicilies
  FOR EACH ROW EXECUTE FUNCTION domicilie_words_after_rename();

INSERT INTO domicilie_words (structure_id, word, search_text, domicilie_id)
SELECT d.structure_id, w, d.search_text, d.id FROM domicilies d, name_words(d.search_text) AS w;

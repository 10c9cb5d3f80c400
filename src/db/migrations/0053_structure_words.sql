-- The distinct words of the names of each structure, with how many people have them in their name
-- (docs/decisions/0010-letters-inside-names.md). Letters from inside a name (« ranc »,
-- « erre ») are looked up among these few words, then the people through domicilie_words'
-- primary key, instead of reading every matching name: on the `large` benchmark the trigram
-- or name-order scan of domicilies took 3 to 10 ms for letters found in 1,300 names.
-- The count is kept exact by the triggers below under the row's lock, so a word leaves the
-- table with its last name (names are personal data) and concurrent writers queue.
CREATE TABLE structure_words (
  structure_id uuid NOT NULL,
  word text COLLATE "C" NOT NULL,
  people integer NOT NULL CHECK (people >= 0),
  PRIMARY KEY (structure_id, word)
);
CREATE INDEX structure_words_trgm_idx ON structure_words USING gin (structure_id, word gin_trgm_ops);

-- Words added and removed, one statement at a time. New words are inserted in word order; an
-- upsert waits for a concurrent removal and inserts again if that removal took the word away.
CREATE FUNCTION structure_words_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO structure_words AS s (structure_id, word, people)
  SELECT structure_id, word, count(*) FROM added GROUP BY structure_id, word ORDER BY structure_id, word
  ON CONFLICT (structure_id, word) DO UPDATE SET people = s.people + EXCLUDED.people;
  RETURN NULL;
END $$;
CREATE TRIGGER structure_words_insert AFTER INSERT ON domicilie_words
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION structure_words_after_insert();

-- Removed words are locked in word order, counted down, and deleted with their last name.
CREATE FUNCTION structure_words_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM structure_words s WHERE (s.structure_id, s.word) IN (SELECT structure_id, word FROM removed)
    ORDER BY s.structure_id, s.word FOR UPDATE;
  UPDATE structure_words s SET people = s.people - r.n
    FROM (SELECT structure_id, word, count(*) AS n FROM removed GROUP BY structure_id, word) r
    WHERE s.structure_id = r.structure_id AND s.word = r.word;
  DELETE FROM structure_words s WHERE s.people = 0 AND (s.structure_id, s.word) IN (SELECT structure_id, word FROM removed);
  RETURN NULL;
END $$;
CREATE TRIGGER structure_words_delete AFTER DELETE ON domicilie_words
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION structure_words_after_delete();

INSERT INTO structure_words (structure_id, word, people)
SELECT structure_id, word, count(*) FROM domicilie_words GROUP BY structure_id, word;

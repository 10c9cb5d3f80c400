-- Search by name fragment inside one structure (docs/decisions/0003-benchmark.md, README « Performance »).
-- Measured on the `large` benchmark (a structure of 50,000 among 1,000,000 domiciliés): a
-- fragment such as « thom » walked the structure's whole slice of domicilies_list_idx
-- (50,000 entries), 8.5 ms with an up-to-date visibility map and 17 to 60 ms once mail
-- updates had cleared it. The global trigram index cannot help: it returns the matches of
-- every structure (13,163 for « thom »). A trigram index led by structure_id returns only
-- the structure's matches: « thom » 1.7 ms, « mar » 4.8 ms, « helene » 1.2 ms.
-- btree_gin is a contrib extension of PostgreSQL and is loaded by PGlite (src/db/database.ts).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX domicilies_structure_search_trgm_idx ON domicilies USING gin (structure_id, search_text gin_trgm_ops);
-- Every search is scoped to one structure: the global trigram index would only cost writes.
DROP INDEX IF EXISTS domicilies_search_trgm_idx;

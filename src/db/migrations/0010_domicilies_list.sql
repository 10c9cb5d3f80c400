-- The list and search of domiciliés (src/modules/domicilies/search.repository.ts).
-- One covering index per structure in name order: the default list, every filter and the
-- search by a frequent name read it alone (index-only scan, stopping after one page), and
-- its worst case is bounded by the size of one structure, never by the whole table.
-- COLLATE "C": search_text is already lower-case without accents, so byte order is
-- alphabetical order, the same on every server whatever its default collation.
-- Rare names go through the structure-scoped trigram index (migration 0050).
DROP INDEX IF EXISTS domicilies_structure_name_idx;
CREATE INDEX domicilies_list_idx ON domicilies (structure_id, search_text COLLATE "C", id)
  INCLUDE (status, end_date, last_visit_at, waiting_courrier, waiting_colis, waiting_avis_passage);

-- The list « dernier passage » with a status (docs/decisions/0012-list-by-last-visit.md): when
-- few people match, they are found by domicilies_passage_idx, then sorted by name. The index
-- now carries the name key too, so they are sorted without reading the table. It also decides
-- the plan kept on the connection: without the name key, the generic plan preferred the name
-- index, read whole (on the `large` benchmark: 10.7 ms instead of 0.3 ms).
DROP INDEX domicilies_passage_idx;
CREATE INDEX domicilies_passage_idx ON domicilies (structure_id, status, (coalesce(last_visit_at, '-infinity'::timestamptz))) INCLUDE (last_visit_at, search_text);

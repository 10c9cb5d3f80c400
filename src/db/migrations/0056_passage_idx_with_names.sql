-- The list « dernier passage » with a status (docs/decisions/0012-list-by-last-visit.md): when
-- few people match, they are found by domicilies_passage_idx, then sorted by name. The index
-- now carries their name key and id too, so they are sorted from it alone, without reading
-- the table (444 people: 2.3 ms → 0.1 ms). It also decides the plan kept on the connection:
-- without them, the generic plan preferred the name index, read whole (10.7 ms on `large`).
DROP INDEX domicilies_passage_idx;
CREATE INDEX domicilies_passage_idx ON domicilies (structure_id, status, (coalesce(last_visit_at, '-infinity'::timestamptz))) INCLUDE (last_visit_at, search_text, id);

-- The list « dernier passage depuis plus de N mois » (docs/decisions/0012-list-by-last-visit.md).
-- Read in name order, the filter had to look at every person of the structure when few match
-- (on the `large` benchmark, 2 of 35,000 valid people: 9 ms alone, 36 ms at concurrency 8).
-- This index finds the people not seen since a date directly, per status; a never-seen person
-- (no date) sorts first. The search writes the condition with the same expression. The date
-- itself is carried too: PostgreSQL answers from an index alone only if it holds the columns of
-- its expressions, and the people are counted this way.
CREATE INDEX domicilies_passage_idx ON domicilies (structure_id, status, (coalesce(last_visit_at, '-infinity'::timestamptz))) INCLUDE (last_visit_at);

-- The « Domiciliés » list sorted by échéance or by last visit (issue 15): each order has its
-- index per structure, so a page is read in order instead of sorting every match.
-- Ascending: the nearest échéance first, records without one (not valide) last; the longest
-- without a visit first, never-seen people before everyone; on the same day, in name order.
CREATE INDEX domicilies_end_date_idx ON domicilies (structure_id, end_date, search_text COLLATE "C", id);
CREATE INDEX domicilies_seen_idx ON domicilies (structure_id, (coalesce(last_visit_at, '-infinity'::timestamptz)), search_text COLLATE "C", id);

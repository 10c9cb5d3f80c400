-- Every mail event rewrites a domicilié's row (its waiting counts, its last visit). The
-- « Domiciliés » list reads its indexes alone only while the table's visibility map says its
-- pages are clean; PostgreSQL's default waits for a fifth of the table to change before it
-- vacuums: 200,000 updates on a million people, days of mail. Measured on `large` after
-- 22,000 receptions and hand-outs: the list took 1.18 ms of PostgreSQL instead of 0.46, and its
-- p95 went from 10 to 17.5 ms at concurrency 8. Vacuum after 1 % instead (10,000 rows here;
-- each vacuum only reads the pages that changed, and the indexes). PGlite has no autovacuum:
-- the application's housekeeping vacuums this table every ten minutes there.
ALTER TABLE domicilies SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);

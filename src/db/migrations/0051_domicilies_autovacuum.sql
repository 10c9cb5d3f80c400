-- Every mail event rewrites its domicilié's row (exact waiting counts, last visit). With the
-- default 20 % threshold a 1,000,000-row table waits for 200,000 dead rows before autovacuum,
-- and the benchmark saw searches cost 2.7x more PostgreSQL CPU meanwhile: vacuum early.
ALTER TABLE domicilies SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_analyze_scale_factor = 0.02);

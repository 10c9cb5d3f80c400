-- The « Domiciliés » search of a staff session, kept on the server so that coming back to the
-- list (browser Back, « Retour à la liste ») finds it again without a name in any URL. It
-- goes with the session: deleted at log-out or expiry.
ALTER TABLE sessions ADD COLUMN last_search jsonb;

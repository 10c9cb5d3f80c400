-- « Utilisateurs » shows each account's last login: an administrateur sees at once an account
-- nobody uses any more. Earlier logins are read back from the audit trail.
ALTER TABLE staff_users ADD COLUMN last_login_at timestamptz;

UPDATE staff_users u
SET last_login_at = (SELECT max(l.created_at) FROM audit_log l WHERE l.action = 'staff.login' AND l.actor_id = u.id);

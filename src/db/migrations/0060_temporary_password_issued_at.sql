-- When the current temporary password was given: the « Accès au portail usager » summary says
-- it, so that staff know which printed document is the valid one. Existing temporary
-- passwords take the time of the audit entry that gave them.
ALTER TABLE portal_accounts ADD COLUMN temporary_password_issued_at timestamptz;

UPDATE portal_accounts a
SET temporary_password_issued_at = (
  SELECT max(l.created_at) FROM audit_log l
  WHERE l.target_type = 'domicilie' AND l.target_id = a.domicilie_id
    AND l.action IN ('portal_access.created', 'portal_access.reset', 'portal_access.enabled')
)
WHERE a.password_is_temporary;

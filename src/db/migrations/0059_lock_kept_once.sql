-- A lock is kept once, in login_failures (migration 0058): the copies on the accounts could say
-- « unlocked » while the count still refused the person, so they go (decision 0018).
ALTER TABLE staff_users
  DROP COLUMN failed_login_count,
  DROP COLUMN failed_login_window_start,
  DROP COLUMN locked_until;

ALTER TABLE portal_accounts
  DROP COLUMN failed_login_count,
  DROP COLUMN failed_login_window_start,
  DROP COLUMN locked_until;

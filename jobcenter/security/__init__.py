"""Hardening: the staff second factor, session expiry, role-change audit, login lockout logging,
the personal-data access review, retention and destruction, and the shared upload validator."""

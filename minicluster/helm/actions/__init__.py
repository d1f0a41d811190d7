"""Release actions: install, upgrade, rollback, uninstall, test, and the read-only queries."""

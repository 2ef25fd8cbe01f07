"""The database layer: engine and pragmas (``engine``), table definitions (``schema``) and
Alembic migrations (``migrate``). Nothing above ``state/`` imports from here."""

"""The database layer: the connection (``engine``), the seam to one database product
(``backend``, implemented for SQLite by ``sqlite``), table definitions (``schema``) and Alembic
migrations (``migrate``). Only ``state/`` and the composition root import from here."""

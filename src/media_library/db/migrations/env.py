"""Alembic environment: runs migrations on the connection ``db.migrate`` hands over."""

from alembic import context

from media_library.db.schema import is_managed_table, metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used by `alembic revision --autogenerate`
    from sqlalchemy import create_engine

    import media_library.sources  # noqa: F401 - the sources' tables (db/discs.py …) join the metadata

    connection = create_engine(context.config.get_main_option("sqlalchemy.url")).connect()



def include_object(obj, name, type_, reflected, compare_to):
    return type_ != "table" or is_managed_table(name)


context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  transaction_per_migration=True, include_object=include_object)
with context.begin_transaction():
    context.run_migrations()

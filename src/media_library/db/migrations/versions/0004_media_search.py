"""media_search: an FTS5 index over item titles, original titles and overviews, kept in sync with
``media`` by triggers; its vocabulary (``media_search_vocab``) for typo correction; indexes for
keyset-paged browsing by title, year and date added.

The FTS5 tables are virtual tables made with SQL, not SQLAlchemy Tables: schema comparisons skip
every table whose name starts with ``media_search`` (see docs/BROWSE.md for the search design).
The tokenizer folds case and accents (``amelie`` finds Amélie) and splits on punctuation
(``spider man`` finds Spider-Man); the ``compact`` column holds the titles with in-word
punctuation removed (``spiderman``, ``walle``, ``oceans``).

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


# The ``compact`` column: both titles with hyphens, apostrophes (straight and curly), dots and
# middle dots removed, so "Spider-Man" also indexes "spiderman". Literal SQL, written out in full.
STATEMENTS = [
    "CREATE VIRTUAL TABLE media_search USING fts5(media_id UNINDEXED, title, original_title, compact, overview, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    # ORDER BY rank: bm25 with weights per column (media_id, title, original_title, compact, overview)
    "INSERT INTO media_search(media_search, rank) VALUES ('rank', 'bm25(0.0, 10.0, 6.0, 8.0, 1.0)')",
    'CREATE VIRTUAL TABLE media_search_vocab USING fts5vocab(media_search, col)',
    "INSERT INTO media_search(rowid, media_id, title, original_title, compact, overview) SELECT media.rowid, media.id, media.title, media.original_title, replace(replace(replace(replace(replace(coalesce(media.title, '') || ' ' || coalesce(media.original_title, ''), '-', ''), '''', ''), '’', ''), '.', ''), '·', ''), media.overview FROM media",
    "CREATE TRIGGER media_search_insert AFTER INSERT ON media BEGIN INSERT INTO media_search(rowid, media_id, title, original_title, compact, overview) VALUES (new.rowid, new.id, new.title, new.original_title, replace(replace(replace(replace(replace(coalesce(new.title, '') || ' ' || coalesce(new.original_title, ''), '-', ''), '''', ''), '’', ''), '.', ''), '·', ''), new.overview); END",
    'CREATE TRIGGER media_search_delete AFTER DELETE ON media BEGIN DELETE FROM media_search WHERE rowid = old.rowid; END',
    "CREATE TRIGGER media_search_update AFTER UPDATE OF title, original_title, overview ON media BEGIN DELETE FROM media_search WHERE rowid = old.rowid; INSERT INTO media_search(rowid, media_id, title, original_title, compact, overview) VALUES (new.rowid, new.id, new.title, new.original_title, replace(replace(replace(replace(replace(coalesce(new.title, '') || ' ' || coalesce(new.original_title, ''), '-', ''), '''', ''), '’', ''), '.', ''), '·', ''), new.overview); END",
]

INDEXES = {
    "ix_media_title": ["sort_title", "id"],
    "ix_media_kind_title": ["kind", "sort_title", "id"],
    "ix_media_added": ["added_at", "id"],
    "ix_media_year": ["year", "sort_title", "id"],
    "ix_media_kind_year": ["kind", "year", "sort_title", "id"],
}


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)
    for name, columns in INDEXES.items():
        op.create_index(name, "media", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="media")
    for trigger in ("media_search_update", "media_search_delete", "media_search_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS media_search_vocab")
    op.execute("DROP TABLE IF EXISTS media_search")

"""decisions2: watch events are claimed in batches by the "decide pending events" job
(``claimed_at``, an index on status), one decision per event at most (the event index becomes
unique), and a rule's ``via: own`` is now called ``download``

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("watch_events") as batch:
        batch.add_column(sa.Column("claimed_at", sa.Float(), nullable=True))
    op.create_index("ix_watch_events_status", "watch_events", ["status", "id"], unique=False)
    # a decision made twice on one event (a job run again after a crash) keeps its first
    op.execute("DELETE FROM decisions WHERE event_id IS NOT NULL AND id NOT IN "
               "(SELECT MIN(id) FROM decisions WHERE event_id IS NOT NULL GROUP BY event_id)")
    op.drop_index("ix_decisions_event", table_name="decisions")
    op.create_index("ix_decisions_event", "decisions", ["event_id"], unique=True)
    op.execute("UPDATE decision_rules SET via = 'download' WHERE via = 'own'")
    op.execute("UPDATE decisions SET via = 'download' WHERE via = 'own'")


def downgrade() -> None:
    op.execute("UPDATE decisions SET via = 'own' WHERE via = 'download'")
    op.execute("UPDATE decision_rules SET via = 'own' WHERE via = 'download'")
    op.drop_index("ix_decisions_event", table_name="decisions")
    op.create_index("ix_decisions_event", "decisions", ["event_id"], unique=False)
    op.drop_index("ix_watch_events_status", table_name="watch_events")
    with op.batch_alter_table("watch_events") as batch:
        batch.drop_column("claimed_at")

"""discs: inserted discs, their identification and rip status

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "discs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), server_default="local", nullable=False),
        sa.Column("remote_key", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("device", sa.Text(), nullable=True),
        sa.Column("label", sa.Text(), server_default="", nullable=False),
        sa.Column("title_guess", sa.Text(), server_default="", nullable=False),
        sa.Column("kind", sa.Text(), server_default="dvd", nullable=False),
        sa.Column("status", sa.Text(), server_default="waiting", nullable=False),
        sa.Column("candidates", sa.Text(), server_default="[]", nullable=False),
        sa.Column("choice", sa.Text(), server_default="{}", nullable=False),
        sa.Column("confirm_deadline", sa.Float(), nullable=True),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("progress", sa.Float(), server_default="0", nullable=False),
        sa.Column("message", sa.Text(), server_default="", nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("discs", schema=None) as batch_op:
        batch_op.create_index("ix_discs_fingerprint", ["fingerprint"], unique=False)
        batch_op.create_index("ix_discs_status", ["status"], unique=False)
        batch_op.create_index(
            "ux_discs_remote_key", ["remote_key"], unique=True, sqlite_where=sa.text("remote_key IS NOT NULL")
        )


def downgrade() -> None:
    with op.batch_alter_table("discs", schema=None) as batch_op:
        batch_op.drop_index("ux_discs_remote_key", sqlite_where=sa.text("remote_key IS NOT NULL"))
        batch_op.drop_index("ix_discs_status")
        batch_op.drop_index("ix_discs_fingerprint")
    op.drop_table("discs")

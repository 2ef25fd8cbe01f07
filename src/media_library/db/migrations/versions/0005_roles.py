"""roles: the one non-admin role "user" becomes "manager" (viewer, manager, admin)

Before roles existed every non-admin could change the library, so existing accounts keep that
as managers; accounts created from now on default to viewer (the code always writes a role, so
the column's stored default is never used). Downgrading maps viewers and managers back to "user",
the only non-admin role the earlier code knows.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

users = sa.table("users", sa.column("role", sa.Text()))


def upgrade() -> None:
    op.execute(users.update().where(users.c.role == "user").values(role="manager"))


def downgrade() -> None:
    op.execute(users.update().where(users.c.role.in_(("viewer", "manager"))).values(role="user"))

"""Alembic environment for Orman, configured in code (no alembic.ini): geo.db.upgrade passes the connection."""

from alembic import context

from geo.db import metadata

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise SystemExit("Orman's migrations run through geo.db.upgrade(engine)")
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()

"""Alembic environment: duixian runs migrations itself (``duixian.store.db.upgrade``) on a
connection it passes in, so there is no alembic.ini and no URL here."""

from __future__ import annotations

from alembic import context

from duixian.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` command line during development: a URL from -x url=...
    from sqlalchemy import create_engine

    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///duixian.db")
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()

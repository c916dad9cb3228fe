"""Alembic environment: the URL comes from the caller (changwat_service.db.migrate or alembic.ini's -x url=)."""

from alembic import context
from sqlalchemy import create_engine

from changwat_service.models import Base

config = context.config
url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")

engine = create_engine(url)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()

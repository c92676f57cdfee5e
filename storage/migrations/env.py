"""Alembic environment: runs on the connection `storage.migrate.upgrade` hands it."""

from __future__ import annotations

from alembic import context

import storage.access_models  # registers the units and officers tables on Base.metadata
import storage.api_keys  # registers the Open311 API keys table
import storage.dialogue_models  # registers the conversations, events seen and channel outbox
import storage.feedback_models  # registers the PAKN tables on Base.metadata
import storage.job_lease  # registers the job leases table
import storage.officer_outbox  # registers the officers' outbox table
import storage.privacy_models  # registers who looked at personal data, and deletion requests
import storage.zalo_connection  # noqa: F401 - registers the Zalo OA connection table
from storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through `storage.migrate.upgrade` (or `motcua migrate`).")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()

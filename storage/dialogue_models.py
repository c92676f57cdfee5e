"""Tables of the messenger-neutral dialogue: each conversation's state, the events seen, the channel outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.utc_datetime import UtcDateTime


class ConversationRecord(Base):
    __tablename__ = "dialogue_conversations"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(Text)  # dialogue.conversation.Conversation as JSON
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The channel's id of the last event answered: a copy of it that waited for this row while another instance
    # answered it finds it here (the events table's row is not in what that copy's reading sees).
    last_event_id: Mapped[str | None] = mapped_column(String(128))
    # Messages are held in the outbox for this person (Zalo outside its window): their next turn takes them.
    held: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SeenEventRecord(Base):
    """A channel's update or message id, once handled: the same id again acts once. Pruned after a while."""

    __tablename__ = "dialogue_events"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    handled_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class OutboxRecord(Base):
    """One message for a channel to send: written with the change it tells about, sent by delivery."""

    __tablename__ = "channel_outbox"
    __table_args__ = (
        Index("ix_channel_outbox_due", "channel", "state", "not_before"),
        Index("ix_channel_outbox_recipient", "channel", "recipient", "state", "id"),
        Index("ix_channel_outbox_item", "item_code", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(64))
    reply: Mapped[str] = mapped_column(Text)  # dialogue.reply_codec JSON
    origin: Mapped[str | None] = mapped_column(String(64))
    notice: Mapped[str | None] = mapped_column(Text)  # delivery.ports.NoticeRef as JSON
    item_code: Mapped[str | None] = mapped_column(String(32))  # the notice's item, to show it held on the item
    state: Mapped[str] = mapped_column(String(16))  # waiting, sent, held, undeliverable
    not_before: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[str | None] = mapped_column(String(300))  # the last failure's reason, or the sent ids

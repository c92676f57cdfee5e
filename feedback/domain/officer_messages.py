"""Messages for officers: the morning digest, escalation alerts, channel alerts and citizen alerts.

The officers' outbox holds any of them (`storage/officer_message_json.py` stores them as a kind and JSON).
"""

from __future__ import annotations

from feedback.domain.channel_alert import ChannelAlert
from feedback.domain.citizen_alert import CitizenAlert
from feedback.domain.digest import Digest
from feedback.domain.escalation import EscalationAlert

OfficerMessage = Digest | EscalationAlert | ChannelAlert | CitizenAlert

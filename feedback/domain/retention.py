"""How long a closed item keeps its filer's contact details and files (settings). Past that age the daily
retention job (feedback.service_layer.scheduled_jobs) masks the contact details and deletes the files (through
the port feedback.service_layer.personal_data.AttachmentFiles); the item, its history and its answer stay, as
the law on PAKN and archiving requires, and so do every column the reports read: masked items count as before.

Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 lets data be kept only as long as its purpose needs (README, "Dữ
liệu cá nhân"); an agency sets the two ages to its own records schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# What stands in for a masked name or address: the columns are required, and an officer reading the item
# sees that there was a contact and that it is gone.
MASKED = "[đã xoá]"


@dataclass(frozen=True)
class RetentionPolicy:
    contact_days: int = 1095  # calendar days after the item was closed (refused, withdrawn or closed)
    attachment_days: int = 365

    def __post_init__(self) -> None:
        if self.contact_days < 1 or self.attachment_days < 1:
            raise ValueError("retention periods are at least one day")

    def contact_closed_before(self, today: date) -> date:
        """Items closed before this day are past the contact details' retention."""
        return today - timedelta(days=self.contact_days)

    def files_closed_before(self, today: date) -> date:
        return today - timedelta(days=self.attachment_days)

"""A small commune office for tests: a unit tree, officers with their roles, and PAKN items to work on.

UBND-XA (the commune, root) ├─ MOT-CUA (one-stop desk) └─ DIA-CHINH (land registry); and XA-KHAC, a
second commune. Officers: `an` (officer of MOT-CUA, Telegram 9001), `binh` (officer of DIA-CHINH,
Telegram 9002), `chi` (unit head of UBND-XA, Telegram 9003), `dung` (officer of XA-KHAC, Telegram
9004), `quantri` (administrator, no Telegram). Every password is PASSWORD.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from feedback.domain.access import Officer, Role
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import CitizenRef, Contact, Draft
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from storage.password_hashing import Argon2PasswordHasher

PASSWORD = "mật khẩu đủ dài"
TELEGRAM_IDS = {"an": 9001, "binh": 9002, "chi": 9003, "dung": 9004}


def cheap_hasher() -> Argon2PasswordHasher:
    """Argon2id with the smallest parameters: the same code path, without a second per hash in tests."""
    return Argon2PasswordHasher(time_cost=1, memory_cost_kib=1024, parallelism=1)


@dataclass
class Office:
    officers: dict[str, Officer] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)


async def build_office(admin: AdminService) -> Office:
    office = Office()
    await admin.create_unit("UBND-XA", "UBND xã Tân Lập")
    await admin.create_unit("MOT-CUA", "Bộ phận một cửa", parent="UBND-XA")
    await admin.create_unit("DIA-CHINH", "Công chức địa chính", parent="UBND-XA")
    await admin.create_unit("XA-KHAC", "UBND xã Tân Hòa")
    people = {
        "an": ("Nguyễn Văn An", Role.OFFICER, "MOT-CUA"),
        "binh": ("Trần Thị Bình", Role.OFFICER, "DIA-CHINH"),
        "chi": ("Lê Minh Chí", Role.UNIT_HEAD, "UBND-XA"),
        "dung": ("Phạm Văn Dũng", Role.OFFICER, "XA-KHAC"),
        "quantri": ("Quản trị hệ thống", Role.ADMIN, None),
    }
    for username, (name, role, unit) in people.items():
        await admin.create_officer(username, name, PASSWORD)
        await admin.grant(username, role, unit)
        if username in TELEGRAM_IDS:
            await admin.link_telegram(username, TELEGRAM_IDS[username])
        office.officers[username] = await admin.officer(username)
    return office


async def file_item(
    feedback: FeedbackService, unit: str | None, content: str, citizen_id: int, *, name: str = "Hoàng Thị Hoa"
) -> str:
    citizen = CitizenRef("telegram", str(citizen_id))
    contact = Contact(name=name, address="Thôn 3, xã Tân Lập", phone="0912345678")
    draft = Draft(FeedbackType.PHAN_ANH, content, contact, citizen, reply_to=str(citizen_id), unit=unit)
    return (await feedback.submit(draft)).code

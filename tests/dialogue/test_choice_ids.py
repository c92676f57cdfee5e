"""Every choice id the dialogue emits fits Telegram's 64 bytes of callback data, whatever the data behind it:
a unit code or a username of the longest allowed, a refusal reason code an agency made long. Telegram refuses
the whole message otherwise, so the officer would see nothing at all."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

from dialogue import officer_choices as oc
from dialogue.engine import Dialogue
from dialogue.events import Choose, Inbound
from dialogue.flows import build_router
from dialogue.replies import MAX_CHOICE_ID_BYTES, Reply
from dialogue.result_list import CARD_MORE, PREFIX, card_choice
from dialogue.router import choice_id
from dialogue.turn import Services
from feedback.domain.access import Role
from feedback.domain.refusal_reasons import RefusalReason, load_refusal_reasons
from feedback.domain.status import Status
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from motcua.bootstrap import bundled_catalog_path
from procedures_catalog.services import Catalog
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.test_officers import Officer
from tests.manual_clock import Clock
from tests.office_fixture import build_office, cheap_hasher, file_item

LONG_UNIT = "DOI-QUAN-LY-TRAT-TU-DO-THI-VA-MOI-TRUONG-THON-3-XA-TAN-LAP-2026A"
LONG_USERNAME = "nguyen.thi.phuong.thao.bo-phan-tiep-nhan-va-tra-ket-qua.tan-lap1"
LONG_REASON = RefusalReason(
    code="khong_thuoc_tham_quyen_giai_quyet_cua_uy_ban_nhan_dan_xa_theo_quy_dinh_tai_nghi_dinh",
    basis="local",
    label_vi="Không thuộc thẩm quyền của UBND xã",
    advice_vi="Gửi đến cơ quan có thẩm quyền.",
)


class Recording(Dialogue):
    """The dialogue, keeping every reply it gives."""

    replies: list[Reply]

    async def handle(self, inbound: Inbound) -> list[Reply]:
        answered = await super().handle(inbound)
        self.replies.extend(answered)
        return answered


async def test_every_choice_id_fits_64_bytes_with_the_longest_codes(
    uow_factory: Callable[[], SqlUnitOfWork], catalog: Catalog, feedback: FeedbackService, clock: Clock
) -> None:
    assert len(LONG_UNIT) == len(LONG_USERNAME) == 64
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    await build_office(admin)
    await admin.create_unit(LONG_UNIT, "Đội quản lý trật tự đô thị", parent="UBND-XA")
    await admin.create_officer(LONG_USERNAME, "Nguyễn Thị Phương Thảo")
    await admin.grant(LONG_USERNAME, Role.OFFICER, "MOT-CUA")
    reasons = {LONG_REASON.code: LONG_REASON, **load_refusal_reasons()}
    services = Services(catalog=catalog, feedback=feedback, desk=OfficerDesk(feedback, admin), refusal_reasons=reasons)
    dialogue = Recording(uow_factory, build_router(), services, clock=clock)
    dialogue.replies = []
    chi = Officer(dialogue, "chi")
    first, second, third = [await file_item(feedback, "MOT-CUA", f"Đèn đường thôn {n} hỏng", 100001) for n in "123"]

    await chi.say("/hangdoi")
    await chi.say(f"/xem {first}")
    assert "Đã giao" in await chi.pick("Giao cho") + await chi.pick("Phương Thảo")
    await chi.say(f"/xem {second}")
    assert "Đã chuyển" in await chi.pick("Chuyển đơn vị") + await chi.pick("Đội quản lý trật tự")
    await chi.say(f"/xem {third}")
    await chi.pick("Không tiếp nhận")
    await chi.pick("Không thuộc thẩm quyền của UBND xã")
    await chi.pick("Xác nhận")

    assert ((await feedback.item(first)).assignee, (await feedback.item(second)).unit) == (LONG_USERNAME, LONG_UNIT)
    assert (await feedback.item(third)).status == Status.REFUSED
    ids = [choice.id for reply in dialogue.replies for choice in reply.choices]
    assert len(ids) > 20
    assert all(choice.isascii() and len(choice.encode()) <= MAX_CHOICE_ID_BYTES for choice in ids)


async def test_a_pick_no_longer_offered_is_refused_as_stale(
    uow_factory: Callable[[], SqlUnitOfWork], catalog: Catalog, feedback: FeedbackService, clock: Clock
) -> None:
    """The key is looked up among what the desk offers now: a unit since removed picks nothing."""
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    await build_office(admin)
    services = Services(catalog=catalog, feedback=feedback, desk=OfficerDesk(feedback, admin))
    dialogue = Dialogue(uow_factory, build_router(), services, clock=clock)
    code = await file_item(feedback, "MOT-CUA", "Đèn đường thôn 3 hỏng", 100001)
    chi = Officer(dialogue, "chi")
    await chi.say(f"/xem {code}")
    (stale,) = await dialogue.handle(Inbound(chi.account, Choose(oc.pick(code, oc.UNIT, "KHONG-CO", "?").id)))
    assert "Lựa chọn này đã cũ" in stale.text
    assert (await feedback.item(code)).unit == "MOT-CUA"


def test_a_key_stands_for_one_value_and_is_short() -> None:
    key = oc.value_key(LONG_UNIT)
    assert len(key) == 16 and key.isalnum() and key != oc.value_key(LONG_UNIT.lower())
    assert oc.picked(key, ["MOT-CUA", LONG_UNIT]) == LONG_UNIT
    assert oc.picked(key, ["MOT-CUA"]) is None


def test_every_procedure_of_the_bundled_catalog_has_a_choice_opening_it_and_the_rest_of_its_card() -> None:
    """A code too long for an id would leave its procedure out of the result lists (none is, today)."""
    with gzip.open(bundled_catalog_path(), "rt", encoding="utf-8") as lines:
        codes = [json.loads(line)["code"] for line in lines]
    assert len(codes) > 2000
    for code in codes:
        assert card_choice(code, "?") is not None
        assert len(choice_id(PREFIX, CARD_MORE, code, 99).encode()) <= MAX_CHOICE_ID_BYTES

"""PAKN items for the dialogue's tests, filed and moved on through the domain services directly (the
filing flow is tested on its own): what an officer did before the citizen types."""

from __future__ import annotations

from collections.abc import Callable

from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, CitizenRef, Contact, Draft
from feedback.domain.units import Unit
from feedback.service_layer.feedback_service import FeedbackService
from storage.unit_of_work import SqlUnitOfWork

OFFICER = Actor(ActorKind.OFFICER, "an", "Nguyễn Văn An")
UNIT = Unit("P.MINHAN", "UBND phường Minh An")
POTHOLE = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy qua lại ngã liên tục."
NAME = "Trần Thị Lan"
PHONE = "0912345678"
ADDRESS = "12 Lê Lợi, phường Minh An, thành phố Hội An"
PERSONAL = (POTHOLE, NAME, PHONE, ADDRESS, "Chỉ bạn thấy")
ANSWER = "Bà Trần Thị Lan (0912345678) phản ánh ổ gà trước nhà: UBND phường đã giao vá <trong tuần> & kiểm tra."
PUBLIC_ANSWER = "Ổ gà trước số 12 Lê Lợi đã được vá ngày 25/11/2026."


def text_citizen(user_id: str = "citizen-1") -> CitizenRef:
    return CitizenRef("text", user_id)


async def add_unit(uow_factory: Callable[[], SqlUnitOfWork]) -> None:
    async with uow_factory() as uow:
        await uow.units.add(UNIT)
        await uow.commit()


async def file_item(
    feedback: FeedbackService, user_id: str = "citizen-1", content: str = POTHOLE, *, unit: str | None = None
) -> str:
    """An item filed by the person typing as `user_id` on the plain-text channel; its code."""
    draft = Draft(
        type=FeedbackType.PHAN_ANH,
        content=content,
        contact=Contact(name=NAME, address=ADDRESS, phone=PHONE),
        citizen=text_citizen(user_id),
        reply_to=user_id,
        unit=unit,
    )
    return (await feedback.submit(draft)).code


async def in_progress(feedback: FeedbackService, code: str) -> None:
    for action in (Action.ACCEPT, Action.START):
        await feedback.act(code, action, OFFICER)


async def answer(feedback: FeedbackService, code: str, text: str = ANSWER) -> None:
    await feedback.act(code, Action.ANSWER, OFFICER, note=text)


async def answered_item(feedback: FeedbackService, user_id: str = "citizen-1") -> str:
    code = await file_item(feedback, user_id)
    await in_progress(feedback, code)
    await answer(feedback, code)
    return code

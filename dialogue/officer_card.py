"""An item's card as an officer sees it: everything about it, the actions allowed now under it, its files."""

from __future__ import annotations

from dialogue import officer_choices as oc
from dialogue import officer_views, texts
from dialogue.replies import Button, Media, MediaKind, Reply
from dialogue.rich_text import escape
from dialogue.turn import Turn
from feedback.domain.access import Officer
from feedback.domain.data_view import Exposure, Looked
from feedback.domain.lifecycle import Action
from feedback.domain.model import AttachmentKind, FeedbackItem
from feedback.domain.status import IN_PROCESS_STATUSES
from feedback.service_layer.officer_desk import ItemView, OfficerDesk, OutOfReach

_LABELS = {
    oc.CLAIM: texts.BUTTON_OFFICER_CLAIM,
    oc.ANSWER: texts.BUTTON_OFFICER_ANSWER,
    oc.ACCEPT: texts.BUTTON_OFFICER_ACCEPT,
    oc.REFUSE: texts.BUTTON_OFFICER_REFUSE,
    oc.ASSIGN: texts.BUTTON_OFFICER_ASSIGN,
    oc.FORWARD: texts.BUTTON_OFFICER_FORWARD,
    oc.ASK_CITIZEN: texts.BUTTON_OFFICER_ASK,
    oc.EXTEND: texts.BUTTON_OFFICER_EXTEND,
    oc.APOLOGISE: texts.BUTTON_OFFICER_APOLOGISE,
    oc.CLOSE: texts.BUTTON_OFFICER_CLOSE,
}


def offered(view: ItemView) -> list[str]:
    """The officer's intentions the item's allowed actions make possible, in the order they are shown.
    «Tôi xử lý», «Giao cho…» and «Trả lời» accept (and take) the item first when needed, as the desk does."""
    actions = view.actions
    unclassified = Action.ACCEPT in actions
    wanted = [
        (oc.CLAIM, Action.START in actions or unclassified),
        (oc.ANSWER, Action.ANSWER in actions or Action.START in actions or unclassified),
        (oc.ACCEPT, unclassified),
        (oc.REFUSE, Action.REFUSE in actions),
        (oc.ASSIGN, Action.ASSIGN in actions or unclassified),
        (oc.FORWARD, Action.FORWARD in actions),
        (oc.ASK_CITIZEN, Action.ASK_CITIZEN in actions),
        (oc.EXTEND, Action.EXTEND in actions),  # the desk offers it once only
        (oc.APOLOGISE, bool(actions) and view.item.status in IN_PROCESS_STATUSES),
        (oc.CLOSE, Action.CLOSE in actions),
    ]
    return [intention for intention, possible in wanted if possible]


def desk_of(turn: Turn) -> OfficerDesk:
    desk = turn.services.desk
    assert desk is not None, "the officers' flows are registered only with a desk"
    return desk


def _action_rows(view: ItemView) -> list[list[Button]]:
    code = view.item.code
    buttons = [oc.act(code, intention, _LABELS[intention]) for intention in offered(view)]
    rows: list[list[Button]] = [list(buttons[start : start + 2]) for start in range(0, len(buttons), 2)]
    rows.append([oc.open_item(code, texts.BUTTON_OFFICER_REFRESH)])
    return rows


async def send_item(turn: Turn, officer: Officer, code: str, *, attachments: bool) -> None:
    """The item's card with the actions under it, then its files. Raises what the desk raises.

    The card names the citizen and their contact details, and the files follow: the desk logs both, under the
    officer's messenger, before anything is shown (feedback.service_layer.data_views; none for an item with no
    file left)."""
    channel = turn.account.channel
    looked = [Looked(channel, Exposure.CONTACT)] + ([Looked(channel, Exposure.ATTACHMENTS)] if attachments else [])
    view = await desk_of(turn).item(officer, code, looked)
    turn.say(officer_views.item(view, with_actions=True), _action_rows(view))
    if attachments:
        _send_attachments(turn, view.item)


def _send_attachments(turn: Turn, item: FeedbackItem) -> None:
    """The citizen's photos and files by the reference of the channel they came on; from another channel,
    where the reference means nothing, a line saying where to see them."""
    channel = item.citizen.channel
    for attachment in item.attachments:
        if not attachment.file_id:
            continue  # deleted (retention or the citizen's request): nothing left to send
        if channel != turn.account.channel:
            name = attachment.file_name or str(attachment.kind)
            turn.say(texts.OFFICER_ATTACHMENT_ELSEWHERE.format(name=escape(name), channel=escape(channel)))
            continue
        kind = MediaKind.PHOTO if attachment.kind == AttachmentKind.PHOTO else MediaKind.DOCUMENT
        turn.add(Reply(text="", media=(Media(kind, channel, attachment.file_id, attachment.file_name or ""),)))


async def show_problem(turn: Turn, officer: Officer, code: str, error: Exception) -> None:
    """Explain a refusal; when someone else changed the item first, show it as it is now."""
    turn.say(officer_views.problem(error, code))
    if isinstance(error, officer_views.CONFLICTS):
        await send_fresh(turn, officer, code)


async def send_fresh(turn: Turn, officer: Officer, code: str) -> None:
    """The card after a change; nothing when the item has left the officer's reach (forwarded away)."""
    try:
        await send_item(turn, officer, code, attachments=False)
    except OutOfReach:
        return

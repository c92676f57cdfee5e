"""Following a PAKN up: /tracuu with or without a code, a code typed alone or in a sentence ("tra cứu
20261202.0001"), the citizen's own list, and the menu's «Tra cứu phản ánh».

Anyone with a code sees its public part; the content, the contact and the full answer only its filer
(`FeedbackService.track` decides, given the viewer; `dialogue.item_view` shows what the view holds). The
filer's item comes with what they may do with it now (`dialogue.followup_choices`) and a PIN to open it on the
web portal (`dialogue.web_pin`).
"""

from __future__ import annotations

import re

from dialogue import followup_choices, item_view, texts, web_pin
from dialogue.citizen import citizen_of
from dialogue.events import Command, Text
from dialogue.item_words import shorten, status_label
from dialogue.replies import Choice
from dialogue.rich_text import escape
from dialogue.router import Router, choice_id
from dialogue.turn import Turn
from feedback.domain.tracking_code import InvalidTrackingCode
from feedback.service_layer.feedback_service import FeedbackService, UnknownTrackingCode
from vietnamese_text.normalise import fold

PREFIX = "tk"
MINE = "mine"
OPEN = "open"
MY_ITEMS = 10

# What feedback.domain.tracking_code.parse_code reads: eight digits of the day, a separator or none, the number.
CODE_IN_TEXT = re.compile(r"(?<![0-9])[0-9]{8}[.,\-\s]?[0-9]{4,}(?![0-9])")
# Words that make a sentence around a code a look-up ("tra cứu", "xem", "kiểm tra", "mã", "tình trạng"…),
# compared without diacritics.
_LOOKUP_WORDS = re.compile(r"\b(tra ?cuu|xem|kiem tra|ma|tinh trang|trang thai|phan anh|kien nghi|ho so|theo doi)\b")
_LONGEST_SENTENCE = 120  # a longer text with a code in it is about something else: a search, a filing


def find_code(text: str) -> str | None:
    """The one tracking code in `text`, if there is exactly one."""
    found = CODE_IN_TEXT.findall(text)
    return found[0] if len(found) == 1 else None


def is_lookup(text: str) -> str | None:
    """The code, when `text` asks to look it up: the code alone, or a short sentence of look-up words
    around it."""
    code = find_code(text)
    if code is None:
        return None
    rest = text.replace(code, " ").strip(" \t\n.?!:,;")
    if not rest:
        return code
    if len(text) <= _LONGEST_SENTENCE and _LOOKUP_WORDS.search(fold(rest)):
        return code
    return None


async def show_item(turn: Turn, feedback: FeedbackService, code: str) -> None:
    """One item, as its viewer may see it, with the filer's choices; a bad or unknown code is explained."""
    try:
        view = await feedback.track(code, citizen_of(turn.account))
    except InvalidTrackingCode:
        turn.say(texts.BAD_CODE.format(code=escape(shorten(code, 40))))
        return
    except UnknownTrackingCode as error:
        turn.say(texts.UNKNOWN_CODE.format(code=escape(error.code)))
        return
    rows = followup_choices.for_item(view)
    if view.is_owner and turn.services.pins is not None:
        rows.append([web_pin.choice(view.code)])
    turn.say(item_view.item(view, view.unit_name), rows)


async def show_my_items(turn: Turn, feedback: FeedbackService) -> None:
    views = await feedback.my_items(citizen_of(turn.account), limit=MY_ITEMS)
    rows = [
        [
            Choice(
                choice_id(PREFIX, OPEN, view.code),
                texts.MY_ITEM_CHOICE.format(code=view.code, status=status_label(view.status)),
            )
        ]
        for view in views
    ]
    turn.say(item_view.my_items(views), rows)


def register(router: Router) -> None:
    async def tracuu(turn: Turn) -> None:
        feedback = turn.services.feedback
        if feedback is None:
            turn.say(texts.NO_FEEDBACK)
            return
        argument = turn.event.argument.strip() if isinstance(turn.event, Command) else ""
        if argument:
            await show_item(turn, feedback, argument)
        else:
            await show_my_items(turn, feedback)

    async def chosen(turn: Turn, rest: str) -> None:
        feedback = turn.services.feedback
        if feedback is None:
            turn.say(texts.NO_FEEDBACK)
            return
        what, _, code = rest.partition(":")
        if what == MINE:
            await show_my_items(turn, feedback)
        elif what == OPEN and code:
            await show_item(turn, feedback, code)  # checked again: the viewer sees only what the code allows
        else:
            turn.say(texts.STALE_CHOICE)

    async def typed_code(turn: Turn) -> bool:
        feedback = turn.services.feedback
        if feedback is None or not isinstance(turn.event, Text):
            return False
        code = is_lookup(turn.event.text)
        if code is None:
            return False
        await show_item(turn, feedback, code)
        return True

    router.command("tracuu", tracuu, texts.COMMAND_TRACUU)
    router.choices(PREFIX, chosen)
    router.intent(typed_code)
    router.menu_entry(Choice(choice_id(PREFIX, MINE), texts.MENU_TRACKING))
    router.help_sections.append(texts.HELP_TRACKING)

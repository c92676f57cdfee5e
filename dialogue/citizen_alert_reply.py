"""The alert an officer gets when a filer reopens, supplies information or withdraws (`feedback.domain.citizen_alert`),
as a dialogue reply with the choice that opens the item in the officers' flows."""

from __future__ import annotations

from dialogue import officer_choices, texts
from dialogue.item_words import day
from dialogue.replies import Reply
from dialogue.rich_text import escape
from feedback.domain.citizen_alert import CitizenAlert


def citizen_alert_reply(alert: CitizenAlert) -> Reply:
    step = str(alert.step)
    text = texts.CITIZEN_ALERT[step].format(code=escape(alert.code))
    if alert.unit:
        text += texts.CITIZEN_ALERT_UNIT.format(unit=escape(alert.unit))
    if alert.due is not None:
        text += texts.CITIZEN_ALERT_DUE.format(due=day(alert.due))
    if alert.note:
        text += texts.CITIZEN_ALERT_NOTE[step].format(note=escape(alert.note))
    if alert.files:
        text += texts.CITIZEN_ALERT_FILES.format(count=alert.files)
    open_item = officer_choices.open_item(alert.code, texts.CITIZEN_ALERT_OPEN)
    return Reply(text=text, buttons=((open_item,),))

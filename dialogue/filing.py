"""Filing a PAKN, on any channel: one small function per step, the answers in the conversation's row.

    /phananh, the menu entry or "tôi muốn gửi phản ánh" (the daily cap is checked first)
    → type → content (words, photos, files, a location) → [khiếu nại / tố cáo advice] → procedure
    → unit (when units are set up) → [the last contact, to reuse] → name → contact → address
    → summary → [near-duplicate warning] → "Đã tiếp nhận" with the code

From the summary an edit goes to one step, which comes back to the summary. /huy ends it at any step and
forgets the answers. Recognising a khiếu nại or a tố cáo is advice, never a dead end: the citizen may send
it as a PAKN anyway, and the officer sees the flag. Nothing is ever thrown away without the citizen asking.

"Đã tiếp nhận" is said only after FeedbackService.submit has returned, i.e. after the commit. The draft's
key (given when filing starts) makes a second submit of the same draft the same item: an event retried
after a crash, or two instances taking the same press, file one item and say one code.
"""

from __future__ import annotations

import logging
import re

from dialogue import filing_draft as draft
from dialogue import filing_views as views
from dialogue import texts
from dialogue.events import ContactShared, FileShared, LocationShared, Text
from dialogue.filing_draft import Answers
from dialogue.item_words import contact_line, shorten, type_label
from dialogue.replies import Button, Choice, Request
from dialogue.rich_text import escape
from dialogue.router import Router, choice_id
from dialogue.turn import Turn
from feedback.domain.contact import InvalidContact, normalise_address, normalise_name, normalise_phone, parse_contact
from feedback.domain.intake_limits import (
    MIN_WORDS,
    AttachmentRejected,
    ContentProblem,
    ContentRejected,
    DailyCapReached,
    check_attachment,
    check_submission,
    content_length,
    word_count,
)
from feedback.domain.legal_type import FeedbackType, detect_other_regime
from feedback.domain.model import Location
from feedback.domain.privacy_notice import NOTICE_VERSION
from feedback.domain.unit_choice import find_units
from feedback.domain.units import UnknownUnit
from feedback.service_layer.feedback_service import FeedbackService, IncompleteContact, Receipt
from vietnamese_text.normalise import fold
from vocabulary import intake_advice, refusals

log = logging.getLogger(__name__)

FLOW = "filing"
PREFIX = "fi"
TYPE, CONTENT, REGIME, PROCEDURE, UNIT = "type", "content", "regime", "procedure", "unit"
KNOWN_CONTACT, NAME, CONTACT, ADDRESS = "known_contact", "name", "contact", "address"
SUMMARY, DUPLICATE = "summary", "duplicate"
EDITABLE = (TYPE, CONTENT, PROCEDURE, UNIT, NAME, CONTACT, ADDRESS)
PROCEDURE_CHOICES = 5
UNIT_CHOICES = 8
LABEL_LENGTH = 56
DONE_WORDS = frozenset({"xong", "da xong", "xong roi"})  # typed instead of choosing «Xong»
SEND_WORDS = frozenset({"gui", "gui di"})  # typed instead of choosing «Gửi»
CANCEL_WORDS = frozenset({"huy", "huy bo"})  # typed instead of choosing «Huỷ» where a choice is awaited
SKIP_WORDS = frozenset({"bo qua", "khong", "khong co", "khong ro"})  # typed instead of «Bỏ qua» (procedure, unit)
CHOICE_STEPS = (TYPE, REGIME, KNOWN_CONTACT, SUMMARY, DUPLICATE, PROCEDURE, UNIT)


def _choice(label: str, *parts: str | int) -> Choice:
    return Choice(choice_id(PREFIX, *parts), label)


def _cancel_choice() -> Choice:
    return _choice(texts.BUTTON_CANCEL, "cancel")


def _feedback(turn: Turn) -> FeedbackService:
    feedback = turn.services.feedback
    assert feedback is not None, "filing is reached only through start(), which checks the service"
    return feedback


def _answers(turn: Turn) -> Answers:
    return turn.conversation.answers


# --- asking: each step's question ---------------------------------------------------------------------


async def _ask(turn: Turn, step: str) -> None:
    """Ask the question of `step`, which the conversation is then at (to ask again when the citizen returns)."""
    turn.conversation.goto(step)
    answers = _answers(turn)
    match step:
        case "type":
            kinds = [
                _choice(texts.BUTTON_PHAN_ANH, "type", FeedbackType.PHAN_ANH),
                _choice(texts.BUTTON_KIEN_NGHI, "type", FeedbackType.KIEN_NGHI),
            ]
            turn.say(texts.INTAKE_TYPE, [kinds, [_cancel_choice()]])
        case "content":
            prompt = texts.INTAKE_CONTENT_AGAIN if answers.get(draft.EDITING) else texts.INTAKE_CONTENT
            turn.say(prompt.format(max_attachments=_feedback(turn).limits.max_attachments))
            if answers.get(draft.TEXTS) or answers.get(draft.FILES) or answers.get(draft.LOCATION):
                _say_received(turn)
        case "regime":
            await _ask_regime(turn)
        case "procedure":
            turn.say(texts.INTAKE_PROCEDURE, [[_choice(texts.BUTTON_SKIP, "skip")]])
        case "unit":
            await _ask_unit(turn)
        case "known_contact":
            _tell_privacy(turn)
            known = await _feedback(turn).last_contact(draft.citizen_of(turn.account))
            if known is None:
                await _ask(turn, NAME)
                return
            turn.say(
                texts.INTAKE_REUSE_CONTACT.format(contact=views.known_contact(known)),
                [[_choice(texts.BUTTON_REUSE_CONTACT, "reuse")], [_choice(texts.BUTTON_NEW_CONTACT, "new")]],
            )
        case "name":
            _tell_privacy(turn)
            turn.say(texts.INTAKE_NAME)
        case "contact":
            turn.say(texts.INTAKE_CONTACT, request=Request.PHONE)
        case "address":
            turn.say(texts.INTAKE_ADDRESS)
        case "duplicate":
            await _ask_duplicate(turn)
        case _:
            answers[draft.EDITING] = False
            turn.conversation.goto(SUMMARY)
            turn.say(views.summary(answers), _summary_choices())


def _tell_privacy(turn: Turn) -> None:
    """The personal-data notice, once per draft, before the first personal detail is asked (or a contact from
    last time offered); the version shown goes with the item (Luật Bảo vệ dữ liệu cá nhân, Điều 4)."""
    answers = _answers(turn)
    if answers.get(draft.NOTICE_VERSION) is None:
        turn.say(views.privacy_notice(turn.services))
        answers[draft.NOTICE_VERSION] = NOTICE_VERSION


def _summary_choices() -> list[list[Button]]:
    def edit(step: str) -> Choice:
        return _choice(texts.BUTTON_EDIT[step], "edit", step)

    return [
        [_choice(texts.BUTTON_SEND, "send")],
        [edit(TYPE), edit(CONTENT)],
        [edit(PROCEDURE), edit(UNIT)],
        [edit(NAME), edit(CONTACT)],
        [edit(ADDRESS)],
        [_cancel_choice()],
    ]


async def _ask_unit(turn: Turn) -> None:
    """Offer the units to address the PAKN to; an office with no units set up skips the question."""
    units = list(await _feedback(turn).units())
    if not units:
        await _next(turn, KNOWN_CONTACT)
        return
    turn.say(texts.INTAKE_UNIT, _offer(turn, "u", [(unit.code, unit.name) for unit in units[:UNIT_CHOICES]]))


async def _ask_regime(turn: Turn) -> None:
    regime = detect_other_regime(draft.content(_answers(turn)))
    if regime is None:  # the content changed meanwhile
        await _next(turn, PROCEDURE)
        return
    advice = "\n\n".join(escape(paragraph) for paragraph in intake_advice.regime_advice(regime))
    turn.say(
        advice + "\n\n" + texts.REGIME_ADVICE_FOOTER,
        [
            [_choice(texts.BUTTON_SEND_AS_PAKN, "anyway")],
            [_choice(texts.BUTTON_REWRITE, "rewrite")],
            [_cancel_choice()],
        ],
    )


async def _ask_duplicate(turn: Turn) -> None:
    code = _answers(turn).get("duplicate_of") or ""
    warning = "\n".join(escape(paragraph) for paragraph in intake_advice.duplicate_warning(code))
    turn.say(warning, [[_choice(texts.BUTTON_SEND_ANYWAY, "again"), _cancel_choice()]])


def _offer(turn: Turn, kind: str, found: list[tuple[str, str]]) -> list[list[Button]]:
    """Choices for the (code, name) found, numbered within this offer; a choice of an older offer is stale."""
    answers = _answers(turn)
    serial = int(answers.get(draft.OFFER_SERIAL, 0)) + 1
    answers[draft.OFFER_SERIAL], answers[draft.OFFER] = serial, [code for code, _ in found]
    rows: list[list[Button]] = [
        [_choice(shorten(name, LABEL_LENGTH), kind, serial, number)] for number, (_, name) in enumerate(found)
    ]
    return [*rows, [_choice(texts.BUTTON_SKIP, "skip")]]


def _offered(turn: Turn, serial: str, number: str) -> str | None:
    """The code a choice of the current offer names; None for a choice of an older offer or a forged one."""
    answers = _answers(turn)
    offer = answers.get(draft.OFFER) or []
    if serial != str(answers.get(draft.OFFER_SERIAL)) or not number.isdigit() or int(number) >= len(offer):
        return None
    return str(offer[int(number)])


async def _next(turn: Turn, step: str) -> None:
    """After an answer: ask for `step`, or go back to the summary when one field was being edited."""
    await _ask(turn, SUMMARY if _answers(turn).get(draft.EDITING) else step)


# --- starting, and the way back in ----------------------------------------------------------------------


async def start(turn: Turn) -> None:
    """/phananh, the menu entry or an intent: the daily cap first, then a fresh draft and its type."""
    feedback = turn.services.feedback
    if feedback is None:
        turn.say(texts.FEEDBACK_UNAVAILABLE)
        return
    if turn.conversation.flow == FLOW:
        # The draft stays; its question comes again (the message with it may be far up the chat).
        turn.say(texts.STILL_FILING)
        await _ask(turn, turn.conversation.step or SUMMARY)
        return
    opens_at = await feedback.filing_opens_at(draft.citizen_of(turn.account))
    if opens_at is not None:
        turn.say(views.daily_cap(feedback.limits.daily_cap_per_citizen, opens_at) + texts.CAP_BEFORE_FILING)
        return
    turn.conversation.start(FLOW, TYPE, draft.begin())
    await _ask(turn, TYPE)


_WORDS = re.compile(r"\w+")
_FILING_PHRASES = ("phan anh", "kien nghi")
_FILING_VERBS = frozenset({"gui", "nop", "viet", "lam", "tao", "muon", "can", "co"})
# "rút phản ánh", "tra cứu phản ánh", "xem phản ánh"…: another flow's words about an item already filed.
_OTHER_ACTIONS = ("rut", "tra cuu", "xem", "huy", "theo doi", "danh gia", "mo lai", "bo sung", "tra loi", "ma")
_INTENT_MAX_WORDS = 10  # a longer text is a search or a question, not a request to file
_TYPED_KINDS = {"phan anh": str(FeedbackType.PHAN_ANH), "kien nghi": str(FeedbackType.KIEN_NGHI)}


def wants_to_file(text: str) -> bool:
    """ "tôi muốn gửi phản ánh", "gui kien nghi", "phản ánh": the citizen asks to file a PAKN."""
    words = _WORDS.findall(fold(text))
    folded = f" {' '.join(words)} "
    if not words or len(words) > _INTENT_MAX_WORDS or not any(f" {p} " in folded for p in _FILING_PHRASES):
        return False
    if any(f" {action} " in folded for action in _OTHER_ACTIONS):
        return False
    return bool(_FILING_VERBS & set(words)) or folded.strip() in (*_FILING_PHRASES, "phan anh kien nghi")


async def _intent(turn: Turn) -> bool:
    if not isinstance(turn.event, Text) or not wants_to_file(turn.event.text):
        return False
    await start(turn)
    return True


async def _cancel(turn: Turn) -> None:
    """/huy or «Huỷ» at any step: forget the answers (the citizen asked)."""
    turn.conversation.finish()
    turn.say(texts.FILING_CANCELLED, end_request=True)


# --- the events of each step ----------------------------------------------------------------------------


async def _in_flow(turn: Turn) -> None:
    """Anything but a command or a choice, while filing: the answer to the step's question."""
    event, step = turn.event, turn.conversation.step
    if turn.services.feedback is None:
        turn.conversation.finish()
        turn.say(texts.FEEDBACK_UNAVAILABLE)
        return
    if step == CONTENT:
        await _content_event(turn)
        return
    if isinstance(event, (FileShared, LocationShared)):
        await _remind(turn, texts.FILES_ONLY_IN_CONTENT)
        return
    if step == CONTACT and isinstance(event, ContactShared):
        await _contact_shared(turn, event)
        return
    if not isinstance(event, Text):
        await _remind(turn, texts.PLEASE_TYPE)
        return
    typed = " ".join(_WORDS.findall(fold(event.text)))
    if typed in CANCEL_WORDS and step in CHOICE_STEPS:  # not at the name step: "Huy" may be a name
        await _cancel(turn)
        return
    if typed in SKIP_WORDS and step in ("procedure", "unit"):  # not a procedure's or a unit's name
        await _step_choice(turn, step, "skip", [])
        return
    match step:
        case "type":
            await _type_typed(turn, event.text)
        case "procedure":
            _procedure_search(turn, event.text)
        case "unit":
            await _unit_search(turn, event.text)
        case "name":
            await _name(turn, event.text)
        case "contact":
            await _contact_typed(turn, event.text)
        case "address":
            await _address(turn, event.text)
        case "summary" if typed in SEND_WORDS:
            await _send(turn)
        case _:
            await _remind(turn, texts.CHOOSE_ONE)


async def _remind(turn: Turn, text: str) -> None:
    """Say what this step takes; a step answered by choosing shows its choices again (a typed number picks)."""
    turn.say(text)
    if turn.conversation.step in CHOICE_STEPS:
        await _ask(turn, turn.conversation.step or SUMMARY)


async def _type_typed(turn: Turn, typed: str) -> None:
    """Words instead of a type: a description is kept as the content's start; a khiếu nại or a tố cáo is
    explained, and the citizen may still send it as a PAKN by choosing a type."""
    answers = _answers(turn)
    text = typed.strip()
    kind = _TYPED_KINDS.get(" ".join(_WORDS.findall(fold(text))))
    if kind is not None:  # the type's name typed rather than chosen
        await _step_choice(turn, TYPE, "type", [kind])
        return
    if not _has_words(text) or wants_to_file(text):  # "tôi muốn gửi phản ánh" again is not the content
        await _remind(turn, texts.CHOOSE_ONE)
        return
    if content_length(draft.content(answers) + "\n\n" + text) <= _feedback(turn).limits.content_max_chars:
        answers[draft.TEXTS].append(text)
    regime = detect_other_regime(text)
    if regime is not None:
        answers[draft.REGIME_SEEN] = str(regime)
        advice = "\n\n".join(escape(paragraph) for paragraph in intake_advice.regime_advice(regime))
        turn.say(advice + "\n\n" + texts.REGIME_TYPED_KEPT)
    else:
        turn.say(texts.CONTENT_TYPED_KEPT.format(chars=draft.chars(answers)))
    await _ask(turn, TYPE)


def _has_words(text: str) -> bool:
    return word_count(text) >= MIN_WORDS


async def _content_event(turn: Turn) -> None:
    """Words, a photo or file, or a place on the map: kept within the limits, and the citizen may go on."""
    event, answers, limits = turn.event, _answers(turn), _feedback(turn).limits
    if isinstance(event, Text) and " ".join(_WORDS.findall(fold(event.text))) in DONE_WORDS:
        await _content_done(turn)
        return
    if isinstance(event, LocationShared):
        try:
            place = Location(event.latitude, event.longitude)
        except ValueError:
            turn.say(texts.CONTENT_WHAT)
            return
        answers[draft.LOCATION] = draft.location_json(event)
        turn.say(texts.LOCATION_RECEIVED.format(coordinates=place.coordinates))
        _say_received(turn)
        return
    if isinstance(event, Text):
        text, shared = event.text.strip(), None
    elif isinstance(event, FileShared):
        text, shared = event.caption.strip(), event
    else:
        turn.say(texts.CONTENT_WHAT)
        return
    if text and not word_count(text):  # emoji or punctuation alone: not kept, it would only pad what officers read
        if shared is None:
            no_words = ContentRejected(ContentProblem.NO_WORDS, MIN_WORDS)
            turn.say(views.rejection(no_words) + texts.NOT_ADDED, [[_choice(texts.BUTTON_DONE, "done")]])
            return
        text = ""  # the file is what was sent; its caption said nothing in words
    try:
        if text and content_length(draft.content(answers) + "\n\n" + text) > limits.content_max_chars:
            raise ContentRejected(ContentProblem.TOO_LONG, limits.content_max_chars)
        if shared is not None:
            check_attachment(shared.size, len(answers[draft.FILES]), limits)
    except (ContentRejected, AttachmentRejected) as error:
        turn.say(views.rejection(error) + texts.NOT_ADDED, [[_choice(texts.BUTTON_DONE, "done")]])
        return
    if text:
        answers[draft.TEXTS].append(text)
    if shared is not None:
        answers[draft.FILES].append(draft.file_json(shared))
    _say_received(turn)


def _say_received(turn: Turn) -> None:
    answers = _answers(turn)
    received = texts.CONTENT_RECEIVED.format(
        chars=draft.chars(answers),
        files=len(answers.get(draft.FILES, [])),
        location=texts.CONTENT_RECEIVED_LOCATION if answers.get(draft.LOCATION) else "",
    )
    turn.say(received, [[_choice(texts.BUTTON_DONE, "done")]])


async def _content_done(turn: Turn) -> None:
    """«Xong»: the content must say something in words; a khiếu nại or tố cáo gets the advice first."""
    answers = _answers(turn)
    text = draft.content(answers)
    try:
        check_submission(text, len(answers[draft.FILES]), _feedback(turn).limits)
    except (ContentRejected, AttachmentRejected) as error:
        turn.say(views.rejection(error))
        return
    regime = detect_other_regime(text)
    if regime is not None and answers.get(draft.REGIME_SEEN) != str(regime):
        await _ask(turn, REGIME)
        return
    await _next(turn, PROCEDURE)


def _procedure_search(turn: Turn, typed: str) -> None:
    """Words typed at the procedure step: the closest procedures to choose from."""
    result = turn.services.catalog.search(typed, limit=PROCEDURE_CHOICES)
    found = [(hit.entry.code, hit.entry.name) for hit in (result.hits or result.suggestions)[:PROCEDURE_CHOICES]]
    if not found:
        query = escape(shorten(typed, 80))
        turn.say(texts.PROCEDURE_NONE.format(query=query), [[_choice(texts.BUTTON_SKIP, "skip")]])
        return
    turn.say(texts.PROCEDURE_CHOOSE, _offer(turn, "p", found))


async def _unit_search(turn: Turn, typed: str) -> None:
    """Words typed at the unit step: the closest units to choose from."""
    found = find_units(typed, await _feedback(turn).units(), limit=UNIT_CHOICES)
    if not found:
        query = escape(shorten(typed, 80))
        turn.say(texts.UNIT_NONE.format(query=query), [[_choice(texts.BUTTON_SKIP, "skip")]])
        return
    turn.say(texts.UNIT_CHOOSE, _offer(turn, "u", [(unit.code, unit.name) for unit in found]))


async def _name(turn: Turn, typed: str) -> None:
    """The citizen's full name: letters (emoji and bare numbers are not a name)."""
    try:
        name = normalise_name(typed)
    except InvalidContact as error:
        turn.say(texts.TRY_AGAIN.format(problem=escape(refusals.contact_refusal(error))))
        return
    _answers(turn)[draft.NAME] = name
    await _next(turn, CONTACT)


async def _contact_typed(turn: Turn, typed: str) -> None:
    """A phone number or an e-mail, typed: checked, and explained when wrong."""
    try:
        parsed = parse_contact(typed)
    except InvalidContact as error:
        problem = escape(refusals.contact_refusal(error))
        turn.say(texts.CONTACT_INVALID.format(problem=problem), request=Request.PHONE)
        return
    await _contact_noted(turn, parsed.phone, parsed.email)


async def _contact_shared(turn: Turn, shared: ContactShared) -> None:
    """The channel's "share my number" control: the citizen chose to give the number the channel knows."""
    try:
        phone = normalise_phone(shared.phone or "")
    except InvalidContact as error:
        problem = escape(refusals.contact_refusal(error))
        turn.say(texts.CONTACT_INVALID.format(problem=problem), request=Request.PHONE)
        return
    await _contact_noted(turn, phone, None)


async def _contact_noted(turn: Turn, phone: str | None, email: str | None) -> None:
    answers = _answers(turn)
    answers[draft.PHONE], answers[draft.EMAIL] = phone, email
    turn.say(texts.CONTACT_NOTED.format(contact=contact_line(phone, email)), end_request=True)
    await _next(turn, ADDRESS)


async def _address(turn: Turn, typed: str) -> None:
    """The citizen's address, in words; then everything is shown to check."""
    try:
        address = normalise_address(typed)
    except InvalidContact as error:
        turn.say(texts.TRY_AGAIN.format(problem=escape(refusals.contact_refusal(error))))
        return
    _answers(turn)[draft.ADDRESS] = address
    await _ask(turn, SUMMARY)


# --- choices ----------------------------------------------------------------------------------------------


async def _chosen(turn: Turn, rest: str) -> None:
    """A choice of filing: checked against the step the draft is at (an old message's choice does nothing)."""
    what, *parts = rest.split(":")
    if what == "start":
        await start(turn)
        return
    if turn.conversation.flow != FLOW or turn.services.feedback is None:
        turn.say(texts.FILING_OVER)
        return
    if what == "cancel":
        await _cancel(turn)
        return
    step = turn.conversation.step
    handled = await _step_choice(turn, step, what, parts)
    if not handled:
        turn.say(texts.FILING_STALE)
        await _ask(turn, step or SUMMARY)


async def _step_choice(turn: Turn, step: str | None, what: str, parts: list[str]) -> bool:
    """Carry out the choice if the step offers it; False for one it does not (stale or forged)."""
    answers = _answers(turn)
    match (step, what, parts):
        case ("type", "type", [kind]) if kind in tuple(FeedbackType):
            answers[draft.TYPE] = kind
            turn.say(texts.TYPE_CHOSEN.format(type=type_label(kind)), replaces_origin=True)
            await _next(turn, CONTENT)
        case ("content", "done", []):
            await _content_done(turn)
        case ("regime", "anyway", []):
            regime = detect_other_regime(draft.content(answers))
            answers[draft.REGIME_SEEN] = str(regime) if regime is not None else None
            await _next(turn, PROCEDURE)
        case ("regime", "rewrite", []):
            answers[draft.TEXTS] = []
            answers.pop(draft.REGIME_SEEN, None)
            turn.conversation.goto(CONTENT)
            turn.say(texts.REWRITE_PROMPT)
        case ("procedure", "p", [serial, number]):
            code = _offered(turn, serial, number)
            procedure = await turn.services.catalog.get(code) if code is not None else None
            if procedure is None:
                return False
            answers[draft.PROCEDURE_CODE], answers[draft.PROCEDURE_NAME] = procedure.code, procedure.name
            turn.say(texts.PROCEDURE_CHOSEN.format(name=escape(procedure.name)), replaces_origin=True)
            await _next(turn, UNIT)
        case ("procedure", "skip", []):
            answers[draft.PROCEDURE_CODE], answers[draft.PROCEDURE_NAME] = None, None
            turn.say(texts.PROCEDURE_SKIPPED, replaces_origin=True)
            await _next(turn, UNIT)
        case ("unit", "u", [serial, number]):
            code = _offered(turn, serial, number)
            tree = await _feedback(turn).units()
            if code is None or code not in tree:
                return False
            unit = tree.get(code)
            answers[draft.UNIT_CODE], answers[draft.UNIT_NAME] = unit.code, unit.name
            turn.say(texts.UNIT_CHOSEN.format(name=escape(unit.name)), replaces_origin=True)
            await _next(turn, KNOWN_CONTACT)
        case ("unit", "skip", []):
            answers[draft.UNIT_CODE], answers[draft.UNIT_NAME] = None, None
            turn.say(texts.UNIT_SKIPPED, replaces_origin=True)
            await _next(turn, KNOWN_CONTACT)
        case ("known_contact", "reuse", []):
            known = await _feedback(turn).last_contact(draft.citizen_of(turn.account))
            if known is None:
                await _ask(turn, NAME)
            else:
                draft.use_contact(answers, known)
                await _ask(turn, SUMMARY)
        case ("known_contact", "new", []):
            await _ask(turn, NAME)
        case ("summary", "edit", [field]) if field in EDITABLE:
            answers[draft.EDITING] = True
            if field == CONTENT:
                draft.forget_content(answers)
            await _ask(turn, field)
        case ("summary", "send", []):
            await _send(turn)
        case ("duplicate", "again", []):
            answers[draft.REPEAT_OF] = answers.pop("duplicate_of", None)
            await _submit(turn)
        case _:
            return False
    return True


# --- sending ----------------------------------------------------------------------------------------------


async def _send(turn: Turn) -> None:
    """«Gửi» (or «Thử lại»): a draft already filed is its receipt; a near-identical item sent in the last day
    is warned about; otherwise submit."""
    feedback, answers = _feedback(turn), _answers(turn)
    try:
        filed = await feedback.receipt_for(answers[draft.KEY])
        if filed is not None:  # sent before the answer was lost (a crash, a retried event)
            _received(turn, filed)
            return
        text = draft.content(answers)
        duplicate = await feedback.find_duplicate(draft.citizen_of(turn.account), text) if text else None
    except Exception:
        _storage_failed(turn)
        return
    if duplicate is not None and answers.get(draft.REPEAT_OF) != duplicate:
        answers["duplicate_of"] = duplicate
        await _ask(turn, DUPLICATE)
        return
    await _submit(turn)


async def _submit(turn: Turn) -> None:
    """Submit and wait for the commit; on a refusal or a failure say so, keep the draft and show the summary."""
    feedback, answers = _feedback(turn), _answers(turn)
    regime = detect_other_regime(draft.content(answers))
    try:
        receipt = await feedback.submit(draft.to_draft(answers, turn.account, regime))
    except DailyCapReached as error:
        opens_at = await feedback.filing_opens_at(draft.citizen_of(turn.account))
        turn.say(views.daily_cap(error.cap, opens_at) + texts.DRAFT_KEPT)
    except (ContentRejected, AttachmentRejected) as error:
        turn.say(texts.NOT_SENT.format(problem=views.rejection(error)))
    except IncompleteContact:
        turn.say(texts.CONTACT_INCOMPLETE)
    except InvalidContact as error:
        turn.say(escape(refusals.contact_refusal(error)))
    except UnknownUnit:
        answers[draft.UNIT_CODE], answers[draft.UNIT_NAME] = None, None
        turn.say(texts.UNIT_GONE)
    except Exception:
        _storage_failed(turn)
        return
    else:
        _received(turn, receipt)
        return
    await _ask(turn, SUMMARY)


def _received(turn: Turn, receipt: Receipt) -> None:
    kind = _answers(turn)[draft.TYPE]
    turn.conversation.finish()
    turn.say(views.receipt(receipt, kind, _feedback(turn).policy.answer_days))


def _storage_failed(turn: Turn) -> None:
    """The database failed: nothing is stored, the draft is kept, «Thử lại» sends it again (its key makes a
    commit that did go through before its answer was lost the same item)."""
    log.exception("PAKN submission failed", extra={"channel": turn.account.channel})
    turn.conversation.goto(SUMMARY)
    turn.say(texts.SUBMIT_FAILED, [[_choice(texts.BUTTON_RETRY, "send"), _cancel_choice()]])


def register(router: Router) -> None:
    router.command("phananh", start, texts.COMMAND_PHANANH)
    router.menu_entry(_choice(texts.MENU_FEEDBACK, "start"))
    router.choices(PREFIX, _chosen)
    router.flow(FLOW, _in_flow)
    router.on_cancel(FLOW, _cancel)
    router.intent(_intent)
    router.help_sections.append(texts.HELP_FILING)

"""What an inline button asks for, encoded into Telegram's callback_data (at most 64 bytes).

Formats, one letter for the kind and `:` between fields:

    o:<code>              open a procedure's card as a new message
    p:<code>:<page>       show another page of a card, in place
    s:<search>:<page>     show another page of search results (the query stays in user_data)
    m:<entry>             a main-menu entry
    i:<choice>            a button of the PAKN intake conversation (a type, "done", "edit_name"…)
    j:<code>              the procedure a PAKN is about, picked from search results
    t:<tracking code>     open one of the citizen's own PAKN items
    r:<tracking code>:<n> rate an answered item with n stars (1–5), one tap
    u:<tracking code>     "Chưa được giải quyết": reopen an answered item
    a:<tracking code>     send the information an officer asked for

The officers' workspace (bot/officer_*.py) has its own letters. Each press is checked again by the
officer desk: callback data says what was asked for, never what is allowed.

    q:<list>:<page>                  a page of a queue list (q: the unit's queue, m: mine, o: overdue)
    w:<tracking code>                open an item as an officer
    x:<tracking code>:<action>       an officer's action on an item ("accept", "claim", "answer"…)
    y:<tracking code>:<kind>:<value> a choice for an action: a refusal reason, a colleague, a unit
    k:<choice>                       a button of the officer's typed-text conversation ("send"…)

Codes may be up to 64 characters (provincial forms like "1.001193.000.00.00.H12"), so a code
that would not fit is replaced by `#` and a short digest, remembered in a CodeBook kept in
bot_data. The digest is deterministic: the same code always gets the same key, so the book
holds at most one key per long code of the catalog.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

MAX_BYTES = 64
_SEPARATOR = ":"
_DIGEST_MARK = "#"

# The buttons of the PAKN conversations (IntakeChoice.choice): short ASCII words.
PHAN_ANH = "phan_anh"
KIEN_NGHI = "kien_nghi"
DONE = "done"
SKIP = "skip"
REUSE_CONTACT = "reuse"
NEW_CONTACT = "new_contact"
SEND = "send"
SEND_ANYWAY = "send_anyway"
CANCEL = "cancel"
EDIT_TYPE = "edit_type"
EDIT_CONTENT = "edit_content"
EDIT_PROCEDURE = "edit_procedure"
EDIT_UNIT = "edit_unit"
EDIT_NAME = "edit_name"
EDIT_CONTACT = "edit_contact"
EDIT_ADDRESS = "edit_address"
NO_REASON = "no_reason"
SEND_INFORMATION = "send_information"
STOP = "stop"  # leave a follow-up (a reopen reason, information asked for) without sending

# The officers' lists (OfficerList.kind).
UNIT_QUEUE = "q"
MY_ITEMS = "m"
OVERDUE = "o"
# An officer's choices (OfficerPick.kind): a refusal reason to review, the refusal confirmed, a colleague,
# a unit to forward to.
REFUSAL_REASON = "r"
REFUSAL_CONFIRMED = "R"
COLLEAGUE = "a"
FORWARD_UNIT = "f"
# An officer's actions on an item (OfficerAct.action); the last five are typed, then confirmed.
ACCEPT = "accept"
CLAIM = "claim"
REFUSE = "refuse"
ASSIGN = "assign"
FORWARD = "forward"
ANSWER = "answer"
ASK_CITIZEN = "ask"
EXTEND = "extend"
APOLOGISE = "apologise"
CLOSE = "close"
REFUSE_OTHER = "refuse_other"
EDIT = "edit"  # type the text again (with SEND and CANCEL, under the text an officer typed)


@dataclass(frozen=True)
class OpenCard:
    code: str


@dataclass(frozen=True)
class CardPage:
    code: str
    page: int


@dataclass(frozen=True)
class ResultsPage:
    search_id: str
    page: int


@dataclass(frozen=True)
class MenuChoice:
    entry: str


@dataclass(frozen=True)
class IntakeChoice:
    choice: str


@dataclass(frozen=True)
class PickProcedure:
    code: str


@dataclass(frozen=True)
class PickUnit:
    """A unit the citizen addresses the PAKN to (a unit code: short ASCII, fits as it is)."""

    code: str


@dataclass(frozen=True)
class OpenItem:
    tracking_code: str


@dataclass(frozen=True)
class RateItem:
    tracking_code: str
    stars: int


@dataclass(frozen=True)
class ReopenItem:
    tracking_code: str


@dataclass(frozen=True)
class AddInformation:
    tracking_code: str


@dataclass(frozen=True)
class OfficerList:
    kind: str
    page: int


@dataclass(frozen=True)
class OfficerOpen:
    tracking_code: str


@dataclass(frozen=True)
class OfficerAct:
    tracking_code: str
    action: str


@dataclass(frozen=True)
class OfficerPick:
    tracking_code: str
    kind: str
    value: str


@dataclass(frozen=True)
class OfficerChoice:
    choice: str


Action = (
    OpenCard
    | CardPage
    | ResultsPage
    | MenuChoice
    | IntakeChoice
    | PickProcedure
    | PickUnit
    | OpenItem
    | RateItem
    | ReopenItem
    | AddInformation
    | OfficerList
    | OfficerOpen
    | OfficerAct
    | OfficerPick
    | OfficerChoice
)
_LETTERS: dict[type[Action], str] = {
    OpenCard: "o",
    CardPage: "p",
    ResultsPage: "s",
    MenuChoice: "m",
    IntakeChoice: "i",
    PickProcedure: "j",
    PickUnit: "n",
    OpenItem: "t",
    RateItem: "r",
    ReopenItem: "u",
    AddInformation: "a",
    OfficerList: "q",
    OfficerOpen: "w",
    OfficerAct: "x",
    OfficerPick: "y",
    OfficerChoice: "k",
}


class CodeBook:
    """Codes too long for callback data, by their short digest key."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def key(self, code: str) -> str:
        digest = base64.urlsafe_b64encode(hashlib.sha256(code.encode("utf-8")).digest()[:9]).decode("ascii")
        self._codes[digest] = code
        return digest

    def code(self, key: str) -> str | None:
        return self._codes.get(key)


def _fits(data: str) -> bool:
    return len(data.encode("utf-8")) <= MAX_BYTES


def _with_code(kind: str, code: str, rest: tuple[str, ...], codes: CodeBook) -> str:
    data = _SEPARATOR.join((kind, code, *rest))
    if _fits(data) and _SEPARATOR not in code and not code.startswith(_DIGEST_MARK):
        return data
    return _SEPARATOR.join((kind, _DIGEST_MARK + codes.key(code), *rest))


def encode(action: Action, codes: CodeBook) -> str:
    """The callback data for an action; always within Telegram's 64 bytes."""
    match action:
        case OpenCard(code):
            data = _with_code("o", code, (), codes)
        case CardPage(code, page):
            data = _with_code("p", code, (str(page),), codes)
        case ResultsPage(search_id, page):
            data = _SEPARATOR.join(("s", search_id, str(page)))
        case MenuChoice(entry):
            data = _SEPARATOR.join(("m", entry))
        case IntakeChoice(choice):
            data = _SEPARATOR.join(("i", choice))
        case PickProcedure(code):
            data = _with_code("j", code, (), codes)
        case PickUnit(code):
            data = _with_code("n", code, (), codes)
        case OpenItem(tracking_code) | ReopenItem(tracking_code) | AddInformation(tracking_code):
            data = _SEPARATOR.join((_LETTERS[type(action)], tracking_code))
        case RateItem(tracking_code, stars):
            data = _SEPARATOR.join(("r", tracking_code, str(stars)))
        case OfficerList(kind, page):
            data = _SEPARATOR.join(("q", kind, str(page)))
        case OfficerOpen(tracking_code):
            data = _SEPARATOR.join(("w", tracking_code))
        case OfficerAct(tracking_code, officer_action):
            data = _SEPARATOR.join(("x", tracking_code, officer_action))
        case OfficerPick(tracking_code, kind, value):
            data = _SEPARATOR.join(("y", tracking_code, kind, value))
            if not _fits(data) or _SEPARATOR in value or value.startswith(_DIGEST_MARK):
                # A username or unit code may be up to 64 characters: the book keeps the long ones.
                data = _SEPARATOR.join(("y", tracking_code, kind, _DIGEST_MARK + codes.key(value)))
        case OfficerChoice(choice):
            data = _SEPARATOR.join(("k", choice))
    if not _fits(data):
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def _code(field: str, codes: CodeBook) -> str | None:
    return codes.code(field[1:]) if field.startswith(_DIGEST_MARK) else field


def _page(field: str) -> int | None:
    return int(field) if field.isdecimal() and int(field) >= 1 else None


def decode(data: str, codes: CodeBook) -> Action | None:
    """The action behind callback data; None when it is malformed or refers to a forgotten code."""
    kind, _, rest = data.partition(_SEPARATOR)
    fields = rest.split(_SEPARATOR)
    match kind, fields:
        case "o", [code_field] if code_field:
            code = _code(code_field, codes)
            return OpenCard(code) if code else None
        case "p", [code_field, page_field] if code_field:
            code, page = _code(code_field, codes), _page(page_field)
            return CardPage(code, page) if code and page else None
        case "s", [search_id, page_field] if search_id:
            page = _page(page_field)
            return ResultsPage(search_id, page) if page else None
        case "m", [entry] if entry:
            return MenuChoice(entry)
        case "i", [choice] if choice:
            return IntakeChoice(choice)
        case "j", [code_field] if code_field:
            code = _code(code_field, codes)
            return PickProcedure(code) if code else None
        case "n", [code_field] if code_field:
            code = _code(code_field, codes)
            return PickUnit(code) if code else None
        case "t", [tracking_code] if tracking_code:
            return OpenItem(tracking_code)
        case "u", [tracking_code] if tracking_code:
            return ReopenItem(tracking_code)
        case "a", [tracking_code] if tracking_code:
            return AddInformation(tracking_code)
        case "r", [tracking_code, stars_field] if tracking_code and stars_field in ("1", "2", "3", "4", "5"):
            return RateItem(tracking_code, int(stars_field))
        case "q", [kind, page_field] if kind:
            page = _page(page_field)
            return OfficerList(kind, page) if page else None
        case "w", [tracking_code] if tracking_code:
            return OfficerOpen(tracking_code)
        case "x", [tracking_code, officer_action] if tracking_code and officer_action:
            return OfficerAct(tracking_code, officer_action)
        case "y", [tracking_code, kind, value_field] if tracking_code and kind and value_field:
            value = _code(value_field, codes)
            return OfficerPick(tracking_code, kind, value) if value else None
        case "k", [choice] if choice:
            return OfficerChoice(choice)
    return None


def pattern(kind: type[Action]) -> str:
    """A regular expression for CallbackQueryHandler that selects one kind of action."""
    return f"^{_LETTERS[kind]}{_SEPARATOR}"


def menu_pattern(entry: str) -> str:
    """A regular expression for CallbackQueryHandler that selects one main-menu entry."""
    return f"^m{_SEPARATOR}{entry}$"


def officer_act_pattern(*actions: str) -> str:
    """A regular expression for CallbackQueryHandler that selects officers' action buttons by their action."""
    return f"^x{_SEPARATOR}[^{_SEPARATOR}]+{_SEPARATOR}({'|'.join(actions)})$"


def officer_choice_pattern(*choices: str) -> str:
    return f"^k{_SEPARATOR}({'|'.join(choices)})$"


def intake_pattern(*choices: str) -> str:
    """A regular expression for CallbackQueryHandler that selects intake buttons by their choice."""
    return f"^i{_SEPARATOR}({'|'.join(choices)})$"

"""Procedure lookup: words no flow waits for are a search; a result list, its pages, a procedure's card,
opened by its choice, by its code typed alone, by /tthc CODE or by a shared link (/start tthc_1-001193).

What search could not answer is kept for the agency to teach it (the account's channel, never who asked):
a search with no confident answer, and one after which the person searched again without opening a card.
"""

from __future__ import annotations

from dialogue import texts
from dialogue.card import card_parts
from dialogue.events import Command, Text
from dialogue.procedure_links import code_from_parameter, share_address
from dialogue.recent_searches import RecentSearches
from dialogue.replies import MAX_CHOICE_ID_BYTES, Choice, Link
from dialogue.result_list import (
    CARD_MORE,
    DID_YOU_MEAN,
    MAX_RESULTS,
    MENU,
    OPEN_CARD,
    PREFIX,
    RESULTS_PAGE,
    results_view,
    shortened,
)
from dialogue.rich_text import escape
from dialogue.router import CHOICE_SEPARATOR, Router, choice_id
from dialogue.turn import Turn
from procedures_catalog.lessons import UnansweredReason, group_key
from procedures_catalog.procedure_code import short_code
from procedures_catalog.search import SearchResult
from procedures_catalog.teaching import unanswered_query

MAX_QUERY = 500  # a pasted paragraph is searched by its beginning, and kept that short for paging
MAX_CODE = 64  # longer than any code: answered "no such code" without asking the database
_QUOTED_CODE = 80
# Most cards are one to three replies; a longer one (up to 35 for the longest documents lists) goes on when the
# person asks, so a card does not push everything else off the screen, nor a channel's per-chat pace.
PARTS_AT_ONCE = 3
DEEP_LINK_PREFIXES = ("tthc_", "tthc-")


async def show_card(turn: Turn, code: str, first: int = 1) -> None:
    """A procedure's card from part `first`, in as many replies as it needs but at most PARTS_AT_ONCE, the
    last then offering the rest; or the answer that no procedure has the code."""
    code = code.strip()
    procedure = await turn.services.catalog.get(code) if code and len(code) <= MAX_CODE else None
    if procedure is None:
        turn.say(texts.CODE_NOT_FOUND.format(code=escape(shortened(code, _QUOTED_CODE))))
        return
    RecentSearches(turn.conversation.memory).opened()
    link = share_address(turn.services.share_addresses, turn.account.channel, procedure.code)
    parts = card_parts(procedure, share_link=link)
    first = min(max(first, 1), len(parts))
    shown = parts[first - 1 : first - 1 + PARTS_AT_ONCE]
    for part in shown[:-1]:
        turn.say(part)
    following = first + len(shown)
    more = _card_more(procedure.code, following, len(parts)) if following <= len(parts) else None
    if more is not None:
        turn.say(shown[-1], [[more]])
    else:
        turn.say(shown[-1], [[Link(texts.LINK_SHARE, link)]] if link else [])


def _card_more(code: str, following: int, parts: int) -> Choice | None:
    """The choice that sends the rest of a long card (None for a code too long for an id: it all goes)."""
    identifier = choice_id(PREFIX, CARD_MORE, code, following)
    if len(identifier.encode()) > MAX_CHOICE_ID_BYTES or not identifier.isascii():
        return None
    last = min(following + PARTS_AT_ONCE - 1, parts)
    if last == following:
        return Choice(identifier, texts.CHOICE_CARD_LAST.format(part=following, parts=parts))
    return Choice(identifier, texts.CHOICE_CARD_MORE.format(first=following, last=last, parts=parts))


async def _find(turn: Turn, query: str) -> SearchResult:
    teaching = turn.services.teaching
    if teaching is None:
        return turn.services.catalog.search(query, limit=MAX_RESULTS)
    result = await teaching.look_up(query, turn.now, limit=MAX_RESULTS)
    turn.keep_unanswered(teaching.kept_of(query, result, turn.account.channel, turn.now))
    return result


async def search(turn: Turn, text: str) -> None:
    """The procedures `text` most likely means, as a list to choose from; a code's card at once."""
    query = " ".join(text.split())[:MAX_QUERY]
    if not query:
        turn.say(texts.LOOKUP_PROMPT)
        return
    recent = RecentSearches(turn.conversation.memory)
    previous = recent.left_unopened(turn.now)
    result = await _find(turn, query)
    teaching = turn.services.teaching
    if teaching is not None and previous is not None and group_key(previous) != group_key(query):
        again = UnansweredReason.SEARCHED_AGAIN
        turn.keep_unanswered(unanswered_query(previous, turn.account.channel, turn.now, again))
    if result.by_code and result.hits:
        await show_card(turn, result.hits[0].entry.code)
        return
    search_id = recent.remember(query, turn.now, answered=result.confident)
    view = results_view(result, search_id)
    turn.say(view.text, view.buttons)


async def _results_page(turn: Turn, argument: str) -> None:
    """Another page of a search still remembered, in place of the one shown where the channel can."""
    search_id, _, page = argument.partition(CHOICE_SEPARATOR)
    query = RecentSearches(turn.conversation.memory).query(search_id)
    if query is None or not page.isdigit() or len(page) > 3:
        turn.say(texts.SEARCH_FORGOTTEN)
        return
    view = results_view(turn.services.catalog.search(query, limit=MAX_RESULTS), search_id, int(page))
    turn.say(view.text, view.buttons, replaces_origin=True)


async def _did_you_mean(turn: Turn, search_id: str) -> None:
    """Search what the engine read in a remembered search ("dangky kethon" → "đăng ký kết hôn")."""
    query = RecentSearches(turn.conversation.memory).query(search_id)
    meant = turn.services.catalog.search(query, limit=1).did_you_mean if query is not None else None
    if not meant:
        turn.say(texts.SEARCH_FORGOTTEN)
        return
    await search(turn, meant)


def register(router: Router) -> None:
    async def chosen(turn: Turn, rest: str) -> None:
        action, _, argument = rest.partition(CHOICE_SEPARATOR)
        if action == OPEN_CARD and argument:
            await show_card(turn, argument)
        elif action == CARD_MORE:
            code, _, part = argument.partition(CHOICE_SEPARATOR)
            if code and part.isdigit() and len(part) <= 3:
                await show_card(turn, code, int(part))
            else:
                turn.say(texts.STALE_CHOICE)
        elif action == RESULTS_PAGE:
            await _results_page(turn, argument)
        elif action == DID_YOU_MEAN:
            await _did_you_mean(turn, argument)
        elif action == MENU and not argument:
            turn.conversation.finish()
            turn.say(texts.LOOKUP_PROMPT)
        else:
            turn.say(texts.STALE_CHOICE)

    async def tthc(turn: Turn) -> None:
        words = turn.event.argument.split() if isinstance(turn.event, Command) else []
        if not words:
            turn.say(texts.TTHC_USAGE)
            return
        await show_card(turn, words[0])

    async def linked_card(turn: Turn) -> None:
        argument = turn.event.argument if isinstance(turn.event, Command) else ""
        code = code_from_parameter(argument)
        if code is None:
            turn.say(texts.BAD_LINK)
            return
        await show_card(turn, code)

    async def code_typed(turn: Turn) -> bool:
        if not isinstance(turn.event, Text) or short_code(turn.event.text) is None:
            return False
        await show_card(turn, turn.event.text)
        return True

    async def free_text(turn: Turn) -> None:
        if isinstance(turn.event, Text):
            await search(turn, turn.event.text)

    router.menu_entry(Choice(choice_id(PREFIX, MENU), texts.MENU_LOOKUP))
    router.command("tthc", tthc, texts.COMMAND_TTHC)
    router.help_sections.append(texts.HELP_LOOKUP)
    router.choices(PREFIX, chosen)
    for prefix in DEEP_LINK_PREFIXES:
        router.deep_link_prefix(prefix, linked_card)
    router.intent(code_typed)
    router.fallback(free_text)

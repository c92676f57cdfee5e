"""Which flow answers an event: commands, pressed choices, the flow waiting for an answer, intents, search.

Each flow registers itself (`register(router)` in its module) and the dialogue asks the router in this
order, the first that takes the event answers it:

1. a typed number when choices were offered ("2" picks the second), read as that choice;
2. a command, by name ("/phananh");
3. a pressed choice, by its id's prefix ("lk:", "fb:"): the flow checks the rest of the id again;
4. the flow the conversation is in (it is waiting for a name, a reason, the information asked for);
5. intents, in order ("tôi muốn gửi phản ánh", a tracking code typed alone);
6. the fallback (a procedure search), or a plain "not understood".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from dialogue import texts
from dialogue.events import Choose, Command, Text
from dialogue.replies import Choice
from dialogue.turn import Turn

Handler = Callable[[Turn], Awaitable[None]]
ChoiceHandler = Callable[[Turn, str], Awaitable[None]]
Intent = Callable[[Turn], Awaitable[bool]]  # True when it took the event

CHOICE_SEPARATOR = ":"


def choice_id(prefix: str, *parts: str | int) -> str:
    """`prefix:part:part`, the form every flow's choice ids take."""
    return CHOICE_SEPARATOR.join([prefix, *(str(part) for part in parts)])


class Router:
    def __init__(self) -> None:
        self._commands: dict[str, Handler] = {}
        self._choices: dict[str, ChoiceHandler] = {}
        self._flows: dict[str, Handler] = {}
        self._intents: list[Intent] = []
        self._fallback: Handler | None = None
        self.menu: list[Choice] = []  # the main menu's entries, in the order the flows registered them
        self.command_list: list[tuple[str, str]] = []  # (command, description): Telegram's setMyCommands
        self.help_sections: list[str] = []  # what each flow adds to /help
        self._deep_links: list[tuple[str, Handler]] = []  # "/start <argument>" by the argument's prefix
        self._cancels: dict[str, Handler] = {}  # what /huy does in each flow

    def command(self, name: str, handler: Handler, description: str | None = None) -> None:
        self._commands[name] = handler
        if description is not None:
            self.command_list.append((name, description))

    def menu_entry(self, choice: Choice) -> None:
        self.menu.append(choice)

    def choices(self, prefix: str, handler: ChoiceHandler) -> None:
        if CHOICE_SEPARATOR in prefix or prefix in self._choices:
            raise ValueError(f"choice prefix {prefix!r} is taken or malformed")
        self._choices[prefix] = handler

    def flow(self, name: str, handler: Handler) -> None:
        self._flows[name] = handler

    def intent(self, intent: Intent) -> None:
        self._intents.append(intent)

    def on_cancel(self, flow: str, handler: Handler) -> None:
        """What /huy says and keeps when the conversation is in `flow` (default: forget it, say so)."""
        self._cancels[flow] = handler

    async def cancel(self, turn: Turn) -> None:
        flow = turn.conversation.flow
        if flow is None:
            turn.say(texts.NOTHING_TO_CANCEL)
        elif flow in self._cancels:
            await self._cancels[flow](turn)
        else:
            turn.conversation.finish()
            turn.say(texts.CANCELLED)

    def deep_link_prefix(self, prefix: str, handler: Handler) -> None:
        """`/start <prefix>…`: a link that opens the bot on something (a procedure's card)."""
        self._deep_links.append((prefix, handler))

    def deep_link(self, argument: str) -> Handler | None:
        for prefix, handler in self._deep_links:
            if argument.startswith(prefix):
                return handler
        return None

    def fallback(self, handler: Handler) -> None:
        self._fallback = handler

    def has_command(self, name: str) -> bool:
        return name in self._commands

    async def respond(self, turn: Turn) -> None:
        event = turn.event
        typed = _typed_choice(turn)
        if typed is not None:
            turn.event = event = Choose(typed)
        if isinstance(event, Command):
            handler = self._commands.get(event.name)
            if handler is None:
                turn.say(texts.UNKNOWN_COMMAND)
            else:
                await handler(turn)
            return
        if isinstance(event, Choose):
            prefix, _, rest = event.choice_id.partition(CHOICE_SEPARATOR)
            choice_handler = self._choices.get(prefix)
            if choice_handler is None:
                turn.say(texts.STALE_CHOICE)
            else:
                await choice_handler(turn, rest)
            return
        flow = turn.conversation.flow
        if flow is not None and flow in self._flows:
            await self._flows[flow](turn)
            return
        for intent in self._intents:
            if await intent(turn):
                return
        if self._fallback is not None and isinstance(event, Text):
            await self._fallback(turn)
        elif isinstance(event, Text):
            turn.say(texts.NOT_UNDERSTOOD)
        else:
            turn.say(texts.NOT_TEXT)


def _typed_choice(turn: Turn) -> str | None:
    """The offered choice a typed number names ("2", " 2. "), if any."""
    if not isinstance(turn.event, Text) or not turn.conversation.offered:
        return None
    typed = turn.event.text.strip().rstrip(".)")
    if not typed.isdigit():
        return None
    number = int(typed)
    if 1 <= number <= len(turn.conversation.offered):
        return turn.conversation.offered[number - 1]
    return None

"""The way in: /start with the main menu, /help, and what a person sends that no flow reads."""

from __future__ import annotations

from dialogue import texts
from dialogue.events import Command
from dialogue.rich_text import escape
from dialogue.router import Router
from dialogue.turn import Turn


def register(router: Router) -> None:
    async def start(turn: Turn) -> None:
        if isinstance(turn.event, Command) and turn.event.argument:
            handler = router.deep_link(turn.event.argument)
            if handler is not None:
                await handler(turn)
                return
        turn.conversation.finish()
        name = turn.account.display_name
        greeting = texts.GREETING.format(name=texts.GREETING_NAME.format(name=escape(name)) if name else "")
        turn.say(greeting, [[entry] for entry in router.menu])

    async def help_command(turn: Turn) -> None:
        turn.say(texts.HELP + "".join(router.help_sections))

    router.command("start", start, texts.COMMAND_START)
    router.command("help", help_command, texts.COMMAND_HELP)
    router.command("huy", router.cancel, texts.COMMAND_HUY)

"""Every flow of the dialogue, registered in the order the router tries their intents."""

from __future__ import annotations

from dialogue import lookup, menu, officer_item, officer_queue, officer_typing, tracking
from dialogue.router import Router


def build_router() -> Router:
    router = Router()
    menu.register(router)
    lookup.register(router)
    officer_queue.register(router)
    officer_item.register(router)
    officer_typing.register(router)
    tracking.register(router)
    return router

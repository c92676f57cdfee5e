"""Every flow of the dialogue, registered in the order the router tries their intents."""

from __future__ import annotations

from dialogue import menu
from dialogue.router import Router


def build_router() -> Router:
    router = Router()
    menu.register(router)
    return router

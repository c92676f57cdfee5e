"""Every flow of the dialogue, registered in the order the router tries their intents."""

from __future__ import annotations

from dialogue import (
    filing,
    followup,
    lookup,
    menu,
    my_data,
    officer_item,
    officer_queue,
    officer_typing,
    tracking,
    web_pin,
)
from dialogue.router import Router


def build_router() -> Router:
    router = Router()
    menu.register(router)
    lookup.register(router)
    filing.register(router)
    officer_queue.register(router)
    officer_item.register(router)
    officer_typing.register(router)
    followup.register(router)  # before tracking: "rút phản ánh 20261123.0001" is a withdrawal, not a look-up
    tracking.register(router)
    web_pin.register(router)
    my_data.register(router)  # last in the menu: the way in to one's rights, not the day's business
    return router

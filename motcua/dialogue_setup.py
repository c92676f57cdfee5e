"""The dialogue assembled from the composition root's services and the settings, for every channel."""

from __future__ import annotations

from collections.abc import Mapping

from dialogue.engine import Dialogue
from dialogue.flows import build_router
from dialogue.turn import Services as DialogueServices
from feedback.refusal_reasons import DEFAULT_REFUSAL_REASONS_PATH, load_refusal_reasons
from motcua.bootstrap import Services
from motcua.settings import Settings


def build_dialogue(
    settings: Settings, services: Services, *, share_addresses: Mapping[str, str] | None = None
) -> Dialogue:
    """`share_addresses`: per channel, the address that opens a procedure there (dialogue.procedure_links)."""
    return Dialogue(
        services.uow_factory,
        build_router(),
        DialogueServices(
            catalog=services.catalog,
            feedback=services.feedback,
            desk=services.desk,
            refusal_reasons=load_refusal_reasons(settings.refusal_reasons_file or DEFAULT_REFUSAL_REASONS_PATH),
            teaching=services.search_teaching,
            share_addresses=dict(share_addresses or {}),
        ),
    )

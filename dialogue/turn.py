"""One event being answered: what a flow reads (the event, the conversation, the services) and what it says."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from dialogue.conversation import Conversation
from dialogue.events import Account, Event
from dialogue.replies import Button, Reply, Request

if TYPE_CHECKING:
    from feedback.domain.refusal_reasons import RefusalReason
    from feedback.service_layer.feedback_service import FeedbackService
    from feedback.service_layer.filer_pin import FilerPins
    from feedback.service_layer.officer_desk import OfficerDesk
    from feedback.service_layer.personal_data import PersonalData
    from procedures_catalog.services import Catalog
    from procedures_catalog.teaching import SearchTeaching, UnansweredQuery


@dataclass(frozen=True)
class Services:
    """The domain services the flows use. Without `feedback` the product only looks procedures up."""

    catalog: Catalog
    feedback: FeedbackService | None = None
    desk: OfficerDesk | None = None  # None: no officers' flows (they answer that they are for officers)
    refusal_reasons: Mapping[str, RefusalReason] = field(default_factory=dict)  # an officer refusing picks one
    # Keeps what search could not answer, for the agency to teach it (none: searches are not kept).
    teaching: SearchTeaching | None = None
    # Per channel, the address that opens a procedure there: "https://t.me/motcua_bot?start={parameter}" or
    # the portal's "https://dichvu.example.vn/thu-tuc/{code}" (see dialogue.procedure_links).
    share_addresses: Mapping[str, str] = field(default_factory=dict)
    # The citizen's rights over their personal data («Dữ liệu của tôi»), and the retention ages the notice
    # states; None: the flow says it is not available, the notice states the default ages.
    personal_data: PersonalData | None = None
    # The full personal-data notice on the portal ("https://motcua.xa.gov.vn/du-lieu-ca-nhan"); None: the short
    # notice names the page without an address.
    privacy_notice_address: str | None = None
    # A messenger filer's PIN for the web portal's page of one of their items (none: not offered), and where the
    # portal's following page is ("https://motcua.xa.gov.vn/phan-anh/tra-cuu"; None: the text names it only).
    pins: FilerPins | None = None
    portal_follow_address: str | None = None


@dataclass
class Turn:
    account: Account
    event: Event
    conversation: Conversation
    services: Services
    now: datetime
    origin: str | None = None  # the message whose button was pressed, when the channel says
    replies: list[Reply] = field(default_factory=list)
    # What search could not answer, kept for the agency in the turn's own transaction (once, with its state).
    unanswered: list[UnansweredQuery] = field(default_factory=list)

    def say(
        self,
        text: str,
        buttons: Sequence[Sequence[Button]] = (),
        *,
        request: Request | None = None,
        end_request: bool = False,
        replaces_origin: bool = False,
        secret: bool = False,
    ) -> None:
        self.replies.append(
            Reply(
                text=text,
                buttons=tuple(tuple(row) for row in buttons),
                request=request,
                end_request=end_request,
                replaces_origin=replaces_origin,
                secret=secret,
            )
        )

    def add(self, reply: Reply) -> None:
        self.replies.append(reply)

    def keep_unanswered(self, query: UnansweredQuery | None) -> None:
        if query is not None:
            self.unanswered.append(query)

"""What «Dữ liệu của tôi» shows: every personal detail held about the person, item by item, how many times
officers were shown them and from which units, and their deletion requests. Every value is escaped here."""

from __future__ import annotations

from dialogue import texts
from dialogue.item_words import contact_line, day, shorten
from dialogue.rich_text import escape
from feedback.domain.deadlines import local_date
from feedback.domain.model import Contact
from feedback.domain.units import UnitTree
from feedback.service_layer.personal_data import DeletionRequest, HeldData, HeldItem, RequestStatus

CONTENT_SHOWN = 300
NOTE_SHOWN = 500


def contact(held: Contact) -> str:
    """Name, phone or e-mail, address: one line, escaped."""
    return " · ".join(part for part in (escape(held.name), contact_line(held.phone, held.email), escape(held.address)))


def held_data(held: HeldData, units: UnitTree | None, *, newest_only: bool) -> str:
    """`newest_only`: the list was cut at its length (the newest items are shown)."""
    remembered = (
        texts.MY_DATA_REMEMBERED.format(contact=contact(held.remembered_contact))
        if held.remembered_contact is not None
        else texts.MY_DATA_NOT_REMEMBERED
    )
    heading = texts.MY_DATA_ITEMS_NEWEST if newest_only else texts.MY_DATA_ITEMS
    items = heading.format(count=len(held.items)) + "".join(_item(item, units) for item in held.items)
    return texts.MY_DATA.format(
        remembered=remembered,
        items=items if held.items else "",
        requests="".join(_request(request) for request in held.deletion_requests),
    )


def _item(item: HeldItem, units: UnitTree | None) -> str:
    extras = [texts.MY_DATA_FILES.format(count=item.attachments)] if item.attachments else []
    if item.location:
        extras.append(texts.MY_DATA_LOCATION)
    return texts.MY_DATA_ITEM.format(
        code=escape(item.code),
        received=day(item.received_on),
        contact=texts.MY_DATA_CONTACT.format(contact=contact(item.contact))
        if item.contact is not None
        else texts.MY_DATA_MASKED,
        extras=texts.MY_DATA_EXTRAS.format(extras=", ".join(extras)) if extras else "",
        content=escape(shorten(item.content, CONTENT_SHOWN)),
        notice=texts.MY_DATA_NOTICE.format(version=escape(item.notice_version)) if item.notice_version else "",
        views=_views(item.views, units),
    )


def _views(views: dict[str | None, int], units: UnitTree | None) -> str:
    """How many times, and by which units (an officer of several units counts for them together)."""
    total = sum(views.values())
    if not total:
        return texts.MY_DATA_NO_VIEWS
    by_unit = sorted(views.items(), key=lambda entry: (-entry[1], entry[0] or ""))
    shown = "; ".join(texts.MY_DATA_VIEWS_UNIT.format(unit=_unit_names(codes, units), count=n) for codes, n in by_unit)
    return texts.MY_DATA_VIEWS.format(count=total, units=shown)


def _unit_names(codes: str | None, units: UnitTree | None) -> str:
    if codes is None:
        return texts.MY_DATA_VIEWS_ADMIN
    known = units if units is not None else UnitTree(())
    return ", ".join(escape(known.get(code).name if code in known else code) for code in codes.split(","))


def _request(request: DeletionRequest) -> str:
    if request.status == RequestStatus.PENDING:
        state = texts.MY_DATA_REQUEST_PENDING.format(due=day(request.due_on))
    elif request.status == RequestStatus.APPROVED:
        state = texts.MY_DATA_REQUEST_APPROVED.format(decided=_decided(request))
    else:
        note = escape(shorten(request.note or "", NOTE_SHOWN))
        state = texts.MY_DATA_REQUEST_REJECTED.format(decided=_decided(request), note=note)
    return texts.MY_DATA_REQUEST.format(requested=day(local_date(request.requested_at)), state=state)


def _decided(request: DeletionRequest) -> str:
    return day(local_date(request.decided_at)) if request.decided_at is not None else "—"

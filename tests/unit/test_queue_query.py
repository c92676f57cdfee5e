"""The queue page's GET parameters: parsed into a filter, kept in links."""

from datetime import date

import pytest

from feedback.domain.legal_type import FeedbackType
from feedback.domain.queue import QueueFilter, QueueOrder
from feedback.domain.status import Status
from web.queue_query import BadFilter, parse_queue_query


def test_no_parameters_is_the_whole_queue_in_deadline_order() -> None:
    query = parse_queue_query({}, "an")
    assert query.filter == QueueFilter()
    assert query.page == 1


def test_every_parameter_reaches_the_filter() -> None:
    query = parse_queue_query(
        {
            "unit": "mot-cua",
            "status": "in_progress",
            "type": "kien_nghi",
            "assignee": "Binh",
            "from": "2026-11-01",
            "to": "2026-11-30",
            "overdue": "1",
            "q": " đèn đường ",
            "sort": "received",
            "dir": "desc",
            "page": "3",
        },
        "an",
    )
    assert query.filter == QueueFilter(
        units=frozenset({"MOT-CUA"}),
        statuses=frozenset({Status.IN_PROGRESS}),
        types=frozenset({FeedbackType.KIEN_NGHI}),
        assignee="binh",
        received_from=date(2026, 11, 1),
        received_to=date(2026, 11, 30),
        overdue_only=True,
        words="đèn đường",
        order=QueueOrder.RECEIVED,
        descending=True,
    )
    assert query.page == 3


def test_mine_means_the_officer_asking() -> None:
    assert parse_queue_query({"mine": "1", "assignee": "binh"}, "an").filter.assignee == "an"


def test_all_statuses() -> None:
    assert parse_queue_query({"status": "all"}, "an").filter.statuses == frozenset(Status)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "lost"}, "status"),
        ({"type": "khieu_nai"}, "type"),
        ({"from": "1/12/2026"}, "from"),
        ({"sort": "mood"}, "sort"),
        ({"page": "-1"}, "page"),
        ({"page": "two"}, "page"),
        ({"unit": "đơn vị"}, "unit"),
    ],
)
def test_a_parameter_that_cannot_be_understood_is_named(params: dict[str, str], field: str) -> None:
    with pytest.raises(BadFilter) as raised:
        parse_queue_query(params, "an")
    assert raised.value.field == field


def test_links_keep_the_filters_and_reset_the_page() -> None:
    query = parse_queue_query({"unit": "MOT-CUA", "overdue": "1", "page": "2"}, "an")
    assert query.link(page="3") == "?unit=MOT-CUA&overdue=1&page=3"
    assert query.sort_link(QueueOrder.STATUS) == "?unit=MOT-CUA&overdue=1&sort=status"
    assert query.sort_link(QueueOrder.DEADLINE) == "?unit=MOT-CUA&overdue=1&sort=deadline&dir=desc"

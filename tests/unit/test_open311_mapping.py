from datetime import UTC, date, datetime, timedelta

import pytest

from feedback.domain.api_keys import InvalidClientName, key_digest, new_key, normalise_client_name
from feedback.domain.legal_type import FeedbackType
from feedback.domain.status import Status
from web.open311.mapping import (
    InvalidParameter,
    Problem,
    RequestStatus,
    citizen_ref,
    end_of_day,
    parse_request_query,
    parse_service_request,
    parse_w3c,
    request_status,
    statuses_for,
    w3c_datetime,
)

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
FORM = {
    "service_code": "kien_nghi",
    "description": "Đề nghị mở thêm giờ tiếp dân vào sáng thứ Bảy",
    "first_name": "Văn An",
    "last_name": "Nguyễn",
    "email": "an@example.vn",
    "lat": "21.0285",
    "long": "105.8542",
}


def test_answered_refused_withdrawn_and_closed_items_are_closed_the_rest_open() -> None:
    closed = {status for status in Status if request_status(status) == RequestStatus.CLOSED}
    assert closed == {Status.ANSWERED, Status.REFUSED, Status.CLOSED, Status.WITHDRAWN}
    assert statuses_for(frozenset({RequestStatus.OPEN})) == frozenset(Status) - closed


def test_times_carry_the_vietnam_offset() -> None:
    assert w3c_datetime(NOW) == "2026-11-23T08:00:00+07:00"
    assert w3c_datetime(end_of_day(date(2026, 12, 8))) == "2026-12-08T23:59:59+07:00"


def test_the_form_gives_a_vietnamese_name_family_name_first_and_the_coordinates_as_location() -> None:
    form = parse_service_request(FORM)
    assert form.type == FeedbackType.KIEN_NGHI
    assert form.name == "Nguyễn Văn An"
    assert form.location == "21.028500, 105.854200"
    assert form.phone is None and form.email == "an@example.vn"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"service_code": " "}, Problem.MISSING_SERVICE_CODE),
        ({"service_code": "khieu_nai"}, Problem.UNKNOWN_SERVICE_CODE),
        ({"description": "x" * 4001}, Problem.DESCRIPTION_TOO_LONG),
        ({"description": "ổ gà\x07"}, Problem.ILLEGAL_CHARACTERS),
        ({"lat": "nan"}, Problem.BAD_COORDINATES),
        ({"long": ""}, Problem.BAD_COORDINATES),
        ({"attribute[unit][]": "MOT-CUA"}, Problem.BAD_ATTRIBUTE_VALUE),
        ({"media_url": "ftp://a.vn/x.jpg"}, Problem.BAD_MEDIA_URL),
    ],
)
def test_a_bad_field_names_its_problem(change: dict[str, str], problem: Problem) -> None:
    with pytest.raises(InvalidParameter) as raised:
        parse_service_request({**FORM, **change})
    assert raised.value.problem == problem


def test_one_citizen_of_a_client_is_the_same_however_the_phone_is_typed() -> None:
    assert citizen_ref(3, "+84 912 345 678", None) == citizen_ref(3, "0912345678", "x@y.vn")
    assert citizen_ref(3, "0912345678", None) != citizen_ref(4, "0912345678", None)
    assert "0912345678" not in citizen_ref(3, "0912345678", None).external_id


def test_the_query_defaults_to_the_last_90_days_first_page_of_100() -> None:
    query = parse_request_query({}, NOW)
    assert (query.since, query.until, query.page, query.page_size) == (NOW - timedelta(days=90), NOW, 1, 100)
    assert query.statuses is None and query.types is None and query.codes is None


def test_a_start_date_alone_opens_a_90_day_window() -> None:
    query = parse_request_query({"start_date": "2026-01-01T00:00:00Z"}, NOW)
    assert query.until - query.since == timedelta(days=90)


def test_ids_override_the_other_parameters_and_are_normalised() -> None:
    query = parse_request_query({"service_request_id": "202611230017, 20261123.0002", "status": "closed"}, NOW)
    assert query.codes == ("20261123.0017", "20261123.0002")
    assert query.statuses is None


@pytest.mark.parametrize("text", ["2026-11-23T08:00:00", "23/11/2026", "2026-13-01", ""])
def test_dates_need_the_w3c_form_with_an_offset(text: str) -> None:
    with pytest.raises(InvalidParameter):
        parse_w3c(text, "start_date")


def test_a_date_alone_is_a_day_in_vietnam_time() -> None:
    assert parse_w3c("2026-11-23", "start_date") == datetime(2026, 11, 22, 17, 0, tzinfo=UTC)
    assert parse_w3c("2026-11-23", "end_date", end_of_day=True).date() == date(2026, 11, 23)


def test_api_keys_are_random_and_only_their_digest_is_kept() -> None:
    first, second = new_key(), new_key()
    assert first != second and len(first) > 40
    assert key_digest(first) != key_digest(second)
    assert first not in key_digest(first)


def test_client_names_are_short_lowercase_identifiers() -> None:
    assert normalise_client_name(" Kiosk-Mot-Cua ") == "kiosk-mot-cua"
    for bad in ["", "Tổng đài", "a b", "x" * 65]:
        with pytest.raises(InvalidClientName):
            normalise_client_name(bad)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "２"}, "page"),
        ({"page_size": "201"}, "page_size"),
        ({"page_size": "mười"}, "page_size"),
        ({"page": " 2"}, "page"),
        ({"page": ""}, "page"),
    ],
)
def test_a_page_out_of_range_is_a_bad_parameter(values: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidParameter) as raised:
        parse_request_query(values, NOW)
    assert raised.value.field == field


def test_pages_are_chosen_by_number_and_size() -> None:
    query = parse_request_query({"page": "3", "page_size": "20"}, NOW)
    assert (query.page, query.page_size) == (3, 20)

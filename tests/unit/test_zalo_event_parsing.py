"""Zalo's webhook events read as the dialogue's events: what each kind becomes, and what is ignored."""

from __future__ import annotations

from typing import Any

import pytest

from dialogue.events import (
    Choose,
    ContactShared,
    FileKind,
    FileShared,
    Followed,
    Inbound,
    LocationShared,
    Text,
    Unsupported,
)
from zalo.choice_payload import payload_for
from zalo.event_parsing import Ignored, contact_shared, parse_event

USER = "246845883529197922"
OA = "388613280878808645"


def message_event(event_name: str, message: dict[str, Any], timestamp: str = "1543908534740") -> dict[str, Any]:
    return {
        "app_id": "360846524940903967",
        "sender": {"id": USER},
        "user_id_by_app": "552177279717587730",
        "recipient": {"id": OA},
        "event_name": event_name,
        "message": message,
        "timestamp": timestamp,
    }


def one(body: dict[str, Any]) -> Inbound:
    parsed = parse_event(body)
    assert isinstance(parsed, list) and len(parsed) == 1, parsed
    return parsed[0]


def test_text_is_words_from_the_sender_replied_to_by_the_same_id() -> None:
    inbound = one(message_event("user_send_text", {"text": "làm sổ đỏ", "msg_id": "m1"}))
    assert inbound.event == Text("làm sổ đỏ")
    assert (inbound.account.channel, inbound.account.user_id, inbound.account.reply_to) == ("zalo", USER, USER)
    assert inbound.event_id == "m1"


def test_our_button_payload_is_a_choice_and_anything_else_is_text() -> None:
    assert one(message_event("user_send_text", {"text": payload_for("type:pakn"), "msg_id": "m"})).event == Choose(
        "type:pakn"
    )
    for typed in ("#mc:", "#mc:hai từ", "#mc:" + "x" * 65, "#phonecheckin", "mc:type:pakn"):
        assert one(message_event("user_send_text", {"text": typed, "msg_id": "m"})).event == Text(typed)


def test_an_image_is_a_photo_known_by_its_url_with_the_caption() -> None:
    url = "https://photo-stal-9.zdn.vn/abc.jpg"
    attachment = {"type": "image", "payload": {"thumbnail": url + "?thumb", "url": url}}
    inbound = one(message_event("user_send_image", {"attachments": [attachment], "text": "ổ gà", "msg_id": "m2"}))
    assert inbound.event == FileShared(kind=FileKind.PHOTO, ref=url, caption="ổ gà")


def test_several_images_in_one_message_are_several_events_with_distinct_ids() -> None:
    attachments = [{"type": "image", "payload": {"url": f"https://zdn.vn/{n}.jpg"}} for n in range(3)]
    parsed = parse_event(message_event("user_send_image", {"attachments": attachments, "msg_id": "m3"}))
    assert isinstance(parsed, list)
    assert [inbound.event_id for inbound in parsed] == ["m3", "m3:1", "m3:2"]
    assert [inbound.event.ref for inbound in parsed if isinstance(inbound.event, FileShared)] == [
        f"https://zdn.vn/{n}.jpg" for n in range(3)
    ]


def test_a_file_is_a_document_with_its_name_size_and_type() -> None:
    payload = {
        "size": "233947",
        "name": "don-de-nghi.docx",
        "checksum": "c0ffee",
        "type": "docx",
        "url": "https://f.zdn.vn/d",
    }
    event = one(
        message_event("user_send_file", {"attachments": [{"type": "file", "payload": payload}], "msg_id": "m"})
    ).event
    assert isinstance(event, FileShared)
    assert (event.kind, event.ref, event.name, event.size, event.unique_ref) == (
        FileKind.DOCUMENT,
        "https://f.zdn.vn/d",
        "don-de-nghi.docx",
        233947,
        "c0ffee",
    )
    assert event.mime_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_location_comes_with_string_coordinates_and_the_place_name() -> None:
    coordinates = {"latitude": "10.7923119", "longitude": "106.7820651"}
    attachment = {"type": "location", "payload": {"coordinates": coordinates}}
    event = one(
        message_event("user_send_location", {"attachments": [attachment], "text": "Cầu Sài Gòn", "msg_id": "m"})
    ).event
    assert event == LocationShared(latitude=10.7923119, longitude=106.7820651, title="Cầu Sài Gòn")


@pytest.mark.parametrize(
    "coordinates", [{"latitude": "abc", "longitude": "1"}, {"latitude": "91", "longitude": "1"}, {}]
)
def test_a_location_that_cannot_be_read_is_unsupported_not_dropped(coordinates: dict[str, str]) -> None:
    attachment = {"type": "location", "payload": {"coordinates": coordinates}}
    assert one(message_event("user_send_location", {"attachments": [attachment], "msg_id": "m"})).event == Unsupported(
        "location"
    )


@pytest.mark.parametrize(
    ("event_name", "kind"),
    [
        ("user_send_sticker", "sticker"),
        ("user_send_audio", "audio"),
        ("user_send_video", "video"),
        ("user_send_gif", "gif"),
    ],
)
def test_what_the_dialogue_cannot_read_is_unsupported_with_its_kind(event_name: str, kind: str) -> None:
    assert one(message_event(event_name, {"attachments": [{"type": kind, "payload": {}}], "msg_id": "m"})).event == (
        Unsupported(kind)
    )


def test_follow_names_the_follower_and_has_an_id_made_of_event_time_and_user() -> None:
    body = {
        "oa_id": OA,
        "follower": {"id": USER},
        "user_id_by_app": "552172779717587730",
        "event_name": "follow",
        "source": "oa_profile",
        "app_id": "360846524940903967",
        "timestamp": "1543979782740",
    }
    inbound = one(body)
    assert inbound.event == Followed()
    assert inbound.account.user_id == USER
    assert inbound.event_id == f"follow:1543979782740:{USER}"


def test_submitted_information_in_the_newer_shape_becomes_a_contact_with_a_national_phone() -> None:
    body = message_event("user_submit_info", {})
    del body["message"]
    body["info"] = {
        "name": " Nguyễn Thị Lan ",
        "phone": "84912345678",
        "user_dob": "30/10/1999",
        "gender": "Nữ",
        "full_address": {"user_city": "Hà Nội", "user_ward": "Phường Ba Đình", "user_address": "12 Phan Đình Phùng"},
    }
    inbound = one(body)
    assert inbound.event == ContactShared(
        phone="0912345678", name="Nguyễn Thị Lan", address="12 Phan Đình Phùng, Phường Ba Đình, Hà Nội"
    )
    assert inbound.event_id == f"user_submit_info:1543908534740:{USER}"


def test_submitted_information_in_the_older_flat_shape_is_read_too() -> None:
    info = {
        "address": "Thôn 3",
        "phone": "84987654321",
        "city": "Quảng Nam",
        "district": "Duy Xuyên",
        "name": "Lê Văn Ba",
    }
    assert contact_shared(info) == ContactShared(
        phone="0987654321", name="Lê Văn Ba", address="Thôn 3, Duy Xuyên, Quảng Nam"
    )


def test_a_phone_that_is_not_vietnamese_is_passed_on_as_sent_for_the_dialogue_to_explain() -> None:
    assert contact_shared({"phone": "8612345"}).phone == "8612345"
    assert contact_shared({}) == ContactShared()


@pytest.mark.parametrize(
    "event_name",
    ["oa_send_text", "oa_send_image", "oa_send_list", "user_received_message", "user_seen_message", "unfollow"],
)
def test_the_oas_own_messages_receipts_and_unfollow_are_ignored(event_name: str) -> None:
    body = message_event(event_name, {"text": "echo", "msg_id": "m"})
    if event_name == "unfollow":
        body["follower"] = body.pop("sender")
    assert isinstance(parse_event(body), Ignored)


def test_an_unknown_event_or_one_without_a_sender_is_ignored_with_the_reason() -> None:
    unknown = parse_event(message_event("user_reacted_message", {"msg_id": "m"}))
    assert isinstance(unknown, Ignored) and "user_reacted_message" in unknown.reason
    body = message_event("user_send_text", {"text": "hi", "msg_id": "m"})
    body["sender"] = {}
    assert isinstance(parse_event(body), Ignored)
    assert isinstance(parse_event({"timestamp": "1"}), Ignored)


def test_a_typed_slash_command_is_a_command_as_the_help_shows_it() -> None:
    from dialogue.events import Command, Text
    from zalo.event_parsing import parse_event

    def typed(text: str) -> object:
        body = {"event_name": "user_send_text", "sender": {"id": "42"}, "message": {"text": text, "msg_id": "m1"}}
        parsed = parse_event(body)
        assert isinstance(parsed, list)
        return parsed[0].event

    assert typed("/tracuu 20261202.0001") == Command("tracuu", "20261202.0001")
    assert typed("/ không phải lệnh") == Text("/ không phải lệnh")
    assert typed("tra cứu") == Text("tra cứu")

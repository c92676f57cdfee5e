"""A dialogue reply as Zalo messages: plain text split at words, buttons or numbered lines, links, the
information form, photos; every message one the stand-in (Zalo's documented rules) accepts."""

from __future__ import annotations

from typing import Any

from dialogue.replies import Choice, Link, Media, MediaKind, Reply, Request
from stand_ins.zalo_oa import check_message
from zalo.choice_payload import chosen
from zalo.rendering import MAX_BUTTON_TITLE, MAX_TEXT, render


def rendered(reply: Reply) -> list[dict[str, Any]]:
    messages = render(reply)
    for message in messages:
        check_message(message)  # raises for anything Zalo would refuse
    return messages


def buttons_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    return message.get("attachment", {}).get("payload", {}).get("buttons", [])


def test_formatting_is_read_as_plain_text() -> None:
    reply = Reply('<b>Mã:</b> <code>20261123.0001</code> &amp; <a href="https://dichvucong.gov.vn/p">cổng</a>')
    assert rendered(reply) == [{"text": "Mã: 20261123.0001 & cổng (https://dichvucong.gov.vn/p)"}]


def test_a_long_text_is_split_at_words_within_zalos_limit_and_nothing_is_lost() -> None:
    words = [f"từ{n}" for n in range(900)]
    messages = rendered(Reply(" ".join(words)))
    assert len(messages) > 1
    assert all(len(message["text"]) <= MAX_TEXT for message in messages)
    assert " ".join(message["text"] for message in messages).split() == words


def test_up_to_five_choices_are_buttons_under_the_last_piece_whose_payload_names_the_choice() -> None:
    choices = tuple(Choice(f"type:{n}", f"Loại {n}") for n in range(1, 5))
    link = Link("Cổng dịch vụ công", "https://dichvucong.gov.vn")
    reply = Reply("x " * 1500 + "Chọn loại:", buttons=(choices[:2], choices[2:], (link,)))
    messages = rendered(reply)
    assert [buttons_of(message) for message in messages[:-1]] == [[]]
    buttons = buttons_of(messages[-1])
    assert [(button["title"], button["type"]) for button in buttons] == [
        ("Loại 1", "oa.query.hide"),
        ("Loại 2", "oa.query.hide"),
        ("Loại 3", "oa.query.hide"),
        ("Loại 4", "oa.query.hide"),
        ("Cổng dịch vụ công", "oa.open.url"),
    ]
    assert [chosen(button["payload"]) for button in buttons[:4]] == ["type:1", "type:2", "type:3", "type:4"]
    assert buttons[4]["payload"] == {"url": "https://dichvucong.gov.vn"}
    assert "1." not in messages[-1]["text"]


def test_more_than_five_choices_are_numbered_lines_with_how_to_pick_one() -> None:
    choices = tuple((Choice(f"unit:{n}", f"Đơn vị {n}"),) for n in range(1, 8))
    messages = rendered(Reply("Chọn đơn vị nhận:", buttons=choices))
    assert len(messages) == 1
    assert buttons_of(messages[0]) == []
    lines = messages[0]["text"].splitlines()
    assert lines[0] == "Chọn đơn vị nhận:"
    assert lines[2:9] == [f"{n}. Đơn vị {n}" for n in range(1, 8)]
    assert "1–7" in lines[9]


def test_choices_that_do_not_fit_beside_links_go_numbered_and_the_links_stay_buttons() -> None:
    choices = tuple(Choice(f"c{n}", f"Mục {n}") for n in range(1, 5))
    links = (Link("Xem trên cổng", "https://dichvucong.gov.vn"), Link("Bản đồ", "https://maps.example.vn"))
    messages = rendered(Reply("Kết quả:", buttons=(choices, links)))
    assert "4. Mục 4" in messages[-1]["text"]
    assert [button["type"] for button in buttons_of(messages[-1])] == ["oa.open.url", "oa.open.url"]


def test_buttons_without_words_get_a_line_above_them_and_long_labels_are_cut() -> None:
    long_label = "Thủ tục đăng ký khai sinh có yếu tố nước ngoài cho người đã có hồ sơ, giấy tờ cá nhân " * 2
    messages = rendered(Reply("", buttons=((Choice("p:1", long_label),),)))
    assert messages[0]["text"]
    title = buttons_of(messages[0])[0]["title"]
    assert len(title) <= MAX_BUTTON_TITLE and title.endswith("…")


def test_a_phone_request_adds_zalos_information_form() -> None:
    messages = rendered(Reply("Cho biết số điện thoại để cơ quan liên hệ:", request=Request.PHONE))
    assert messages[0] == {"text": "Cho biết số điện thoại để cơ quan liên hệ:"}
    assert messages[1]["attachment"]["payload"]["template_type"] == "request_user_info"
    assert len(messages[1]["attachment"]["payload"]["elements"]) == 1


def test_zalo_photos_are_image_messages_and_other_channels_media_is_left_to_the_text() -> None:
    media = (
        Media(MediaKind.PHOTO, "zalo", "https://photo.zdn.vn/1.jpg", caption="Ảnh 1"),
        Media(MediaKind.PHOTO, "telegram", "AgACAgIAAxkBAAI"),
        Media(MediaKind.DOCUMENT, "zalo", "https://f.zdn.vn/don.pdf"),
    )
    messages = rendered(Reply("Ảnh người dân gửi:", media=media))
    assert messages[0] == {"text": "Ảnh người dân gửi:"}
    assert messages[1]["attachment"]["payload"]["elements"] == [
        {"media_type": "image", "url": "https://photo.zdn.vn/1.jpg"}
    ]
    assert messages[1]["text"] == "Ảnh 1"
    assert "https://f.zdn.vn/don.pdf" in messages[2]["text"]
    assert len(messages) == 3


def test_replacing_the_origin_changes_nothing_zalo_cannot_edit() -> None:
    reply = Reply("Đã chọn.", buttons=((Choice("a", "A"),),))
    assert render(reply) == render(Reply("Đã chọn.", buttons=((Choice("a", "A"),),), replaces_origin=True))

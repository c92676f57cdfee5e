"""A reply survives the outbox: every field comes back as it went in."""

from __future__ import annotations

from dialogue import reply_codec
from dialogue.replies import Choice, Link, Media, MediaKind, Reply, Request


def test_a_reply_round_trips_through_json() -> None:
    reply = Reply(
        text="<b>Chọn</b> đơn vị «Xã Đông»",
        buttons=((Choice("fb:unit:1", "UBND xã"), Link("Cổng DVC", "https://dichvucong.gov.vn/p")),),
        request=Request.PHONE,
        end_request=True,
        replaces_origin=True,
        media=(Media(MediaKind.PHOTO, "telegram", "AgAC-1", "ảnh đường ngập"),),
        secret=True,
    )
    assert reply_codec.loads(reply_codec.dumps(reply)) == reply
    assert reply_codec.loads(reply_codec.dumps(Reply("chỉ chữ"))) == Reply("chỉ chữ")

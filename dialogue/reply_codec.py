"""A reply as JSON, for the channel outbox: written with the change, read back by the channel's sender."""

from __future__ import annotations

import json
from typing import Any

from dialogue.replies import Button, Choice, Link, Media, MediaKind, Reply, Request


def _button_json(button: Button) -> dict[str, str]:
    if isinstance(button, Choice):
        return {"id": button.id, "label": button.label}
    return {"url": button.url, "label": button.label}


def _button(data: dict[str, Any]) -> Button:
    if "url" in data:
        return Link(label=str(data["label"]), url=str(data["url"]))
    return Choice(id=str(data["id"]), label=str(data["label"]))


def dumps(reply: Reply) -> str:
    data: dict[str, Any] = {"text": reply.text}
    if reply.buttons:
        data["buttons"] = [[_button_json(button) for button in row] for row in reply.buttons]
    if reply.request is not None:
        data["request"] = reply.request.value
    if reply.end_request:
        data["end_request"] = True
    if reply.replaces_origin:
        data["replaces_origin"] = True
    if reply.secret:
        data["secret"] = True
    if reply.media:
        data["media"] = [
            {"kind": media.kind.value, "channel": media.channel, "ref": media.ref, "caption": media.caption}
            for media in reply.media
        ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def loads(raw: str) -> Reply:
    data = json.loads(raw)
    return Reply(
        text=str(data["text"]),
        buttons=tuple(tuple(_button(button) for button in row) for row in data.get("buttons", [])),
        request=Request(data["request"]) if data.get("request") else None,
        end_request=bool(data.get("end_request", False)),
        replaces_origin=bool(data.get("replaces_origin", False)),
        secret=bool(data.get("secret", False)),
        media=tuple(
            Media(MediaKind(item["kind"]), item["channel"], item["ref"], item.get("caption", ""))
            for item in data.get("media", [])
        ),
    )

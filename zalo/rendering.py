"""A dialogue `Reply` as Zalo consultation messages (the `message` object of `POST /v3.0/oa/message/cs`).

- Text: the light formatting read as plain text (Zalo shows no markup), split at word breaks into messages
  of at most 2,000 characters, Zalo's limit.
- Choices: up to five buttons (Zalo's limit, links included) go under the last text as `oa.query.hide`
  buttons whose payload names the choice (`choice_payload`). More than that, and the choices become
  numbered lines with a line saying to type the number: the dialogue takes a typed number as the choice.
- Links: `oa.open.url` buttons; when they do not fit either, lines with the address.
- `Request.PHONE`: Zalo's `request_user_info` card, which asks for name, phone and address.
- Media of the Zalo channel (a URL Zalo gave): photos as image messages; a document cannot be re-sent by
  its URL (Zalo wants an uploaded file token), so its address is given in a line of text.
- `replaces_origin` and `end_request` mean nothing on Zalo: it cannot edit a sent message, nor keeps a
  keyboard up.
"""

from __future__ import annotations

from typing import Any

from dialogue.replies import Choice, Link, MediaKind, Reply, Request
from dialogue.rich_text import split_words, to_plain
from zalo import choice_payload, texts
from zalo.event_parsing import CHANNEL

MAX_TEXT = 2000
MAX_BUTTONS = 5
MAX_BUTTON_TITLE = 100  # characters; longer titles are cut with an ellipsis

ZaloMessage = dict[str, Any]


def render(reply: Reply, *, info_image_url: str | None = None) -> list[ZaloMessage]:
    """The messages to send for `reply`, in order; at least one unless the reply is empty."""
    choices = reply.choices
    links = [button for row in reply.buttons for button in row if isinstance(button, Link)]
    lines: list[str] = []
    buttons: list[dict[str, Any]] = []
    if len(choices) + len(links) <= MAX_BUTTONS:
        buttons = [_button(button) for row in reply.buttons for button in row]
    else:
        lines += [f"{number}. {choice.label}" for number, choice in enumerate(choices, start=1)]
        if choices:
            lines.append(texts.TYPE_A_NUMBER.format(last=len(choices)))
        if len(links) <= MAX_BUTTONS:
            buttons = [_button(link) for link in links]
        else:
            lines += [f"{link.label}: {link.url}" for link in links]
    text = to_plain(reply.text).strip()
    if lines:
        text = "\n".join([text, "", *lines]) if text else "\n".join(lines)
    messages: list[ZaloMessage] = [{"text": piece} for piece in split_words(text, MAX_TEXT) if piece]
    if buttons:
        if not messages:
            messages.append({"text": texts.BUTTONS_ONLY})
        messages[-1]["attachment"] = {"type": "template", "payload": {"buttons": buttons}}
    messages += _media(reply)
    if reply.request == Request.PHONE:
        messages.append(_info_request(info_image_url))
    return messages


def _button(button: Choice | Link) -> dict[str, Any]:
    if isinstance(button, Choice):
        return {
            "title": _title(button.label),
            "type": "oa.query.hide",
            "payload": choice_payload.payload_for(button.id),
        }
    return {"title": _title(button.label), "type": "oa.open.url", "payload": {"url": button.url}}


def _title(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= MAX_BUTTON_TITLE else label[: MAX_BUTTON_TITLE - 1].rstrip() + "…"


def _media(reply: Reply) -> list[ZaloMessage]:
    messages: list[ZaloMessage] = []
    for media in reply.media:
        if media.channel != CHANNEL:
            continue  # another channel's reference: the dialogue's text says where to see it
        caption = to_plain(media.caption).strip()[:MAX_TEXT]
        if media.kind == MediaKind.PHOTO:
            message: ZaloMessage = {
                "attachment": {
                    "type": "template",
                    "payload": {"template_type": "media", "elements": [{"media_type": "image", "url": media.ref}]},
                }
            }
            if caption:
                message["text"] = caption
            messages.append(message)
        else:
            line = texts.DOCUMENT_LINK.format(url=media.ref)
            messages.append({"text": f"{caption}\n{line}" if caption else line})
    return messages


def _info_request(image_url: str | None) -> ZaloMessage:
    element: dict[str, str] = {"title": texts.INFO_REQUEST_TITLE, "subtitle": texts.INFO_REQUEST_SUBTITLE}
    if image_url:
        element["image_url"] = image_url
    return {
        "attachment": {
            "type": "template",
            "payload": {"template_type": "request_user_info", "elements": [element]},
        }
    }

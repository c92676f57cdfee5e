"""A person on Zalo, for the stand-in: posts the events Zalo would post to the product's webhook, signed.

Each action builds the event as Zalo's webhook sends it (ids and the timestamp as strings, the key order of
Zalo's samples), marks the interaction on the `LocalZaloOa` (which opens the consultation window), signs the
exact bytes with the app id, the body's timestamp and the OA secret key, and posts them. It returns the
webhook's HTTP status. `press(title)` finds the button on the last message the OA sent this person and
sends its payload the way Zalo does, as the text of a `user_send_text`. `resend_last()` posts the same
bytes again, as Zalo does when it got no 200.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

import aiohttp

from stand_ins.zalo_oa import LocalZaloOa
from zalo.signature import HEADER, signature

CITIZEN_ID = "2468458835296117922"
OFFICER_ID = "5512345678901234567"


class ZaloUser:
    def __init__(
        self, oa: LocalZaloOa, webhook_url: str, session: aiohttp.ClientSession, user_id: str = CITIZEN_ID
    ) -> None:
        self.oa = oa
        self.webhook_url = webhook_url
        self.user_id = user_id
        self._session = session
        self.last_body: bytes | None = None
        self.last_headers: dict[str, str] = {}

    # --- what a person does ---------------------------------------------------------------------------

    async def send_text(self, text: str) -> int:
        return await self._message("user_send_text", {"text": text})

    async def press(self, title: str) -> int:
        """Press the button titled `title` on the newest message from the OA that has buttons."""
        for sent in reversed(self.oa.messages_to(self.user_id)):
            for button in sent.buttons:
                if button["title"] == title and button["type"].startswith("oa.query."):
                    return await self.send_text(button["payload"])
        raise LookupError(f"no button {title!r} on the OA's messages to {self.user_id}")

    async def send_image(self, url: str, caption: str = "") -> int:
        message: dict[str, Any] = {"attachments": [{"type": "image", "payload": {"thumbnail": url, "url": url}}]}
        if caption:
            message["text"] = caption
        return await self._message("user_send_image", message)

    async def send_file(self, url: str, name: str, size: int = 233947, file_type: str = "pdf") -> int:
        payload = {"size": str(size), "name": name, "checksum": secrets.token_hex(16), "type": file_type, "url": url}
        return await self._message("user_send_file", {"attachments": [{"type": "file", "payload": payload}]})

    async def send_sticker(self) -> int:
        payload = {"id": "bfe458bf64fa8da4d4eb", "url": "https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=1"}
        return await self._message("user_send_sticker", {"attachments": [{"type": "sticker", "payload": payload}]})

    async def send_location(self, latitude: str, longitude: str, title: str = "") -> int:
        coordinates = {"latitude": latitude, "longitude": longitude}
        message: dict[str, Any] = {"attachments": [{"type": "location", "payload": {"coordinates": coordinates}}]}
        if title:
            message["text"] = title
        return await self._message("user_send_location", message)

    async def follow(self) -> int:
        self.oa.followed(self.user_id)
        return await self._post(self._follow_event("follow"))

    async def unfollow(self) -> int:
        self.oa.unfollowed(self.user_id)
        return await self._post(self._follow_event("unfollow"))

    async def submit_info(
        self, *, name: str, phone: str, address: str, ward: str = "", city: str = "", older_shape: bool = False
    ) -> int:
        """Answer the OA's information form. `older_shape` sends the flat address fields older OAs get."""
        if older_shape:
            info: dict[str, Any] = {"address": address, "phone": phone, "city": city, "district": "", "name": name}
            if ward:
                info["ward"] = ward
        else:
            full = {"user_city": city, "user_ward": ward, "user_address": address}
            info = {"name": name, "phone": phone, "user_dob": "", "gender": "", "full_address": full}
        self.oa.interacted(self.user_id)
        event = {
            "app_id": self.oa.app_id,
            "sender": {"id": self.user_id},
            "user_id_by_app": self._by_app(),
            "recipient": {"id": self.oa.oa_id},
            "event_name": "user_submit_info",
            "info": info,
            "timestamp": self._timestamp(),
        }
        return await self._post(event)

    # --- what Zalo does -------------------------------------------------------------------------------

    async def resend_last(self) -> int:
        assert self.last_body is not None, "nothing was posted yet"
        return await self.post_raw(self.last_body, self.last_headers)

    async def post_raw(self, body: bytes, headers: dict[str, str]) -> int:
        async with self._session.post(
            self.webhook_url, data=body, headers={"Content-Type": "application/json", **headers}
        ) as response:
            await response.read()
            return response.status

    def signed(self, event: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
        return body, {HEADER: signature(self.oa.app_id, body, event["timestamp"], self.oa.oa_secret_key)}

    def event(self, event_name: str, message: dict[str, Any]) -> dict[str, Any]:
        return {
            "app_id": self.oa.app_id,
            "sender": {"id": self.user_id},
            "user_id_by_app": self._by_app(),
            "recipient": {"id": self.oa.oa_id},
            "event_name": event_name,
            "message": {**message, "msg_id": secrets.token_hex(10)},
            "timestamp": self._timestamp(),
        }

    async def _message(self, event_name: str, message: dict[str, Any]) -> int:
        self.oa.interacted(self.user_id)
        return await self._post(self.event(event_name, message))

    def _follow_event(self, event_name: str) -> dict[str, Any]:
        return {
            "oa_id": self.oa.oa_id,
            "follower": {"id": self.user_id},
            "user_id_by_app": self._by_app(),
            "event_name": event_name,
            "source": "oa_profile",
            "app_id": self.oa.app_id,
            "timestamp": self._timestamp(),
        }

    async def _post(self, event: dict[str, Any]) -> int:
        self.last_body, self.last_headers = self.signed(event)
        return await self.post_raw(self.last_body, self.last_headers)

    def _timestamp(self) -> str:
        return str(int(self.oa.clock().timestamp() * 1000))

    def _by_app(self) -> str:
        return str(int(self.user_id) // 3 + 1)

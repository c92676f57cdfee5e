"""A local stand-in for the Telegram Bot API, for trying and testing the real bot without Telegram.

`LocalBotApi` is an aiohttp server on 127.0.0.1 (a free port) that answers the methods the bot
uses the way Telegram does, including its 400s for what Telegram rejects: text over 4,096
characters after HTML parsing, malformed HTML ("can't parse entities"), callback data over 64
bytes, a malformed inline keyboard, an edit that changes nothing. It records every call.

`LocalChat` is a citizen on the other side: it injects updates (a text message, a command with
a deep-link payload, a photo or a document with an optional caption, a shared contact, a press on
a button of a message the bot sent) and waits until the bot has handled each one, returning what
the bot did meanwhile. `motcua chat` and the end-to-end tests both drive the real
python-telegram-bot Application through it.

With `setWebhook` the stand-in posts each update to the URL it was given, with the secret token in
`X-Telegram-Bot-Api-Secret-Token`, until it is answered with a 2xx (Telegram tries again after an error or
a timeout); `redeliver` posts an update once more, as Telegram does when an answer got lost, and
`getUpdates` is refused with Telegram's 409 while a webhook is set. Update ids start at a random number,
as Telegram's do, so a database kept across two runs never takes a new update for an old one.

Tests can also make Telegram misbehave: `block(user_id)` answers every message to that chat with
Telegram's 403 "bot was blocked by the user", and `fail_next(method)` answers the next calls of a
method with a 502, which python-telegram-bot raises as a NetworkError.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import itertools
import json
import random
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

import aiohttp
from aiohttp import web
from telegram.ext import Application

from stand_ins.telegram_html import Entity, HtmlParseError, parse, utf16_length

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile refuses bigger files
MAX_CALLBACK_DATA = 64
MAX_CALLBACK_ANSWER = 200
_HANDLING_TIMEOUT = 60.0  # seconds a driver waits for the bot before it gives up
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_WEBHOOK_TIMEOUT = 60.0  # seconds the stand-in waits for the bot's answer to one webhook call
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_BUTTON_KINDS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a "
    "current content and reply markup of the message"
)


class ApiError(Exception):
    """A Bot API error answer: HTTP status and Telegram's description."""

    def __init__(self, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.status = status
        prefix = {400: "Bad Request: ", 403: "Forbidden: ", 409: "Conflict: "}.get(status, "")
        self.description = prefix + description


@dataclass(frozen=True)
class TelegramUser:
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "vi"

    def to_api(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def private_chat(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            chat["username"] = self.username
        return chat


CITIZEN = TelegramUser(id=100001, first_name="Lan", username="lan_citizen")


@dataclass(frozen=True)
class TelegramGroup:
    """A group chat users write in (negative id, as Telegram gives groups)."""

    id: int
    title: str

    def to_api(self) -> dict[str, Any]:
        return {"id": self.id, "type": "group", "title": self.title}


@dataclass(frozen=True)
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class KeyboardButton:
    """A button of a reply keyboard (under the input field): it sends its text, or the user's contact."""

    text: str
    request_contact: bool = False


def _keyboard_buttons(markup: dict[str, Any] | None) -> list[KeyboardButton]:
    rows = (markup or {}).get("keyboard", [])
    return [
        KeyboardButton(button, False)
        if isinstance(button, str)
        else KeyboardButton(button["text"], bool(button.get("request_contact")))
        for row in rows
        for button in row
    ]


@dataclass(frozen=True)
class ChatMessage:
    """A message in a chat as the stand-in holds it: what the user would see."""

    chat_id: int
    message_id: int
    from_bot: bool
    text: str
    entities: tuple[Entity, ...] = ()
    html: str | None = None  # the text as the bot sent it, before parsing
    reply_markup: dict[str, Any] | None = None
    date: int = 0
    edit_date: int | None = None
    media: dict[str, Any] = field(default_factory=dict)  # a user's photo, document, contact or caption

    @property
    def keyboard(self) -> list[KeyboardButton]:
        """The reply keyboard's buttons, row by row, left to right (empty unless the message sets one)."""
        return _keyboard_buttons(self.reply_markup)

    @property
    def buttons(self) -> list[Button]:
        """The inline keyboard's buttons, row by row, left to right."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [
            Button(button["text"], button.get("callback_data"), button.get("url")) for row in rows for button in row
        ]

    def button(self, choice: int | str) -> Button:
        """A button by its 0-based index or by (part of) its label."""
        buttons = self.buttons
        if isinstance(choice, int):
            return buttons[choice]
        matching = [button for button in buttons if choice in button.text]
        if not matching:
            raise LookupError(f"no button {choice!r} in {[button.text for button in buttons]}")
        return matching[0]


@dataclass(frozen=True)
class StoredFile:
    """A file a user sent, as getFile and the file URL serve it (its bytes are made up)."""

    file_id: str
    file_unique_id: str
    size: int
    path: str

    def to_api(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.path,
        }

    def content(self) -> bytes:
        return (self.file_unique_id.encode("ascii") * (self.size // len(self.file_unique_id) + 1))[: self.size]


@dataclass(frozen=True)
class WebhookAttempt:
    """One post of an update to the bot's webhook, and the HTTP status it got (0: no answer)."""

    update_id: int
    status: int


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made, with the stand-in's answer."""

    method: str
    params: dict[str, Any]
    ok: bool
    result: Any = None
    error: str | None = None
    message: ChatMessage | None = None  # the message sent or edited, as it was right after


def _entity_to_api(entity: Entity) -> dict[str, Any]:
    data: dict[str, Any] = {"type": entity.type, "offset": entity.offset, "length": entity.length}
    if entity.url is not None:
        data["url"] = entity.url
    return data


class TooManyRequests(ApiError):
    """Telegram's 429, with the whole seconds to wait in `parameters.retry_after`."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too Many Requests: retry after {retry_after}", 429)
        self.retry_after = retry_after


_FLOOD_METHODS = {"sendmessage", "sendphoto", "senddocument", "editmessagetext", "editmessagereplymarkup"}


class FloodControl:
    """Telegram's flood control as the stand-in plays it: a message beyond `per_second` in the last second
    from the bot, or beyond `per_chat_per_second` to one chat, is answered 429 with a retry_after (whole
    seconds, at least 1, as Telegram gives them). Refused calls do not count; `refused` counts them."""

    def __init__(
        self, per_second: float = 30, per_chat_per_second: float = 1, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_second = per_second
        self.per_chat_per_second = per_chat_per_second
        self._clock = clock
        self._sent: list[float] = []
        self._sent_to: dict[int, list[float]] = {}
        self.refused = 0

    def admit(self, chat_id: int | None) -> None:
        now = self._clock()
        self._sent = [moment for moment in self._sent if moment > now - 1]
        if len(self._sent) >= self.per_second:
            self._refuse(self._sent[-int(self.per_second)] + 1 - now)
        if chat_id is not None:
            window = max(1.0, 1 / self.per_chat_per_second)  # 20 a minute: 1 in any 3 s
            allowed = max(1, int(self.per_chat_per_second * window))
            mine = [moment for moment in self._sent_to.get(chat_id, []) if moment > now - window]
            if len(mine) >= allowed:
                self._refuse(mine[-allowed] + window - now)
            mine.append(now)
            self._sent_to[chat_id] = mine
        self._sent.append(now)

    def _refuse(self, wait: float) -> None:
        self.refused += 1
        raise TooManyRequests(max(1, int(-(-wait // 1))))


class _Params:
    """Bot API parameters from a query string, a form or a JSON body (PTB sends forms)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def text(self, name: str, *, required: bool = False) -> str | None:
        value = self.values.get(name)
        if value is None:
            if required:
                raise ApiError(f'parameter "{name}" is required')
            return None
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ApiError(f'field "{name}" must be a valid Number') from None

    def number(self, name: str, default: float) -> float:
        value = self.values.get(name)
        try:
            return default if value is None or value == "" else float(value)
        except (TypeError, ValueError):
            raise ApiError(f'field "{name}" must be a valid Number') from None

    def json(self, name: str) -> Any:
        value = self.values.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                raise ApiError(f"can't parse {name} JSON object") from None
        return value


def _check_inline_keyboard(markup: Any) -> None:
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError('can\'t parse inline keyboard button: field "inline_keyboard" must be an Array of Arrays')
    if sum(len(row) for row in rows) > 100:
        raise ApiError("BUTTONS_TOO_MUCH")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str) or not button["text"]:
                raise ApiError("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
            kinds = [kind for kind in _BUTTON_KINDS if kind in button]
            if len(kinds) != 1:
                raise ApiError("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
                    raise ApiError("BUTTON_DATA_INVALID")
            if "url" in button:
                url = button["url"]
                if not isinstance(url, str) or not re.match(r"^(https?|tg)://[^\s]+$", url):
                    raise ApiError(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _check_reply_keyboard(markup: Any) -> None:
    rows = markup.get("keyboard")
    if not isinstance(rows, list) or not rows or not all(isinstance(row, list) for row in rows):
        raise ApiError('can\'t parse reply keyboard markup JSON object: field "keyboard" must be an Array of Arrays')
    for row in rows:
        for button in row:
            text = button if isinstance(button, str) else button.get("text") if isinstance(button, dict) else None
            if not isinstance(text, str) or not text:
                raise ApiError("can't parse keyboard button: Keyboard button text must be non-empty")


def _check_reply_markup(markup: Any) -> dict[str, Any] | None:
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup)
    elif "keyboard" in markup:
        _check_reply_keyboard(markup)
    elif not any(key in markup for key in ("remove_keyboard", "force_reply")):
        raise ApiError("can't parse reply keyboard markup JSON object")
    return markup


def _parse_text(text: str | None, parse_mode: str | None) -> tuple[str, tuple[Entity, ...]]:
    if text is None:
        raise ApiError("message text is empty")
    entities: tuple[Entity, ...]
    if parse_mode is None or parse_mode == "":
        plain, entities = text, ()
    elif parse_mode.lower() == "html":
        try:
            parsed = parse(text)
        except HtmlParseError as error:
            raise ApiError(f"can't parse entities: {error}") from None
        plain, entities = parsed.text, parsed.entities
    else:
        raise ApiError(f"unsupported parse_mode {parse_mode!r} in the local stand-in")
    if not plain.strip():
        raise ApiError("message text is empty")
    if utf16_length(plain) > MAX_TEXT:
        raise ApiError("message is too long")
    return plain, entities


class LocalBotApi:
    """The stand-in server. Use as `async with LocalBotApi() as api:`; point PTB at api.base_url."""

    def __init__(
        self,
        *,
        username: str = "motcua_bot",
        first_name: str = "Một Cửa bot",
        bot_id: int = 7000001,
        first_update_id: int | None = None,
        webhook_retry_after: float = 0.2,
    ) -> None:
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[ApiCall] = []
        self.commands: list[dict[str, str]] = []
        self.messages: dict[tuple[int, int], ChatMessage] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = random.randrange(1, 2**30) if first_update_id is None else first_update_id
        self._confirmed = 0  # every update with a smaller id was fetched and confirmed by the bot
        self._changed = asyncio.Condition()
        self._callback_queries: dict[str, bool] = {}  # id -> answered
        self._query_ids = itertools.count(1)
        self._closing = False
        self._blocked: set[int] = set()
        self._failures: dict[str, list[ApiError]] = {}
        self._file_ids = itertools.count(1)
        self.files: dict[str, StoredFile] = {}
        self.reply_keyboards: dict[int, list[KeyboardButton]] = {}  # chat id -> the keyboard the user sees
        self._runner: web.AppRunner | None = None
        self._port = 0
        # The webhook: where updates go while it is set, and what each post got.
        self.webhook_url = ""
        self._webhook_secret: str | None = None
        self._webhook_retry_after = webhook_retry_after
        self._webhook_slots = asyncio.Semaphore(40)
        self._webhook_session: aiohttp.ClientSession | None = None
        self._webhook_posts: set[asyncio.Task[None]] = set()
        self._known_updates: dict[int, dict[str, Any]] = {}
        self.webhook_attempts: list[WebhookAttempt] = []
        self._webhook_done: set[int] = set()
        self._methods: dict[str, Callable[[_Params], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "getFile": self._get_file,
        }

    # --- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]  # (host, port) of the socket bound to port 0

    async def stop(self) -> None:
        self._closing = True
        async with self._changed:
            self._changed.notify_all()  # long polls return at once
        for task in list(self._webhook_posts):
            task.cancel()
        await asyncio.gather(*self._webhook_posts, return_exceptions=True)
        if self._webhook_session is not None:
            await self._webhook_session.close()
            self._webhook_session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> LocalBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/file/bot"

    # --- HTTP -------------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> _Params:
        values: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    values.update(body)
            else:
                values.update({key: value for key, value in (await request.post()).items() if isinstance(value, str)})
        return _Params(values)

    async def _handle(self, request: web.Request) -> web.Response:
        method_name = request.match_info["method"]
        params = await self._params(request)
        method = next((m for name, m in self._methods.items() if name.lower() == method_name.lower()), None)
        if method is None:
            self.calls.append(ApiCall(method_name, params.values, ok=False, error="Not Found"))
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        try:
            self._injected_failure(method_name)
            if self._flood is not None and method_name.lower() in _FLOOD_METHODS:
                self._flood.admit(params.integer("chat_id"))
            result = await method(params)
        except ApiError as error:
            self.calls.append(ApiCall(method_name, params.values, ok=False, error=error.description))
            body: dict[str, Any] = {"ok": False, "error_code": error.status, "description": error.description}
            if isinstance(error, TooManyRequests):
                body["parameters"] = {"retry_after": error.retry_after}
            return web.json_response(body, status=error.status)
        message = result if isinstance(result, ChatMessage) else None
        payload = self._message_to_api(result) if message is not None else result
        self.calls.append(ApiCall(method_name, params.values, ok=True, result=payload, message=message))
        return web.json_response({"ok": True, "result": payload})

    async def _file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        stored = next((file for file in self.files.values() if file.path == path), None)
        self.calls.append(ApiCall("file", {"path": path}, ok=stored is not None))
        if stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.content(), content_type="application/octet-stream")

    # --- misbehaving on purpose -------------------------------------------------------------

    def block(self, user_id: int) -> None:
        """The user blocked the bot: messages to their chat fail with 403 from now on."""
        self._blocked.add(user_id)

    def fail_next(self, method: str, *, times: int = 1, status: int = 502, description: str = "Bad Gateway") -> None:
        """The next `times` calls of `method` fail with `status` (502: PTB raises NetworkError)."""
        self._failures.setdefault(method.lower(), []).extend(ApiError(description, status) for _ in range(times))

    def _injected_failure(self, method_name: str) -> None:
        failures = self._failures.get(method_name.lower())
        if failures:
            raise failures.pop(0)

    _flood: FloodControl | None = None  # Telegram's flood control, once `limit_rate` turned it on

    def limit_rate(
        self, per_second: float = 30, per_chat_per_second: float = 1, *, clock: Callable[[], float] = time.monotonic
    ) -> FloodControl:
        """Answer 429 with retry_after beyond Telegram's limits from now on (about 30 messages a second, one a
        second per chat); the FloodControl returned counts the refusals."""
        self._flood = FloodControl(per_second, per_chat_per_second, clock=clock)
        return self._flood

    def open_chat(self, user: TelegramUser) -> None:
        """`user` has a private chat with the bot (they pressed Start once), so messages to them go through."""
        chat = user.private_chat()
        self._chats.setdefault(chat["id"], chat)

    # --- state ------------------------------------------------------------------------------

    def _chat(self, params: _Params) -> dict[str, Any]:
        chat_id = params.integer("chat_id")
        if chat_id is None:
            raise ApiError('parameter "chat_id" is required')
        chat = self._chats.get(chat_id)
        if chat is None:
            raise ApiError("chat not found")
        return chat

    def _new_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _message_to_api(self, message: ChatMessage) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": self._chats[message.chat_id],
        }
        if message.media:
            data.update(message.media)
        else:
            data["text"] = message.text
        if message.from_bot:
            data["from"] = self.bot_user
        if message.entities:
            data["entities"] = [_entity_to_api(entity) for entity in message.entities]
        if message.reply_markup is not None and "inline_keyboard" in message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        return data

    def _message_to_edit(self, params: _Params) -> ChatMessage:
        if params.get("inline_message_id") is not None:
            raise ApiError("inline messages are not supported by the local stand-in")
        chat = self._chat(params)
        message = self.messages.get((chat["id"], params.integer("message_id") or 0))
        if message is None:
            raise ApiError("message to edit not found")
        if not message.from_bot:
            raise ApiError("message can't be edited")
        return message

    # --- methods ----------------------------------------------------------------------------

    async def _true(self, params: _Params) -> bool:
        return True

    async def _get_me(self, params: _Params) -> dict[str, Any]:
        return self.bot_user

    async def _webhook_info(self, params: _Params) -> dict[str, Any]:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _set_webhook(self, params: _Params) -> bool:
        url = params.text("url") or ""
        if url and not re.match(r"^https?://[^\s/]+", url):
            raise ApiError("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.text("secret_token")
        if secret is not None and not _SECRET_TOKEN.match(secret):
            raise ApiError("bad webhook: secret token contains unallowed characters")
        if params.get("drop_pending_updates") in (True, "true", "True"):
            self._updates.clear()
        self.webhook_url, self._webhook_secret = url, secret
        if url:
            for update in list(self._updates):  # what waited for getUpdates now goes to the webhook
                self._post_soon(update)
        return True

    async def _delete_webhook(self, params: _Params) -> bool:
        if params.get("drop_pending_updates") in (True, "true", "True"):
            self._updates.clear()
        self.webhook_url, self._webhook_secret = "", None
        return True

    async def _set_my_commands(self, params: _Params) -> bool:
        commands = params.json("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND.match(str(command.get("command", ""))):
                raise ApiError("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands = [{"command": c["command"], "description": c["description"]} for c in commands]
        return True

    async def _get_my_commands(self, params: _Params) -> list[dict[str, str]]:
        return self.commands

    async def _delete_my_commands(self, params: _Params) -> bool:
        self.commands = []
        return True

    async def _get_updates(self, params: _Params) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise ApiError(
                "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                409,
            )
        offset = params.integer("offset", 0) or 0
        limit = min(max(params.integer("limit", 100) or 100, 1), 100)
        timeout = max(params.number("timeout", 0.0), 0.0)
        async with self._changed:
            if offset > 0:
                self._updates = [update for update in self._updates if update["update_id"] >= offset]
                self._confirmed = max(self._confirmed, offset)
            self._changed.notify_all()  # wake anyone waiting for this confirmation
            deadline = time.monotonic() + timeout
            while not self._updates and not self._closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), remaining)
            return self._updates[:limit]

    async def _send_message(self, params: _Params) -> ChatMessage:
        chat = self._chat(params)
        if chat["id"] in self._blocked:
            raise ApiError("bot was blocked by the user", 403)
        html_text = params.text("text")
        text, entities = _parse_text(html_text, params.text("parse_mode"))
        markup = _check_reply_markup(params.json("reply_markup"))
        params.json("link_preview_options")  # must be valid JSON when given
        self._show_reply_keyboard(chat["id"], markup)
        message = ChatMessage(
            chat_id=chat["id"],
            message_id=self._new_message_id(chat["id"]),
            from_bot=True,
            text=text,
            entities=entities,
            html=html_text,
            reply_markup=markup,
            date=int(time.time()),
        )
        self.messages[(message.chat_id, message.message_id)] = message
        return message

    def _known_file(self, params: _Params, name: str) -> StoredFile:
        """A file sent again by its file id; the stand-in takes no uploads, as the bot never makes any."""
        file_id = params.text(name, required=True) or ""
        stored = self.files.get(file_id)
        if stored is None:
            raise ApiError("wrong file identifier/HTTP URL specified")
        return stored

    async def _send_media(self, params: _Params, media: dict[str, Any]) -> ChatMessage:
        chat = self._chat(params)
        if chat["id"] in self._blocked:
            raise ApiError("bot was blocked by the user", 403)
        caption = params.text("caption")
        text, entities = _parse_text(caption, params.text("parse_mode")) if caption else ("", ())
        if utf16_length(text) > MAX_CAPTION:
            raise ApiError("message caption is too long")
        markup = _check_reply_markup(params.json("reply_markup"))
        self._show_reply_keyboard(chat["id"], markup)
        if caption:
            media = {**media, "caption": text}
        message = ChatMessage(
            chat_id=chat["id"],
            message_id=self._new_message_id(chat["id"]),
            from_bot=True,
            text=text,
            entities=entities,
            html=caption,
            reply_markup=markup,
            date=int(time.time()),
            media=media,
        )
        self.messages[(message.chat_id, message.message_id)] = message
        return message

    async def _send_photo(self, params: _Params) -> ChatMessage:
        stored = self._known_file(params, "photo")
        size = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "width": 1280, "height": 960}
        return await self._send_media(params, {"photo": [{**size, "file_size": stored.size}]})

    async def _send_document(self, params: _Params) -> ChatMessage:
        stored = self._known_file(params, "document")
        document = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_size": stored.size}
        return await self._send_media(params, {"document": document})

    def _show_reply_keyboard(self, chat_id: int, markup: dict[str, Any] | None) -> None:
        if markup is None:
            return
        if "keyboard" in markup:
            self.reply_keyboards[chat_id] = _keyboard_buttons(markup)
        elif markup.get("remove_keyboard"):
            self.reply_keyboards.pop(chat_id, None)

    async def _edit_message_text(self, params: _Params) -> ChatMessage:
        message = self._message_to_edit(params)
        html_text = params.text("text")
        text, entities = _parse_text(html_text, params.text("parse_mode"))
        markup = _check_reply_markup(params.json("reply_markup"))
        if text == message.text and entities == message.entities and markup == message.reply_markup:
            raise ApiError(_NOT_MODIFIED)
        edited = replace(
            message, text=text, entities=entities, html=html_text, reply_markup=markup, edit_date=int(time.time())
        )
        self.messages[(message.chat_id, message.message_id)] = edited
        return edited

    async def _edit_message_reply_markup(self, params: _Params) -> ChatMessage:
        message = self._message_to_edit(params)
        markup = _check_reply_markup(params.json("reply_markup"))
        if markup == message.reply_markup:
            raise ApiError(_NOT_MODIFIED)
        edited = replace(message, reply_markup=markup, edit_date=int(time.time()))
        self.messages[(message.chat_id, message.message_id)] = edited
        return edited

    async def _delete_message(self, params: _Params) -> bool:
        chat = self._chat(params)
        if self.messages.pop((chat["id"], params.integer("message_id") or 0), None) is None:
            raise ApiError("message to delete not found")
        return True

    async def _answer_callback_query(self, params: _Params) -> bool:
        query_id = params.text("callback_query_id", required=True) or ""
        if self._callback_queries.get(query_id) is not False:
            raise ApiError("query is too old and response timeout expired or query ID is invalid")
        if len(params.text("text") or "") > MAX_CALLBACK_ANSWER:
            raise ApiError("MESSAGE_TOO_LONG")
        self._callback_queries[query_id] = True
        return True

    async def _get_file(self, params: _Params) -> dict[str, Any]:
        stored = self.files.get(params.text("file_id", required=True) or "")
        if stored is None:
            raise ApiError("wrong file_id or the file is temporarily unavailable")
        if stored.size > MAX_DOWNLOAD:
            raise ApiError("file is too big")
        return stored.to_api()

    async def _send_chat_action(self, params: _Params) -> bool:
        self._chat(params)
        if params.text("action") not in _CHAT_ACTIONS:
            raise ApiError("wrong parameter action in request")
        return True

    # --- injecting updates ------------------------------------------------------------------

    async def _push(self, kind: str, payload: dict[str, Any]) -> int:
        async with self._changed:
            update_id = self._next_update_id
            self._next_update_id += 1
            update = {"update_id": update_id, kind: payload}
            self._updates.append(update)
            self._known_updates[update_id] = update
            self._changed.notify_all()
        if self.webhook_url:
            self._post_soon(update)
        return update_id

    # --- the webhook ------------------------------------------------------------------------

    def _post_soon(self, update: dict[str, Any]) -> None:
        task = asyncio.create_task(self._post_until_taken(update))
        self._webhook_posts.add(task)
        task.add_done_callback(self._webhook_posts.discard)

    async def _post(self, update: dict[str, Any], url: str | None = None) -> int:
        """One webhook call: the status the bot answered, 0 when it did not answer in time."""
        if self._webhook_session is None:
            self._webhook_session = aiohttp.ClientSession()
        headers = {SECRET_HEADER: self._webhook_secret} if self._webhook_secret else {}
        try:
            async with (
                self._webhook_slots,
                self._webhook_session.post(
                    url or self.webhook_url,
                    json=update,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(_WEBHOOK_TIMEOUT),
                ) as response,
            ):
                status = response.status
        except (aiohttp.ClientError, TimeoutError):
            status = 0
        self.webhook_attempts.append(WebhookAttempt(update["update_id"], status))
        return status

    async def _post_until_taken(self, update: dict[str, Any]) -> None:
        while self.webhook_url and not self._closing:
            status = await self._post(update)
            if 200 <= status < 300:
                async with self._changed:
                    self._updates = [pending for pending in self._updates if pending is not update]
                    self._webhook_done.add(update["update_id"])
                    self._changed.notify_all()
                return
            await asyncio.sleep(self._webhook_retry_after)

    async def redeliver(self, update_id: int, url: str | None = None) -> int:
        """Post an update once more (its answer was lost, as Telegram sees it), to the webhook or to `url`:
        another instance behind the same address."""
        return await self._post(self._known_updates[update_id], url)

    async def wait_delivered(self, update_id: int, timeout: float = 30) -> None:
        """Until the bot has answered the webhook call of `update_id` with a 2xx."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: update_id in self._webhook_done), timeout)

    def _user_message(
        self, user: TelegramUser, text: str, media: dict[str, Any] | None = None, group: TelegramGroup | None = None
    ) -> ChatMessage:
        chat = group.to_api() if group is not None else user.private_chat()
        self._chats.setdefault(chat["id"], chat)
        message = ChatMessage(
            chat["id"], self._new_message_id(chat["id"]), False, text, date=int(time.time()), media=media or {}
        )
        self.messages[(chat["id"], message.message_id)] = message
        return message

    def _new_file(self, prefix: str) -> tuple[str, str]:
        number = next(self._file_ids)
        return f"{prefix}-file-{number:04}", f"{prefix}unique{number:04}"

    def _store_file(self, file_id: str, unique_id: str, size: int, extension: str) -> None:
        folder = "photos" if file_id.startswith("photo") else "documents"
        self.files[file_id] = StoredFile(file_id, unique_id, size, f"{folder}/{unique_id}{extension}")

    async def _push_user_message(self, message: ChatMessage, user: TelegramUser) -> tuple[int, ChatMessage]:
        payload = self._message_to_api(message)
        payload["from"] = user.to_api()
        command = re.match(r"^/[A-Za-z0-9_]+(@\w+)?", message.text) if not message.media else None
        if command:
            payload["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_length(command.group(0))}]
        return await self._push("message", payload), message

    async def send_text(
        self, text: str, *, user: TelegramUser = CITIZEN, group: TelegramGroup | None = None
    ) -> tuple[int, ChatMessage]:
        """A text message from `user`, private or in `group`; a leading /command is marked as Telegram does."""
        message = self._user_message(user, text, group=group)
        update_id, _ = await self._push_user_message(message, user)
        return update_id, message

    async def send_photo(
        self, caption: str | None = None, *, user: TelegramUser = CITIZEN, file_size: int = 180_000
    ) -> tuple[int, ChatMessage]:
        """A photo, as Telegram sends it: the same picture in a few sizes, the largest last."""
        file_id, unique_id = self._new_file("photo")
        sizes: list[dict[str, Any]] = []
        for width in (90, 320, 1280):
            size_id, size_unique_id = f"{file_id}-{width}", f"{unique_id}-{width}"
            size_bytes = file_size * width // 1280
            self._store_file(size_id, size_unique_id, size_bytes, ".jpg")
            sizes.append(
                {
                    "file_id": size_id,
                    "file_unique_id": size_unique_id,
                    "width": width,
                    "height": width * 3 // 4,
                    "file_size": size_bytes,
                }
            )
        media: dict[str, Any] = {"photo": sizes}
        if caption is not None:
            media["caption"] = caption
        return await self._push_user_message(self._user_message(user, caption or "", media), user)

    async def send_document(
        self,
        file_name: str,
        *,
        mime_type: str = "application/pdf",
        file_size: int = 250_000,
        caption: str | None = None,
        user: TelegramUser = CITIZEN,
    ) -> tuple[int, ChatMessage]:
        file_id, unique_id = self._new_file("document")
        document = {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": file_size,
        }
        self._store_file(file_id, unique_id, file_size, ".bin")
        media: dict[str, Any] = {"document": document}
        if caption is not None:
            media["caption"] = caption
        return await self._push_user_message(self._user_message(user, caption or "", media), user)

    async def send_contact(
        self, phone_number: str, *, user: TelegramUser = CITIZEN, owner: TelegramUser | None = None
    ) -> tuple[int, ChatMessage]:
        """A shared contact: the user's own (the request_contact button) unless `owner` says whose."""
        owner = owner or user
        contact = {"phone_number": phone_number, "first_name": owner.first_name, "user_id": owner.id}
        return await self._push_user_message(self._user_message(user, "", {"contact": contact}), user)

    async def send_location(
        self, latitude: float, longitude: float, *, venue_title: str | None = None, user: TelegramUser = CITIZEN
    ) -> tuple[int, ChatMessage]:
        """A place on the map; with `venue_title`, a venue (a named place), which carries its location too."""
        location = {"latitude": latitude, "longitude": longitude}
        media: dict[str, Any] = {"location": location}
        if venue_title is not None:
            media["venue"] = {"location": location, "title": venue_title, "address": ""}
        return await self._push_user_message(self._user_message(user, "", media), user)

    async def send_unreadable(self, kind: str, *, user: TelegramUser = CITIZEN) -> tuple[int, ChatMessage]:
        """A sticker, a voice message or a video, as Telegram describes each."""
        file_id, unique_id = self._new_file(kind)
        described: dict[str, dict[str, Any]] = {
            "sticker": {"type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False},
            "voice": {"duration": 4, "mime_type": "audio/ogg"},
            "video": {"width": 640, "height": 360, "duration": 7},
        }
        media = {kind: {"file_id": file_id, "file_unique_id": unique_id, **described[kind]}}
        return await self._push_user_message(self._user_message(user, "", media), user)

    async def press(self, message: ChatMessage, choice: int | str, *, user: TelegramUser = CITIZEN) -> int:
        """Press a callback button of a bot message (by 0-based index or label), as it is now."""
        current = self.messages.get((message.chat_id, message.message_id))
        if current is None:
            raise LookupError("the message is gone")
        button = current.button(choice)
        if button.callback_data is None:
            raise ValueError(f"button {button.text!r} opens {button.url!r}; it sends nothing to the bot")
        query_id = f"{user.id}-{next(self._query_ids)}"
        self._callback_queries[query_id] = False
        payload = {
            "id": query_id,
            "from": user.to_api(),
            "message": self._message_to_api(current),
            "chat_instance": f"chat-{current.chat_id}",
            "data": button.callback_data,
        }
        return await self._push("callback_query", payload)

    async def wait_fetched(self, update_id: int, timeout: float = 30) -> None:
        """Until the bot has fetched `update_id` and confirmed it with a later getUpdates offset.

        PTB puts fetched updates in its update queue before it asks for the next ones, so
        after this the update is in the Application's hands.
        """
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self._confirmed > update_id), timeout)

    def unanswered_callback_queries(self) -> list[str]:
        return [query_id for query_id, answered in self._callback_queries.items() if not answered]


@dataclass
class Exchange:
    """What the bot did while handling one injected update (getUpdates left out)."""

    calls: list[ApiCall] = field(default_factory=list)

    @property
    def messages(self) -> list[ChatMessage]:
        """Messages sent or edited, as each looked right after the call."""
        return [call.message for call in self.calls if call.ok and call.message is not None]

    @property
    def sent(self) -> list[ChatMessage]:
        return [call.message for call in self.calls if call.ok and call.method == "sendMessage" and call.message]

    @property
    def edited(self) -> list[ChatMessage]:
        return [
            call.message for call in self.calls if call.ok and call.method.startswith("editMessage") and call.message
        ]

    @property
    def errors(self) -> list[ApiCall]:
        return [call for call in self.calls if not call.ok]

    @property
    def answers(self) -> list[dict[str, Any]]:
        """answerCallbackQuery parameters: the pop-up or alert text the user saw, if any."""
        return [call.params for call in self.calls if call.method == "answerCallbackQuery"]

    @property
    def last(self) -> ChatMessage:
        return self.messages[-1]


class LocalChat:
    """A citizen chatting with a running Application through a LocalBotApi.

    `settle` is awaited after the Application has handled each update, for a bot that answers later (its
    replies queued and sent by a delivery loop): it returns once those are sent."""

    def __init__(
        self,
        api: LocalBotApi,
        application: Application[Any, Any, Any, Any, Any, Any],
        user: TelegramUser = CITIZEN,
        settle: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.api = api
        self.application = application
        self.user = user
        self.settle = settle

    def other(self, user: TelegramUser) -> LocalChat:
        """Another person talking to the same bot."""
        return LocalChat(self.api, self.application, user, self.settle)

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls,
        api: LocalBotApi,
        application: Application[Any, Any, Any, Any, Any, Any],
        user: TelegramUser = CITIZEN,
        *,
        poll_timeout: float = 10,
        settle: Callable[[], Awaitable[None]] | None = None,
    ) -> AsyncIterator[LocalChat]:
        """Run the application polling `api` for the duration of the block, then stop it cleanly."""
        await application.initialize()
        try:
            if application.post_init is not None:
                await application.post_init(application)
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0, timeout=dtm.timedelta(seconds=poll_timeout))
            try:
                yield cls(api, application, user, settle)
            finally:
                if application.updater.running:
                    await application.updater.stop()
                await application.stop()
                if application.post_stop is not None:
                    await application.post_stop(application)
        finally:
            await application.shutdown()

    async def _exchange(self, update_id: int, start: int) -> Exchange:
        await self.api.wait_fetched(update_id)
        # The Application marks an update done only after every handler for it has run.
        await asyncio.wait_for(self.application.update_queue.join(), _HANDLING_TIMEOUT)
        if self.settle is not None:
            await asyncio.wait_for(self.settle(), _HANDLING_TIMEOUT)
        return Exchange([call for call in self.api.calls[start:] if call.method != "getUpdates"])

    async def say(self, text: str, *, group: TelegramGroup | None = None) -> Exchange:
        """Send a text message (or a /command), privately or in `group`, and wait until the bot has handled it."""
        start = len(self.api.calls)
        update_id, _ = await self.api.send_text(text, user=self.user, group=group)
        return await self._exchange(update_id, start)

    async def press(self, message: ChatMessage, choice: int | str) -> Exchange:
        """Press a button of a bot message (0-based index or label) and wait for the bot."""
        start = len(self.api.calls)
        update_id = await self.api.press(message, choice, user=self.user)
        return await self._exchange(update_id, start)

    async def send_photo(self, caption: str | None = None, *, file_size: int = 180_000) -> Exchange:
        """Send a photo, with or without a caption, and wait for the bot."""
        start = len(self.api.calls)
        update_id, _ = await self.api.send_photo(caption, user=self.user, file_size=file_size)
        return await self._exchange(update_id, start)

    async def send_document(self, file_name: str, **details: Any) -> Exchange:
        """Send a file (mime_type, file_size, caption as keywords) and wait for the bot."""
        start = len(self.api.calls)
        update_id, _ = await self.api.send_document(file_name, user=self.user, **details)
        return await self._exchange(update_id, start)

    async def send_location(self, latitude: float, longitude: float, *, venue_title: str | None = None) -> Exchange:
        """Share a place on the map (a venue with `venue_title`) and wait for the bot."""
        start = len(self.api.calls)
        update_id, _ = await self.api.send_location(latitude, longitude, venue_title=venue_title, user=self.user)
        return await self._exchange(update_id, start)

    async def send_unreadable(self, kind: str) -> Exchange:
        """Send a sticker, a voice message or a video ("sticker", "voice", "video") and wait for the bot."""
        start = len(self.api.calls)
        update_id, _ = await self.api.send_unreadable(kind, user=self.user)
        return await self._exchange(update_id, start)

    async def share_contact(self, phone_number: str, *, owner: TelegramUser | None = None) -> Exchange:
        """Share a contact (by default one's own, as the request_contact button does) and wait for the bot."""
        start = len(self.api.calls)
        update_id, _ = await self.api.send_contact(phone_number, user=self.user, owner=owner)
        return await self._exchange(update_id, start)

    @property
    def keyboard(self) -> list[KeyboardButton]:
        """The reply keyboard the user sees under the input field now."""
        return self.api.reply_keyboards.get(self.user.id, [])

    async def tap(self, label: str, *, phone_number: str = "+84912345678") -> Exchange:
        """Tap a reply-keyboard button: it sends its text, or the user's contact for a request_contact one."""
        button = next((button for button in self.keyboard if label in button.text), None)
        if button is None:
            raise LookupError(f"no keyboard button {label!r} in {[button.text for button in self.keyboard]}")
        if button.request_contact:
            return await self.share_contact(phone_number)
        return await self.say(button.text)

    async def during(self, work: Awaitable[object]) -> Exchange:
        """What the bot sent while `work` ran outside any update (e.g. delivering notices)."""
        start = len(self.api.calls)
        await work
        return Exchange([call for call in self.api.calls[start:] if call.method != "getUpdates"])

"""Public reads that cannot starve intake: a limit per address, few queries at a time, a short cache.

`GET requests` needs no key, and eight anonymous readers once cut Open311 submissions from 110 to under 2
a second (the bot shares the event loop). So: an anonymous reader gets `per_second` and `per_minute` reads
per address (moving windows, by the `limits` library; a client with a valid api_key is not limited); a
read over the limit is answered 429 with Retry-After only after `refusal_delay` seconds, so a reader that
ignores the 429 and asks again at once costs a sleeping coroutine, not the event loop's time; at most
`concurrent_queries` public reads query the database at once (the others wait their turn, so readers
never take the connections intake needs), and a list is served from a cache for `cache_seconds`
(cleared when this instance files a request), with `Cache-Control: public` so a proxy can keep it too.
A single request (`requests/CODE`) is never cached: the citizen following it sees its status at once.

The limits per address do not bound the whole: a list of 100 items costs the event loop about three
submissions' time, and eight addresses at their limit still halved intake. So the lists anonymous readers
get from the database, all addresses together, start at most `list_queries_per_second` a second, evenly
spaced; a read waits for its turn, and when `list_queue` reads already wait, it is answered 503 with
Retry-After. Intake and a citizen following one request never wait behind them.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from limits import RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

from feedback.service_layer.api_key_service import ApiKeyService
from web.open311 import texts
from web.open311.errors import Open311Error

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_CACHED_ROUTES = frozenset({"open311_requests"})
_CACHE_ENTRIES = 256


@dataclass(frozen=True)
class ReadPolicy:
    per_second: int = 2
    per_minute: int = 60
    refusal_delay: float = 1.0
    concurrent_queries: int = 2
    cache_seconds: float = 10.0
    list_queries_per_second: float = 1.0
    list_queue: int = 8


class _Pace:
    """Starts at most `rate` a second, evenly spaced (the next start is booked at once: no burst, no drift);
    at most `queue` callers wait for theirs."""

    def __init__(self, rate: float, queue: int, clock: Callable[[], float]) -> None:
        self._interval = 1 / rate
        self._queue = queue
        self._clock = clock
        self._next = 0.0
        self._waiting = 0

    async def turn(self) -> bool:
        """Waits for this caller's turn; False, at once, when the queue is full."""
        now = self._clock()
        start = max(now, self._next)
        if start > now and self._waiting >= self._queue:
            return False
        self._next = start + self._interval
        if start > now:
            self._waiting += 1
            try:
                await asyncio.sleep(start - now)
            finally:
                self._waiting -= 1
        return True

    def retry_after(self) -> float:
        return max(1.0, self._next - self._clock())


@dataclass(frozen=True)
class _Cached:
    expires: float
    body: bytes
    content_type: str
    charset: str | None


class PublicReads:
    def __init__(
        self, api_keys: ApiKeyService, policy: ReadPolicy | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._api_keys = api_keys
        self.policy = policy or ReadPolicy()
        self._clock = clock
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._per_address = (
            RateLimitItemPerSecond(self.policy.per_second),
            RateLimitItemPerMinute(self.policy.per_minute),
        )
        self._queries = asyncio.Semaphore(self.policy.concurrent_queries)
        self._lists = _Pace(self.policy.list_queries_per_second, self.policy.list_queue, clock)
        self._cache: OrderedDict[str, _Cached] = OrderedDict()

    async def allow(self, address: str) -> bool:
        """Counts the read; False when the address is over either limit."""
        for limit in self._per_address:
            if not await self._limiter.hit(limit, "open311-read", address):
                return False
        return True

    def forget_lists(self) -> None:
        self._cache.clear()

    def cached(self, key: str) -> web.Response | None:
        entry = self._cache.get(key)
        if entry is None:
            return None
        if entry.expires <= self._clock():
            del self._cache[key]
            return None
        return web.Response(body=entry.body, content_type=entry.content_type, charset=entry.charset)

    def keep(self, key: str, response: web.Response) -> None:
        if not isinstance(response.body, bytes) or self.policy.cache_seconds <= 0:
            return
        expires = self._clock() + self.policy.cache_seconds
        self._cache[key] = _Cached(expires, response.body, response.content_type, response.charset)
        self._cache.move_to_end(key)
        while len(self._cache) > _CACHE_ENTRIES:
            self._cache.popitem(last=False)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.method not in ("GET", "HEAD") or request.match_info.http_exception is not None:
            written = await handler(request)
            if request.method == "POST" and written.status == 201:
                self.forget_lists()
            return written
        anonymous = not await self._known_client(request)
        if anonymous and not await self.allow(request.remote or ""):
            await asyncio.sleep(self.policy.refusal_delay)
            raise Open311Error(
                429, texts.TOO_MANY_READS.format(limit=self.policy.per_minute), retry_after=self.policy.refusal_delay
            )
        cacheable = request.match_info.route.name in _CACHED_ROUTES and "service_request_id" not in request.query
        key = request.path_qs
        response: web.StreamResponse | None = self.cached(key) if cacheable else None
        if response is None and cacheable and anonymous:
            if not await self._lists.turn():
                raise Open311Error(503, texts.LISTS_BUSY, retry_after=self._lists.retry_after())
            response = self.cached(key)  # another reader may have fetched the same list while this one waited
        if response is None:
            async with self._queries:
                response = await handler(request)
            if cacheable and response.status == 200 and isinstance(response, web.Response):
                self.keep(key, response)
        if cacheable and response.status == 200:
            response.headers["Cache-Control"] = f"public, max-age={int(self.policy.cache_seconds)}"
        return response

    async def _known_client(self, request: web.Request) -> bool:
        """A reader that sends a valid api_key is an agency's application, not an anonymous reader."""
        keys = request.query.getall("api_key", [])
        if len(keys) != 1 or not keys[0]:
            return False
        return await self._api_keys.authenticate(keys[0]) is not None


reads_key = web.AppKey("open311_reads", PublicReads)

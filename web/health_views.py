"""/healthz for load balancers and monitoring, /metrics for Prometheus.

/healthz answers 200 when the database answers and every background loop has completed a round lately,
503 otherwise, with each loop's last run and last error (`monitoring.heartbeats`). /metrics is the
Prometheus text format (prometheus_client): requests by route and status are counted as responses go
out, the PAKN figures are read from the database at each scrape.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from monitoring import metrics
from monitoring.figures import OperationalFigures
from monitoring.heartbeats import Heartbeats
from web.json_body import json_response
from web.keys import catalog_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HealthSources:
    database: Callable[[], Awaitable[None]]  # raises when the database cannot be reached
    figures: Callable[[date], Awaitable[OperationalFigures]]
    heartbeats: Heartbeats
    today: Callable[[], date]


health_key = web.AppKey("health", HealthSources)


async def health(request: web.Request) -> web.Response:
    body: dict[str, object] = {"status": "ok", "procedures": len(request.app[catalog_key].index)}
    sources = request.app.get(health_key)
    if sources is None:
        return json_response(body)
    healthy = True
    try:
        await sources.database()
        body["database"] = "ok"
    except Exception as error:  # any failure to reach it is the answer, not a 500
        log.warning("health check: database unreachable", extra={"error": str(error)})
        body["database"] = "unreachable"
        healthy = False
    now = sources.heartbeats.now()
    loops = {}
    for loop in sources.heartbeats.loops():
        late = loop.late(now)
        healthy = healthy and not late
        loops[loop.name] = {
            "last_run": _iso(loop.last_run),
            "every_seconds": int(loop.every.total_seconds()),
            "late": late,
            "last_error": loop.last_error,
            "last_error_at": _iso(loop.last_error_at),
        }
    body["loops"] = loops
    body["status"] = "ok" if healthy else "unhealthy"
    return json_response(body, status=200 if healthy else 503)


async def metrics_page(request: web.Request) -> web.Response:
    sources = request.app.get(health_key)
    if sources is not None:
        try:
            _set_figures(await sources.figures(sources.today()), sources.heartbeats.now())
        except Exception as error:  # the counters are still worth a scrape without the database
            log.warning("metrics: figures unavailable", extra={"error": str(error)})
    return web.Response(body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})


def _set_figures(figures: OperationalFigures, now: datetime) -> None:
    metrics.ITEMS.clear()
    for status, count in figures.items_by_status.items():
        metrics.ITEMS.labels(status=status).set(count)
    metrics.OVERDUE_ITEMS.set(figures.overdue)
    metrics.OUTBOX_BACKLOG.set(figures.outbox_backlog)
    oldest = figures.outbox_oldest
    metrics.OUTBOX_OLDEST_SECONDS.set((now - oldest).total_seconds() if oldest is not None else 0)


async def count_request(request: web.Request, response: web.StreamResponse) -> None:
    """An `on_response_prepare` signal: every response, by route name (never the raw path: ids would
    make a series per item), method and status."""
    match_info = request.match_info
    route = "unmatched" if match_info.http_exception is not None else (match_info.route.name or "unnamed")
    metrics.HTTP_REQUESTS.labels(route=route, method=request.method, status=str(response.status)).inc()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None

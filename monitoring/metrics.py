"""The Prometheus metrics (prometheus_client), in one place so that every part of the service counts the same.

Counted where things happen: web requests by route and status (`web.metrics_views`), search latency
(the search views), delivery failures and outcomes by channel (`delivery.loop`). Read from the database at
each scrape: items by status, overdue items, the notice outbox's backlog and the age of its oldest notice.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "motcua_http_requests_total",
    "Web requests answered, by route name, method and status.",
    ["route", "method", "status"],
)
SEARCH_SECONDS = Histogram(
    "motcua_search_seconds",
    "Time to answer one procedure search.",
    ["channel"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
DELIVERY_FAILURES = Counter(
    "motcua_delivery_failures_total", "Messages a channel failed to deliver (each attempt).", ["channel"]
)
DELIVERY_OUTCOMES = Counter(
    "motcua_delivery_outcomes_total",
    "Outbox messages by what became of each attempt: sent, retry, held, undeliverable, error (a sender's bug).",
    ["channel", "outcome"],
)
CHANNEL_OUTBOX = Gauge(
    "motcua_channel_outbox",
    "Channel outbox rows by state: due (waiting and due now), held (until the person writes), undeliverable.",
    ["channel", "state"],
)
CHANNEL_OUTBOX_OLDEST_SECONDS = Gauge(
    "motcua_channel_outbox_oldest_seconds", "Age of the oldest outbox row due and not sent yet.", ["channel"]
)
ITEMS = Gauge("motcua_items", "PAKN by status.", ["status"])
OVERDUE_ITEMS = Gauge("motcua_overdue_items", "PAKN in process past their legal deadline (clock not paused).")
OUTBOX_BACKLOG = Gauge("motcua_notice_outbox_backlog", "Notices to citizens not sent yet.")
OUTBOX_OLDEST_SECONDS = Gauge("motcua_notice_outbox_oldest_seconds", "Age of the oldest notice not sent yet.")

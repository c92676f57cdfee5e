"""Settings from MOTCUA_* environment variables and an optional `.env` file."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from motcua import texts
from storage.db import is_sqlite
from zalo.zns import TEMPLATE_KEYS

TELEGRAM_BASE_URL = "https://api.telegram.org/bot"
TELEGRAM_WEBHOOK_PATH = "/telegram/webhook"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as a secret_token
# Origins without a path: Zalo versions each endpoint on its own (v2.0 uploads, v3.0 messages, v4 OAuth).
ZALO_API_BASE = "https://openapi.zalo.me"
ZALO_OAUTH_BASE = "https://oauth.zaloapp.com"
ZALO_ZNS_BASE = "https://business.openapi.zalo.me"


class Settings(BaseSettings):
    # hide_input_in_errors: an error about one setting must not print the others (the token among them).
    model_config = SettingsConfigDict(env_prefix="MOTCUA_", env_file=".env", extra="ignore", hide_input_in_errors=True)

    database_url: str = "sqlite+aiosqlite:///var/motcua.db"
    # Upgrade the schema when a command starts. Unset: yes for SQLite (one process owns the file), no for
    # PostgreSQL, where several instances must not race an upgrade: run `motcua migrate` once, then start them.
    auto_migrate: bool | None = None
    telegram_token: SecretStr | None = None
    # python-telegram-bot appends the token to this, as with Telegram's own URL.
    telegram_base_url: str = TELEGRAM_BASE_URL
    # Telegram by webhook (production, several instances): the public https address Telegram posts to, the
    # path this server answers on (the address's own path unless the reverse proxy rewrites it), and the
    # secret Telegram sends with every call. Without the address the bot polls (development, one instance).
    telegram_webhook_url: str | None = None
    telegram_webhook_path: str = TELEGRAM_WEBHOOK_PATH
    telegram_webhook_secret: SecretStr | None = None
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    # The citizens' portal's public address ("https://motcua.xa.gov.vn"), for the links a messenger sends to its
    # pages (the full personal-data notice). Unset: the messages name the page without an address.
    portal_url: str | None = None
    # Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For / -Proto or Forwarded
    # headers are believed: the client's address for the login limit, https for the Secure cookie.
    trusted_proxies: str = ""
    # Open311's public reads: per anonymous address and minute, and how long a list is served from the cache.
    open311_reads_per_second: int = 2
    open311_reads_per_minute: int = 60
    open311_list_cache_seconds: float = 10.0
    # Lists anonymous readers get from the database, all addresses together, per second (the others wait or 503).
    open311_list_queries_per_second: float = 1.0
    # The officers' web: sessions end after this long idle, and in any case this long after login.
    web_session_idle_minutes: int = 30
    web_session_max_hours: int = 12
    # Failed logins allowed per username and per client address within the window, before a wait.
    web_login_max_failures: int = 5
    web_login_window_minutes: int = 15
    # The citizens' portal: filings a day from one client address (many people share one), the least time a
    # person takes to fill the form (a robot's is less), and where its files go without an attachments dir.
    web_daily_cap_per_address: int = 20
    web_form_min_seconds: int = 5
    web_pin_max_failures: int = 5
    log_level: str = "INFO"
    # Extra abbreviations and everyday phrases an office adds on top of the bundled table.
    synonyms_file: Path | None = None
    pointers_file: Path | None = None

    # PAKN. Deadlines in working days; the law fixes only forwarding (5), the rest are local practice.
    calendar_overrides_file: Path | None = None  # swapped working days and extra days off; default: bundled
    refusal_reasons_file: Path | None = None
    deadline_classify_days: int = 2
    deadline_forward_days: int = 5
    deadline_answer_days: int = 10
    deadline_extension_days: int = 10
    reopen_window_days: int = 10
    # Abuse limits for citizen submissions.
    content_min_chars: int = 10
    content_max_chars: int = 5000
    max_attachments: int = 5
    max_attachment_bytes: int = 20 * 1024 * 1024
    daily_cap_per_citizen: int = 5
    # Where the bot downloads attachments; empty keeps only Telegram's file ids.
    attachments_dir: Path | None = None
    # Personal data (README, "Dữ liệu cá nhân"): calendar days after an item is closed before its filer's contact
    # details are masked and their files deleted; days (calendar) to carry out a citizen's deletion request.
    retention_contact_days: int = 1095
    retention_attachment_days: int = 365
    deletion_answer_days: int = 15
    # Scheduled jobs (local time, working days): escalation, automatic apologies, then the morning digest.
    digest_time: time = time(7, 30)
    escalation_step_days: int = 2  # working days overdue between one escalation step and the next
    apology_extra_days: int = 5  # working days after the deadline for the new date of an automatic apology

    # Zalo Official Account. The channel is on when the app id, the app secret (OAuth) and the OA secret key
    # (webhook signatures: a different value, found under the OA's developer tools) are all set.
    zalo_app_id: str | None = None
    zalo_app_secret: SecretStr | None = None
    zalo_oa_secret_key: SecretStr | None = None
    zalo_api_base: str = ZALO_API_BASE
    zalo_oauth_base: str = ZALO_OAUTH_BASE
    zalo_zns_base: str = ZALO_ZNS_BASE
    # Where Zalo sends the administrator back after consent: the "Official Account Callback URL" of the app.
    zalo_redirect_uri: str | None = None
    # ZNS templates approved for the agency, by notice kind (answered, information_requested, apology,
    # deadline_extended, status_changed, data_deleted, data_deletion_refused) or by the status a change
    # reaches (status_changed.refused, status_changed.closed…), as JSON: {"answered": "123456"}. A notice
    # outside the consultation window goes as its template; a kind without one waits until the citizen writes.
    zalo_zns_templates: dict[str, str] = {}
    # E-mail to web filers who gave an address (their PAKN answered, asked for information, extended, their
    # deletion request decided). On when the host and the From address are set; otherwise the portal's page
    # is the only place they see it. Security: starttls (port 587), tls (465) or none (a relay on this machine).
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = None
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"

    @property
    def email_enabled(self) -> bool:
        return bool(self.smtp_host and self.smtp_from)

    @property
    def zalo_enabled(self) -> bool:
        return bool(self.zalo_app_id and self.zalo_app_secret and self.zalo_oa_secret_key)

    def secrets(self) -> list[str]:
        """Values no log line may show."""
        values = [
            self.telegram_token,
            self.telegram_webhook_secret,
            self.zalo_app_secret,
            self.zalo_oa_secret_key,
            self.smtp_password,
        ]
        # An empty one (`MOTCUA_SMTP_PASSWORD=` in a template) is no secret: redacting it would mangle every line.
        return [value.get_secret_value() for value in values if value is not None and value.get_secret_value()]

    def migrates_on_start(self) -> bool:
        if self.auto_migrate is not None:
            return self.auto_migrate
        return is_sqlite(self.database_url)

    @field_validator("zalo_zns_templates")
    @classmethod
    def _known_template_keys(cls, value: dict[str, str]) -> dict[str, str]:
        """A misspelt kind would never be used: every notice of it would wait for the citizen instead."""
        unknown = sorted(set(value) - TEMPLATE_KEYS)
        if unknown:
            raise ValueError(f"not a notice kind: {', '.join(unknown)}; known: {', '.join(sorted(TEMPLATE_KEYS))}")
        return value

    @field_validator("portal_url", mode="before")
    @classmethod
    def _portal_url_without_slash(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().rstrip("/")
            if value and urlsplit(value).scheme not in ("http", "https"):
                raise ValueError(texts.PORTAL_URL_NOT_HTTP)
            return value or None
        return value

    @field_validator(
        "telegram_token", "telegram_webhook_url", "telegram_webhook_secret", "smtp_host", "smtp_from", mode="before"
    )
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        """`MOTCUA_TELEGRAM_TOKEN=` (set but empty, as in a template .env) means no bot, not a broken one."""
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _webhook_is_complete(self) -> Settings:
        if self.telegram_webhook_url is None:
            return self
        address = urlsplit(self.telegram_webhook_url)
        # Telegram posts only to https; plain http is for the local stand-in on this machine.
        if address.scheme != "https" and not (address.scheme == "http" and address.hostname in _LOOPBACK):
            raise ValueError(texts.WEBHOOK_URL_NOT_HTTPS)
        secret = self.telegram_webhook_secret
        if secret is None or not _WEBHOOK_SECRET.match(secret.get_secret_value()):
            raise ValueError(texts.WEBHOOK_SECRET_NEEDED)
        if not self.telegram_webhook_path.startswith("/"):
            raise ValueError(texts.WEBHOOK_PATH_NOT_ABSOLUTE)
        return self

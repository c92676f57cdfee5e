"""Settings from MOTCUA_* environment variables and an optional `.env` file."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

TELEGRAM_BASE_URL = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOTCUA_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///var/motcua.db"
    telegram_token: SecretStr | None = None
    # python-telegram-bot appends the token to this, as with Telegram's own URL.
    telegram_base_url: str = TELEGRAM_BASE_URL
    web_host: str = "127.0.0.1"
    web_port: int = 8080
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
    # Scheduled jobs (local time, working days): escalation, automatic apologies, then the morning digest.
    digest_time: time = time(7, 30)
    escalation_step_days: int = 2  # working days overdue between one escalation step and the next
    apology_extra_days: int = 5  # working days after the deadline for the new date of an automatic apology

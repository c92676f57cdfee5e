"""Settings from MOTCUA_* environment variables and an optional `.env` file."""

from __future__ import annotations

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
    log_level: str = "INFO"
    # Extra abbreviations and everyday phrases an office adds on top of the bundled table.
    synonyms_file: Path | None = None

"""Settings from the environment: an empty value where a secret is optional means the secret is absent."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from motcua.conversations import email_sender, full_notice_address
from motcua.settings import Settings


def test_a_telegram_token_set_but_empty_means_no_bot(monkeypatch: pytest.MonkeyPatch) -> None:
    for empty in ("", "   "):
        monkeypatch.setenv("MOTCUA_TELEGRAM_TOKEN", empty)
        assert Settings(_env_file=None).telegram_token is None


def test_a_telegram_token_is_kept_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_TELEGRAM_TOKEN", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")
    settings = Settings(_env_file=None)
    assert settings.telegram_token is not None
    assert settings.telegram_token.get_secret_value().startswith("123456789:")
    assert "AAHdq" not in repr(settings)


def test_the_template_envs_empty_smtp_settings_mean_no_letters_and_no_empty_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HOST", "USER", "PASSWORD", "FROM"):
        monkeypatch.setenv(f"MOTCUA_SMTP_{name}", "")
    settings = Settings(_env_file=None)
    assert not settings.email_enabled and email_sender(settings) is None
    assert "" not in settings.secrets()  # an empty secret would be "redacted" between every two characters


def test_smtp_with_a_host_and_a_sender_sends_letters_and_its_password_is_kept_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MOTCUA_SMTP_HOST", "mail.tanlap.gov.vn")
    monkeypatch.setenv("MOTCUA_SMTP_FROM", "motcua@tanlap.gov.vn")
    monkeypatch.setenv("MOTCUA_SMTP_PASSWORD", "thu-mat-khau-9")
    monkeypatch.setenv("MOTCUA_SMTP_SECURITY", "tls")
    settings = Settings(_env_file=None)
    assert email_sender(settings) is not None
    assert "thu-mat-khau-9" in settings.secrets() and "thu-mat-khau-9" not in repr(settings)
    monkeypatch.setenv("MOTCUA_SMTP_SECURITY", "ssl")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)


SECRET = "Zx9_webhook-secret"


def test_a_webhook_address_needs_a_secret_telegram_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_TELEGRAM_WEBHOOK_URL", "https://motcua.example.gov.vn/telegram/webhook")
    for secret in (None, "", "has spaces", "x" * 257, "dấu"):
        if secret is None:
            monkeypatch.delenv("MOTCUA_TELEGRAM_WEBHOOK_SECRET", raising=False)
        else:
            monkeypatch.setenv("MOTCUA_TELEGRAM_WEBHOOK_SECRET", secret)
        with pytest.raises(ValidationError, match="MOTCUA_TELEGRAM_WEBHOOK_SECRET") as refused:
            Settings(_env_file=None)
        if secret:
            assert secret not in str(refused.value)  # an error never shows the values given
    monkeypatch.setenv("MOTCUA_TELEGRAM_WEBHOOK_SECRET", SECRET)
    settings = Settings(_env_file=None)
    assert settings.telegram_webhook_path == "/telegram/webhook"
    assert SECRET in settings.secrets()


@pytest.mark.parametrize("address", ["http://motcua.example.gov.vn/telegram/webhook", "motcua.example.gov.vn"])
def test_a_webhook_address_is_https_but_on_this_machine(monkeypatch: pytest.MonkeyPatch, address: str) -> None:
    monkeypatch.setenv("MOTCUA_TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("MOTCUA_TELEGRAM_WEBHOOK_URL", address)
    with pytest.raises(ValidationError, match="https"):
        Settings(_env_file=None)
    monkeypatch.setenv("MOTCUA_TELEGRAM_WEBHOOK_URL", "http://127.0.0.1:8080/telegram/webhook")
    assert Settings(_env_file=None).telegram_webhook_url == "http://127.0.0.1:8080/telegram/webhook"


def test_without_a_webhook_address_the_bot_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_TELEGRAM_WEBHOOK_URL", "")
    assert Settings(_env_file=None).telegram_webhook_url is None


def test_the_portals_address_gives_the_messengers_the_full_notices_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOTCUA_PORTAL_URL", raising=False)
    assert full_notice_address(Settings(_env_file=None)) is None
    monkeypatch.setenv("MOTCUA_PORTAL_URL", " https://motcua.xa.gov.vn/ ")
    assert full_notice_address(Settings(_env_file=None)) == "https://motcua.xa.gov.vn/du-lieu-ca-nhan"
    monkeypatch.setenv("MOTCUA_PORTAL_URL", "")
    assert Settings(_env_file=None).portal_url is None
    monkeypatch.setenv("MOTCUA_PORTAL_URL", "motcua.xa.gov.vn")
    with pytest.raises(ValidationError, match="MOTCUA_PORTAL_URL"):
        Settings(_env_file=None)

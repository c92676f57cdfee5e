"""Settings from the environment: an empty value where a secret is optional means the secret is absent."""

from __future__ import annotations

import pytest

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

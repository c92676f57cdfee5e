"""How `motcua admin` takes a new password: from standard input, or typed twice at a hidden prompt."""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable

import pytest

from motcua import texts
from motcua.admin_command import PasswordInputError, read_password


class Terminal(io.StringIO):
    """Standard input as an interactive terminal."""

    def isatty(self) -> bool:
        return True


def prompts(*answers: str) -> tuple[list[str], Callable[[str], str]]:
    asked: list[str] = []
    replies = iter(answers)

    def read_secret(prompt: str) -> str:
        asked.append(prompt)
        return next(replies)

    return asked, read_secret


def args(*, password_stdin: bool = False, no_password: bool = False) -> argparse.Namespace:
    return argparse.Namespace(password_stdin=password_stdin, no_password=no_password)


def test_password_stdin_takes_the_first_line_without_its_line_ending() -> None:
    stdin = io.StringIO("  mật khẩu có dấu cách  \r\nsecond line\n")
    assert read_password(args(password_stdin=True), stdin, lambda _: "unused") == "  mật khẩu có dấu cách  "


def test_an_empty_first_line_is_no_password() -> None:
    with pytest.raises(PasswordInputError, match="dòng đầu trống"):
        read_password(args(password_stdin=True), io.StringIO("\n"), lambda _: "unused")


def test_no_password_asks_for_nothing() -> None:
    asked, read_secret = prompts()
    assert read_password(args(no_password=True), Terminal(), read_secret) is None
    assert asked == []


def test_the_prompt_asks_twice_and_takes_the_password_when_both_match() -> None:
    asked, read_secret = prompts("cây đa giếng nước", "cây đa giếng nước")
    assert read_password(args(), Terminal(), read_secret) == "cây đa giếng nước"
    assert asked == [texts.PROMPT_PASSWORD, texts.PROMPT_PASSWORD_AGAIN]


def test_two_different_answers_are_refused() -> None:
    _, read_secret = prompts("cây đa giếng nước", "cây đa giếng nươc")
    with pytest.raises(PasswordInputError) as raised:
        read_password(args(), Terminal(), read_secret)
    assert str(raised.value) == texts.ERR_PASSWORDS_DIFFER


def test_without_a_terminal_the_prompt_is_not_tried() -> None:
    asked, read_secret = prompts("x")
    with pytest.raises(PasswordInputError) as raised:
        read_password(args(), io.StringIO("piped\n"), read_secret)
    assert str(raised.value) == texts.ERR_NO_TERMINAL
    assert asked == []

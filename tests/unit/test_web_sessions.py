"""Officers' web sessions: random ids, idle and absolute expiry on a hand-moved clock, logout."""

from datetime import timedelta

from tests.manual_clock import Clock
from web.sessions import SessionPolicy, SessionStore


def test_each_session_has_its_own_unguessable_id_and_csrf_token() -> None:
    store = SessionStore(Clock())
    first, second = store.start("an"), store.start("an")
    assert first.id != second.id and first.csrf_token != second.csrf_token
    assert len(first.id) >= 40 and len(first.csrf_token) >= 40


def test_a_session_lives_while_used_and_ends_when_idle() -> None:
    clock = Clock()
    store = SessionStore(clock, SessionPolicy(idle=timedelta(minutes=30)))
    session = store.start("an")
    clock.advance(minutes=29)
    assert store.get(session.id) is session
    clock.advance(minutes=29)
    assert store.get(session.id) is session
    clock.advance(minutes=30)
    assert store.get(session.id) is None
    assert len(store) == 0


def test_a_session_ends_at_the_absolute_limit_however_busy() -> None:
    clock = Clock()
    store = SessionStore(clock, SessionPolicy(idle=timedelta(minutes=30), absolute=timedelta(hours=12)))
    session = store.start("an")
    for _ in range(12 * 4 - 1):
        clock.advance(minutes=15)
        assert store.get(session.id) is not None
    clock.advance(minutes=15)
    assert store.get(session.id) is None


def test_an_ended_or_unknown_session_is_none() -> None:
    store = SessionStore(Clock())
    session = store.start("an")
    store.end(session.id)
    assert store.get(session.id) is None
    assert store.get("made-up") is None
    assert store.get(None) is None


def test_expired_visitors_do_not_pile_up() -> None:
    clock = Clock()
    store = SessionStore(clock)
    for _ in range(300):
        store.start()
    clock.advance(hours=1)
    for _ in range(300):
        store.start()
    assert len(store) <= 300


def test_a_flash_message_is_shown_once() -> None:
    session = SessionStore(Clock()).start("an")
    session.add_flash("ok", "Đã nhận xử lý.")
    assert session.take_flash() == [("ok", "Đã nhận xử lý.")]
    assert session.take_flash() == []

"""Failed logins per username and per address, in a sliding window."""

from datetime import timedelta

from tests.manual_clock import Clock
from web.login_throttle import LoginThrottle, ThrottlePolicy

POLICY = ThrottlePolicy(max_failures=5, window=timedelta(minutes=15))


def test_five_failures_make_a_username_wait_until_the_oldest_leaves_the_window() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock, POLICY)
    for _ in range(4):
        throttle.failed("an", "10.0.0.1")
        clock.advance(minutes=1)
    assert throttle.wait("an", "10.0.0.2") is None
    throttle.failed("an", "10.0.0.1")
    assert throttle.wait("AN ", "10.0.0.2") == timedelta(minutes=11)  # any spelling, any address
    clock.advance(minutes=11)
    assert throttle.wait("an", "10.0.0.2") is None


def test_five_failures_from_one_address_make_it_wait_for_any_username() -> None:
    throttle = LoginThrottle(Clock(), POLICY)
    for name in ("an", "binh", "chi", "dung", "em"):
        throttle.failed(name, "10.0.0.9")
    assert throttle.wait("giang", "10.0.0.9") == timedelta(minutes=15)
    assert throttle.wait("giang", "10.0.0.10") is None


def test_success_clears_the_usernames_failures_but_not_the_addresss() -> None:
    throttle = LoginThrottle(Clock(), POLICY)
    for _ in range(5):
        throttle.failed("an", "10.0.0.1")
    throttle.succeeded("an")
    assert throttle.wait("an", "10.0.0.2") is None
    assert throttle.wait("an", "10.0.0.1") is not None

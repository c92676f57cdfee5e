"""Which ZNS template a notice goes as outside Zalo's window: its status's own for a status change, else its
kind's; and a template named for no kind is refused when the settings are read, not ignored for ever."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from delivery.ports import NoticeRef
from motcua.settings import Settings
from zalo.zns import ZnsTemplates, template_data

TEMPLATES = ZnsTemplates(
    {
        "status_changed": "500001",
        "status_changed.refused": "500002",
        "deadline_extended": "500003",
        "information_requested": "500004",
        "data_deletion_refused": "  ",
    }
)


@pytest.mark.parametrize(
    ("kind", "status", "template"),
    [
        ("status_changed", "refused", "500002"),
        ("status_changed", "accepted", "500001"),
        ("status_changed", None, "500001"),  # a row queued before the status was recorded
        ("deadline_extended", "in_progress", "500003"),
        ("information_requested", "waiting_for_citizen", "500004"),
        ("answered", "answered", None),
        ("data_deletion_refused", "in_progress", None),  # a blank id is no template
    ],
)
def test_a_notice_goes_as_its_status_template_or_its_kind(kind: str, status: str | None, template: str | None) -> None:
    assert TEMPLATES.template_for(NoticeRef("20261201.0001", kind, None, status)) == template


def test_the_template_gets_the_code_and_the_date() -> None:
    notice = NoticeRef("20261201.0001", "deadline_extended", date(2026, 12, 24), "in_progress")
    assert template_data(notice) == {"ma_phan_anh": "20261201.0001", "ngay_hen": "24/12/2026"}


def test_every_notice_kind_and_status_change_may_have_a_template(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "MOTCUA_ZALO_ZNS_TEMPLATES",
        '{"answered": "1", "apology": "2", "deadline_extended": "3", "data_deleted": "4",'
        ' "data_deletion_refused": "5", "status_changed.closed": "6", "status_changed.forwarded": "7"}',
    )
    assert Settings(_env_file=None).zalo_zns_templates["deadline_extended"] == "3"


@pytest.mark.parametrize("key", ["answerd", "refused", "status_changed.lost", "status_changed."])
def test_a_template_for_no_notice_kind_is_refused(monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    monkeypatch.setenv("MOTCUA_ZALO_ZNS_TEMPLATES", f'{{"{key}": "1"}}')
    with pytest.raises(ValidationError, match="not a notice kind"):
        Settings(_env_file=None)

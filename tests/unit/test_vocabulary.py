"""The shared vocabulary covers every value of the domain's enums: no channel meets a type, status or refusal
it has no words for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from feedback.domain import model
from feedback.domain.contact import ContactProblem, InvalidContact
from feedback.domain.intake_limits import MIB, AttachmentProblem, AttachmentRejected, ContentProblem, ContentRejected
from feedback.domain.legal_type import FeedbackType
from feedback.domain.status import Status
from vocabulary import labels, refusals


def test_every_type_and_status_has_a_label_for_citizens_and_one_for_officers() -> None:
    assert set(labels.TYPE_LABELS) == set(FeedbackType)
    assert set(labels.STATUS_LABELS) == set(Status)
    assert set(labels.STATUS_SHORT_LABELS) == set(Status)
    assert labels.status_label("withdrawn") == "Người gửi đã rút lại"


def test_every_recorded_action_has_a_label_in_an_items_history() -> None:
    assert set(labels.AUDIT_LABELS) == model.RECORDED_ACTIONS
    # An action written out where the item records it, and forgotten in RECORDED_ACTIONS, would show raw.
    source = Path(model.__file__).read_text(encoding="utf-8")
    written = set(re.findall(r'_record\(\w+, \w+, "(\w+)"', source))
    written |= set(re.findall(r'AuditEntry\(\s*\w+,\s*[^,]+,\s*"(\w+)"', source))
    written |= {word for pair in re.findall(r'action = "(\w+)" if \w+ else "(\w+)"', source) for word in pair}
    assert {"mask_contact", "receive", "escalate", "apologise", "publish_answer"} <= written
    assert written <= model.RECORDED_ACTIONS


@pytest.mark.parametrize("problem", list(ContactProblem))
def test_every_contact_problem_has_a_sentence(problem: ContactProblem) -> None:
    sentence = refusals.contact_refusal(InvalidContact(problem))
    assert sentence.endswith(".") and "{" not in sentence and "<" not in sentence


@pytest.mark.parametrize("problem", list(ContentProblem))
def test_every_content_problem_names_the_limit_missed(problem: ContentProblem) -> None:
    sentence = refusals.content_refusal(ContentRejected(problem, 10))
    assert "{" not in sentence
    if problem in (ContentProblem.TOO_SHORT,):
        assert "10" in sentence


def test_a_file_too_large_is_told_in_megabytes() -> None:
    assert "20 MB" in refusals.attachment_refusal(AttachmentRejected(AttachmentProblem.TOO_LARGE, 20 * MIB))
    assert "5 tệp" in refusals.attachment_refusal(AttachmentRejected(AttachmentProblem.TOO_MANY, 5))

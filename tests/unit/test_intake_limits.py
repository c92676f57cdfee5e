"""Intake limits: content length, attachments, the daily cap, and spotting a resent item."""

from __future__ import annotations

import unicodedata

import pytest

from feedback.domain.intake_limits import (
    MIB,
    AttachmentProblem,
    AttachmentRejected,
    ContentProblem,
    ContentRejected,
    DailyCapReached,
    IntakeLimits,
    check_attachment,
    check_content,
    check_daily_cap,
    check_submission,
    find_near_duplicate,
)

LIMITS = IntakeLimits()
POTHOLE = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy ngã liên tục."


def test_the_defaults() -> None:
    assert IntakeLimits() == IntakeLimits(
        content_min_chars=10,
        content_max_chars=5000,
        max_attachments=5,
        max_attachment_bytes=20 * 1024 * 1024,
        daily_cap_per_citizen=5,
        duplicate_window_hours=24,
        duplicate_similarity=90,
    )


@pytest.mark.parametrize(
    "settings",
    [
        {"content_min_chars": 100, "content_max_chars": 10},
        {"content_min_chars": -1},
        {"max_attachments": -1},
        {"max_attachment_bytes": 0},
        {"daily_cap_per_citizen": 0},
        {"duplicate_similarity": 101},
    ],
)
def test_impossible_settings_are_refused(settings: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        IntakeLimits(**settings)


def rejected(text: str, limits: IntakeLimits = LIMITS) -> ContentProblem | None:
    try:
        check_content(text, limits)
    except ContentRejected as error:
        return error.problem
    return None


def test_content_length_bounds() -> None:
    assert rejected("") == ContentProblem.EMPTY
    assert rejected(" \n\t ") == ContentProblem.EMPTY
    assert rejected("Ổ gà lớn") == ContentProblem.TOO_SHORT  # 8 characters
    assert rejected("Ổ gà to quá") is None  # 11
    assert rejected(("Ổ gà " * 1000).strip()) is None  # 4,999
    assert rejected(("Ổ gà " * 1001).strip()) == ContentProblem.TOO_LONG


def test_the_limit_is_reported_with_the_problem() -> None:
    with pytest.raises(ContentRejected) as raised:
        check_content("ngắn", IntakeLimits(content_min_chars=20))
    assert (raised.value.problem, raised.value.limit) == (ContentProblem.TOO_SHORT, 20)


def test_padding_and_decomposed_accents_do_not_count() -> None:
    # Eight characters once trimmed and with runs of spaces as one; NFD would make it longer.
    assert rejected("   Ổ    gà \n\n lớn   ") == ContentProblem.TOO_SHORT
    assert rejected(unicodedata.normalize("NFD", "Ổ gà lớn")) == ContentProblem.TOO_SHORT
    assert rejected(unicodedata.normalize("NFD", ("ổ gà " * 1000).strip())) is None


def test_content_needs_words_not_emoji_or_a_lone_letter() -> None:
    assert rejected("😡" * 15) == ContentProblem.NO_WORDS
    assert rejected("!!!!!!!!!!!!!!!!") == ContentProblem.NO_WORDS
    assert rejected("1234567890 12") == ContentProblem.NO_WORDS
    assert rejected("Quáaaaaaaaaaaaaaa") == ContentProblem.NO_WORDS  # one word, however long
    assert rejected("Ngập nước 😡😡😡") is None


def test_a_photo_needs_only_a_caption_of_a_few_words() -> None:
    check_submission("Ổ gà", 2, LIMITS)
    for junk in ("", "a", "👍👍👍"):
        with pytest.raises(ContentRejected) as raised:
            check_submission(junk, 1, LIMITS)
        assert raised.value.problem in (ContentProblem.EMPTY, ContentProblem.NO_WORDS)
    with pytest.raises(ContentRejected) as raised:
        check_submission("", 0, LIMITS)
    assert raised.value.problem == ContentProblem.EMPTY
    with pytest.raises(ContentRejected) as raised:
        check_submission("Ổ gà", 0, LIMITS)
    assert raised.value.problem == ContentProblem.TOO_SHORT
    with pytest.raises(ContentRejected) as raised:
        check_submission(("Ổ gà " * 1001).strip(), 1, LIMITS)
    assert raised.value.problem == ContentProblem.TOO_LONG
    with pytest.raises(AttachmentRejected) as too_many:
        check_submission(POTHOLE, 6, LIMITS)
    assert (too_many.value.problem, too_many.value.limit) == (AttachmentProblem.TOO_MANY, 5)


def test_attachments_by_count_and_size() -> None:
    check_attachment(20 * MIB, 4, LIMITS)
    check_attachment(None, 0, LIMITS)  # the channel did not say the size
    with pytest.raises(AttachmentRejected) as raised:
        check_attachment(20 * MIB + 1, 0, LIMITS)
    assert raised.value.problem == AttachmentProblem.TOO_LARGE
    with pytest.raises(AttachmentRejected) as raised:
        check_attachment(1000, 5, LIMITS)
    assert raised.value.problem == AttachmentProblem.TOO_MANY
    with pytest.raises(AttachmentRejected):
        check_attachment(1, 0, IntakeLimits(max_attachments=0))


def test_the_daily_cap_allows_exactly_the_cap() -> None:
    for count in range(5):
        check_daily_cap(count, LIMITS)
    with pytest.raises(DailyCapReached) as raised:
        check_daily_cap(5, LIMITS)
    assert raised.value.cap == 5


# --- near duplicates ----------------------------------------------------------------------

EARLIER = [
    ("20261123.0003", "Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối."),
    ("20261123.0001", POTHOLE),
]


@pytest.mark.parametrize(
    "resent",
    [
        POTHOLE,
        POTHOLE.replace("ba tháng", "3 tháng"),
        POTHOLE.replace("xe máy", "xe mays").replace("liên tục", "lien tuc"),  # typos, accents dropped
        "o ga lon truoc so 12 le loi da ba thang chua duoc sua xe may nga lien tuc",
        POTHOLE.upper() + "!!",
    ],
)
def test_a_resend_with_small_changes_is_found(resent: str) -> None:
    assert find_near_duplicate(resent, EARLIER, LIMITS) == "20261123.0001"


@pytest.mark.parametrize(
    "other",
    [
        # The same street, another problem.
        "Đèn đường trước số 12 Lê Lợi đã ba tháng chưa được thay, buổi tối rất tối.",
        "Rác thải đổ bừa bãi trên vỉa hè Lê Lợi, đề nghị xử lý.",
        # The same kind of problem at another house: the numbers disagree.
        "Ổ gà lớn trước số 40 Lê Lợi đã ba tháng chưa được sửa, xe máy ngã liên tục.",
        # A short text whose words all appear in the earlier one is not a repeat of it.
        "Ổ gà Lê Lợi",
        "",
    ],
)
def test_different_matters_are_not_duplicates(other: str) -> None:
    assert find_near_duplicate(other, EARLIER, LIMITS) is None


def test_the_closest_earlier_item_is_named() -> None:
    earlier = [
        ("20261123.0001", POTHOLE.replace("xe máy ngã liên tục", "xe máy ngã")),
        ("20261123.0002", POTHOLE.replace("liên tục", "lien tuc")),
    ]
    assert find_near_duplicate(POTHOLE, earlier, LIMITS) == "20261123.0002"


def test_photo_only_items_are_never_duplicates() -> None:
    assert find_near_duplicate("", [("20261123.0001", "")], LIMITS) is None
    assert find_near_duplicate(POTHOLE, [("20261123.0001", "")], LIMITS) is None
    assert find_near_duplicate(POTHOLE, [], LIMITS) is None


def test_the_threshold_is_a_setting() -> None:
    edited = POTHOLE.replace("ba tháng", "3 tháng")
    assert find_near_duplicate(edited, EARLIER, IntakeLimits(duplicate_similarity=100)) is None
    strict_enough = IntakeLimits(duplicate_similarity=60)
    assert find_near_duplicate("Ổ gà lớn trước số 12 Lê Lợi chưa sửa", EARLIER, strict_enough) == "20261123.0001"

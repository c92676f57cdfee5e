"""Names, addresses, phone numbers and e-mails as citizens type them: accepted in one form, or refused with
the reason."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.domain.contact import (
    ContactProblem,
    InvalidContact,
    PhoneOrEmail,
    normalise_address,
    normalise_email,
    normalise_name,
    normalise_phone,
    parse_contact,
)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        (" 0912 345 678 ", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("(+84) 912 345 678", "0912345678"),
        ("0386 123 456", "0386123456"),
        ("0523 456 789", "0523456789"),
        ("0703 456 789", "0703456789"),
        ("0888 123 456", "0888123456"),
        ("024 3825 1234", "02438251234"),
        ("(024) 3825 1234", "02438251234"),
        ("0236 3821 234", "02363821234"),
        ("+84 24 3825 1234", "02438251234"),
        ("０９１２３４５６７８", "0912345678"),  # full-width digits from some keyboards
    ],
)
def test_phone_numbers_are_brought_to_the_national_form(typed: str, number: str) -> None:
    assert normalise_phone(typed) == number


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", ContactProblem.EMPTY),
        ("   ", ContactProblem.EMPTY),
        ("0912 345", ContactProblem.PHONE_TOO_SHORT),
        ("912 345 678", ContactProblem.PHONE_TOO_SHORT),  # the leading 0 forgotten
        ("8412345", ContactProblem.PHONE_TOO_SHORT),
        ("+84 912", ContactProblem.PHONE_TOO_SHORT),
        ("024 3825 123", ContactProblem.PHONE_TOO_SHORT),  # a landline needs 11 digits
        ("09123456789", ContactProblem.PHONE_TOO_LONG),
        ("024 3825 12345", ContactProblem.PHONE_TOO_LONG),
        ("0912 abc 678", ContactProblem.PHONE_HAS_LETTERS),
        ("không có", ContactProblem.PHONE_HAS_LETTERS),
        ("0912/345/678", ContactProblem.PHONE_INVALID_CHARACTERS),
        ("+1 415 555 0100", ContactProblem.PHONE_NOT_VIETNAMESE),
        ("0044 20 7946 0958", ContactProblem.PHONE_NOT_VIETNAMESE),
        ("0168 123 4567", ContactProblem.PHONE_UNKNOWN_PREFIX),  # an 01x mobile, renumbered in 2018
        ("0412 345 678", ContactProblem.PHONE_UNKNOWN_PREFIX),
        ("0612 345 678", ContactProblem.PHONE_UNKNOWN_PREFIX),
        ("1900 1234 56", ContactProblem.PHONE_UNKNOWN_PREFIX),
    ],
)
def test_bad_phone_numbers_say_what_is_wrong(typed: str, problem: ContactProblem) -> None:
    with pytest.raises(InvalidContact) as raised:
        normalise_phone(typed)
    assert raised.value.problem == problem


@given(
    st.sampled_from("35789"),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from(["{}", "+84{}", "84{}", "0084{}"]),
    st.sampled_from(["", " ", ".", "-"]),
)
def test_any_mobile_in_any_usual_spelling_normalises_to_itself(
    second: str, rest: str, prefix: str, separator: str
) -> None:
    national = "0" + second + rest
    significant = national[1:] if prefix != "{}" else national
    grouped = separator.join([significant[:3], significant[3:6], significant[6:]])
    assert normalise_phone(prefix.format(grouped)) == national
    assert normalise_phone(national) == national


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("lan.tran@gmail.com", "lan.tran@gmail.com"),
        ("Lan.Tran@Gmail.COM", "Lan.Tran@gmail.com"),  # the local part keeps its case
        ("  minh+pakn@hoian.gov.vn ", "minh+pakn@hoian.gov.vn"),
        ("mailto:minh@Example.VN", "minh@example.vn"),
        ("a@b-c.d.vn", "a@b-c.d.vn"),
    ],
)
def test_emails_are_trimmed_and_their_domain_lower_cased(typed: str, address: str) -> None:
    assert normalise_email(typed) == address


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", ContactProblem.EMPTY),
        ("lan.gmail.com", ContactProblem.EMAIL_MALFORMED),
        ("lan@gmail", ContactProblem.EMAIL_MALFORMED),
        ("lan@@gmail.com", ContactProblem.EMAIL_MALFORMED),
        ("lan@gmail@com.vn", ContactProblem.EMAIL_MALFORMED),
        ("@gmail.com", ContactProblem.EMAIL_MALFORMED),
        ("lan@", ContactProblem.EMAIL_MALFORMED),
        ("tran lan@gmail.com", ContactProblem.EMAIL_MALFORMED),
        ("lan@gmail .com", ContactProblem.EMAIL_MALFORMED),
        ("lan@gmail..com", ContactProblem.EMAIL_MALFORMED),
        ("lan@.gmail.com", ContactProblem.EMAIL_MALFORMED),
        ("lan@gmail.c", ContactProblem.EMAIL_MALFORMED),
        ("lan@-gmail.com", ContactProblem.EMAIL_MALFORMED),
        (".lan@gmail.com", ContactProblem.EMAIL_MALFORMED),
        ("lan..tran@gmail.com", ContactProblem.EMAIL_MALFORMED),
        ("x" * 65 + "@gmail.com", ContactProblem.EMAIL_MALFORMED),
        ("x@" + "a" * 250 + ".vn", ContactProblem.EMAIL_TOO_LONG),
    ],
)
def test_bad_emails_say_what_is_wrong(typed: str, problem: ContactProblem) -> None:
    with pytest.raises(InvalidContact) as raised:
        normalise_email(typed)
    assert raised.value.problem == problem


def test_an_email_of_exactly_254_characters_is_accepted() -> None:
    address = "x@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".vn"
    assert len(address) == 254
    assert normalise_email(address) == address


@pytest.mark.parametrize(
    ("typed", "contact"),
    [
        ("0912 345 678", PhoneOrEmail(phone="0912345678")),
        ("lan@gmail.com", PhoneOrEmail(email="lan@gmail.com")),
        ("0912 345 678 lan@Gmail.com", PhoneOrEmail("0912345678", "lan@gmail.com")),
        ("lan@gmail.com 0912.345.678", PhoneOrEmail("0912345678", "lan@gmail.com")),
        ("0912345678,lan@gmail.com", PhoneOrEmail("0912345678", "lan@gmail.com")),
        ("0912345678; lan@gmail.com", PhoneOrEmail("0912345678", "lan@gmail.com")),
        ("0912345678 và lan@gmail.com", PhoneOrEmail("0912345678", "lan@gmail.com")),
        ("SĐT: 0912 345 678, email: lan@gmail.com", PhoneOrEmail("0912345678", "lan@gmail.com")),
        ("sdt:0912345678 email:lan@gmail.com", PhoneOrEmail("0912345678", "lan@gmail.com")),
        ("Số điện thoại của tôi là +84 912 345 678", PhoneOrEmail(phone="0912345678")),
        ("Email của tôi là lan@gmail.com.", PhoneOrEmail(email="lan@gmail.com")),
    ],
)
def test_one_message_gives_a_phone_an_email_or_both(typed: str, contact: PhoneOrEmail) -> None:
    assert parse_contact(typed) == contact


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", ContactProblem.EMPTY),
        (" , ", ContactProblem.EMPTY),
        ("SĐT:", ContactProblem.EMPTY),
        ("0912345678, 0987654321", ContactProblem.MORE_THAN_ONE_PHONE),
        ("0912345678 hoặc 0987654321", ContactProblem.MORE_THAN_ONE_PHONE),
        ("lan@gmail.com minh@gmail.com", ContactProblem.MORE_THAN_ONE_EMAIL),
        ("0912 345 67 lan@gmail.com", ContactProblem.PHONE_TOO_SHORT),
        ("0912345678 lan@gmail", ContactProblem.EMAIL_MALFORMED),
        ("nhà tôi ở Hội An", ContactProblem.PHONE_HAS_LETTERS),
    ],
)
def test_a_message_without_one_usable_value_of_each_kind_is_refused(typed: str, problem: ContactProblem) -> None:
    with pytest.raises(InvalidContact) as raised:
        parse_contact(typed)
    assert raised.value.problem == problem


def test_a_contact_has_at_least_one_way_to_reach_the_citizen() -> None:
    with pytest.raises(InvalidContact) as raised:
        PhoneOrEmail()
    assert raised.value.problem == ContactProblem.EMPTY


# --- names and addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("  Trần   Thị Lan ", "Trần Thị Lan"),
        ("tran thi lan", "tran thi lan"),
        ("Nguyễn Văn A.", "Nguyễn Văn A."),
        ("H'Hen Niê", "H'Hen Niê"),
        ("Hợp tác xã số 1", "Hợp tác xã số 1"),
        (unicodedata.normalize("NFD", "Lê Thị Hồng"), "Lê Thị Hồng"),
    ],
)
def test_a_name_is_letters_with_the_marks_names_carry(typed: str, expected: str) -> None:
    assert normalise_name(typed) == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("A", ContactProblem.NAME_TOO_SHORT),
        ("😀😀😀", ContactProblem.NAME_NOT_LETTERS),
        ("Lan 😀", ContactProblem.NAME_NOT_LETTERS),
        ("0912345678", ContactProblem.NAME_NOT_LETTERS),
        ("Lan ★", ContactProblem.NAME_NOT_LETTERS),
        ("Trần " * 30, ContactProblem.NAME_TOO_LONG),
    ],
)
def test_emoji_symbols_bare_numbers_and_a_lone_letter_are_not_a_name(typed: str, problem: ContactProblem) -> None:
    with pytest.raises(InvalidContact) as refused:
        normalise_name(typed)
    assert refused.value.problem == problem


def test_an_address_names_the_place_in_words() -> None:
    assert normalise_address("  12 Lê  Lợi, Hội An ") == "12 Lê Lợi, Hội An"
    for typed, problem in [
        ("12", ContactProblem.ADDRESS_TOO_SHORT),
        ("12345678", ContactProblem.ADDRESS_NO_WORDS),
        ("🏠🏠🏠🏠🏠🏠", ContactProblem.ADDRESS_NO_WORDS),
        ("x" * 301, ContactProblem.ADDRESS_TOO_LONG),
    ]:
        with pytest.raises(InvalidContact) as refused:
            normalise_address(typed)
        assert refused.value.problem == problem

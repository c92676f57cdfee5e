"""A citizen's name, address, phone number or e-mail, as typed: checked and brought to one form.

Names are letters (any script, with Vietnamese diacritics), spaces, and the marks and digits names of
people and organisations carry ("H'Hen Niê", "Hợp tác xã số 1"): 2 to 100 characters with at least two
letters. Emoji and other symbols are refused, and so is a name without letters. Addresses are
5 to 300 characters and name the place in words (at least two letters): "12" or a row of emoji is not
an address, while "12 Lê Lợi" is. Both are trimmed and have runs of spaces collapsed.

Phones are Vietnamese numbers in the national form "0912345678":
- mobiles: 10 digits, 03x, 05x, 07x, 08x, 09x (the numbering since 2018);
- landlines: 11 digits, 02x area codes ("024 3825 1234", "0236 3821 234");
- typed with spaces, dots, dashes or brackets, or internationally ("+84 912 345 678", "84912345678",
  "0084 912 345 678", "+84 (0) 912 345 678").
E-mails get a pragmatic check (one @, a dot in the domain, no spaces, at most 254 characters) and a
lower-case domain; the local part keeps its case, since a mail server may honour it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from feedback.domain.submission_refused import SubmissionRefused
from vietnamese_text.normalise import fold


class ContactProblem(StrEnum):
    EMPTY = "empty"
    PHONE_HAS_LETTERS = "phone_has_letters"
    PHONE_INVALID_CHARACTERS = "phone_invalid_characters"
    PHONE_TOO_SHORT = "phone_too_short"
    PHONE_TOO_LONG = "phone_too_long"
    PHONE_NOT_VIETNAMESE = "phone_not_vietnamese"  # an international number of another country
    PHONE_UNKNOWN_PREFIX = "phone_unknown_prefix"  # not a mobile or landline prefix (e.g. the old 01x)
    MORE_THAN_ONE_PHONE = "more_than_one_phone"
    EMAIL_MALFORMED = "email_malformed"
    EMAIL_TOO_LONG = "email_too_long"
    MORE_THAN_ONE_EMAIL = "more_than_one_email"
    NAME_TOO_SHORT = "name_too_short"
    NAME_TOO_LONG = "name_too_long"
    NAME_NOT_LETTERS = "name_not_letters"  # digits, emoji or symbols: a name is letters
    ADDRESS_TOO_SHORT = "address_too_short"
    ADDRESS_TOO_LONG = "address_too_long"
    ADDRESS_NO_WORDS = "address_no_words"  # a place is named in words, not only numbers or emoji


class InvalidContact(SubmissionRefused, ValueError):
    def __init__(self, problem: ContactProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class PhoneOrEmail:
    """A phone number, an e-mail, or both, normalised; never neither."""

    phone: str | None = None
    email: str | None = None

    def __post_init__(self) -> None:
        if self.phone is None and self.email is None:
            raise InvalidContact(ContactProblem.EMPTY)


MOBILE_LENGTH = 10
LANDLINE_LENGTH = 11
_MOBILE_SECOND_DIGITS = frozenset("35789")
_LANDLINE_SECOND_DIGIT = "2"
_COUNTRY_CODE = "84"
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
# "+84 (0) 912…": the trunk 0 written after the country code.
_TRUNK_ZERO_IN_BRACKETS = re.compile(r"\(\s*0\s*\)")

EMAIL_MAX_LENGTH = 254
EMAIL_LOCAL_MAX_LENGTH = 64
_EMAIL_LOCAL = re.compile(r"[^\s@\"(),:;<>\[\\\]]+")
_DOMAIN_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 100
ADDRESS_MIN_LENGTH = 5
ADDRESS_MAX_LENGTH = 300
_NAME_MARKS = frozenset(".'-’,&/()")


def normalise_name(text: str) -> str:
    """A person's full name, trimmed and NFC; raises InvalidContact."""
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if sum(1 for char in name if char.isalpha()) < NAME_MIN_LENGTH:
        raise InvalidContact(
            ContactProblem.NAME_TOO_SHORT if len(name) < NAME_MIN_LENGTH else ContactProblem.NAME_NOT_LETTERS
        )
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidContact(ContactProblem.NAME_TOO_LONG)
    if not all(char.isalnum() or char == " " or char in _NAME_MARKS or unicodedata.combining(char) for char in name):
        raise InvalidContact(ContactProblem.NAME_NOT_LETTERS)
    return name


def normalise_address(text: str) -> str:
    """An address, trimmed and NFC; raises InvalidContact."""
    address = " ".join(unicodedata.normalize("NFC", text).split())
    if len(address) < ADDRESS_MIN_LENGTH:
        raise InvalidContact(ContactProblem.ADDRESS_TOO_SHORT)
    if len(address) > ADDRESS_MAX_LENGTH:
        raise InvalidContact(ContactProblem.ADDRESS_TOO_LONG)
    if sum(1 for char in address if char.isalpha()) < 2:
        raise InvalidContact(ContactProblem.ADDRESS_NO_WORDS)
    return address


def normalise_phone(text: str) -> str:
    """`text` as a national Vietnamese number ("0912345678"); raises InvalidContact."""
    raw = _TRUNK_ZERO_IN_BRACKETS.sub("", unicodedata.normalize("NFKC", text).strip())
    if not raw:
        raise InvalidContact(ContactProblem.EMPTY)
    compact = _PHONE_SEPARATORS.sub("", raw)
    international = compact.startswith("+")
    digits = compact.removeprefix("+")
    if any(ch.isalpha() for ch in digits):
        raise InvalidContact(ContactProblem.PHONE_HAS_LETTERS)
    if not digits.isascii() or not digits.isdigit():
        raise InvalidContact(ContactProblem.PHONE_INVALID_CHARACTERS)
    if digits.startswith("00"):
        international, digits = True, digits[2:]
    # Without "+", a leading 84 is the country code only when a whole number follows it (84 + 9 digits).
    if international or (digits.startswith(_COUNTRY_CODE) and len(digits) >= len(_COUNTRY_CODE) + MOBILE_LENGTH - 1):
        if not digits.startswith(_COUNTRY_CODE):
            raise InvalidContact(ContactProblem.PHONE_NOT_VIETNAMESE)
        national = "0" + digits.removeprefix(_COUNTRY_CODE).removeprefix("0")
    else:
        national = digits
    return _checked_national(national)


def _checked_national(number: str) -> str:
    if len(number) < 2:
        raise InvalidContact(ContactProblem.PHONE_TOO_SHORT)
    if number[0] != "0":
        # Numbers start with the trunk 0: "912345678" is one digit short of a mobile.
        raise InvalidContact(
            ContactProblem.PHONE_TOO_SHORT if len(number) < MOBILE_LENGTH else ContactProblem.PHONE_UNKNOWN_PREFIX
        )
    if number[1] in _MOBILE_SECOND_DIGITS:
        expected = MOBILE_LENGTH
    elif number[1] == _LANDLINE_SECOND_DIGIT:
        expected = LANDLINE_LENGTH
    else:
        raise InvalidContact(ContactProblem.PHONE_UNKNOWN_PREFIX)
    if len(number) < expected:
        raise InvalidContact(ContactProblem.PHONE_TOO_SHORT)
    if len(number) > expected:
        raise InvalidContact(ContactProblem.PHONE_TOO_LONG)
    return number


def normalise_email(text: str) -> str:
    """`text` as an e-mail address with a lower-case domain; raises InvalidContact."""
    address = unicodedata.normalize("NFC", text).strip().removeprefix("mailto:")
    if not address:
        raise InvalidContact(ContactProblem.EMPTY)
    if len(address) > EMAIL_MAX_LENGTH:
        raise InvalidContact(ContactProblem.EMAIL_TOO_LONG)
    local, at, domain = address.rpartition("@")
    if not at or not _valid_local_part(local) or not _valid_domain(domain):
        raise InvalidContact(ContactProblem.EMAIL_MALFORMED)
    return f"{local}@{domain.lower()}"


def _valid_local_part(local: str) -> bool:
    return (
        0 < len(local) <= EMAIL_LOCAL_MAX_LENGTH
        and _EMAIL_LOCAL.fullmatch(local) is not None
        and not local.startswith(".")
        and not local.endswith(".")
        and ".." not in local
    )


def _valid_domain(domain: str) -> bool:
    labels = domain.split(".")
    return len(labels) >= 2 and all(_DOMAIN_LABEL.fullmatch(label) for label in labels) and len(labels[-1]) >= 2


# Words around what people type ("SĐT: 0912…, email: lan@…", "số điện thoại là …"), folded; they are dropped.
_LABEL_WORDS = frozenset(
    {"sdt", "so", "dt", "dien", "thoai", "di", "dong", "cua", "toi", "la"}
    | {"phone", "tel", "mobile", "email", "e-mail", "mail", "mailto"}
)
# What separates two values besides a space: a comma or semicolon, "và", "hoặc" (folded).
_SEPARATOR_WORDS = frozenset({",", ";", "va", "hoac"})


def parse_contact(text: str) -> PhoneOrEmail:
    """A phone number, an e-mail, or both, typed in one message and separated by a space or a comma.

    Raises InvalidContact for nothing usable, for two phones or two e-mails, or for a bad value.
    """
    phones: list[str] = []
    emails: list[str] = []
    phone_words: list[str] = []
    # A colon never belongs to a phone or an unquoted e-mail; it only ends a label ("email:lan@…").
    spaced = re.sub(r"([,;])", r" \1 ", unicodedata.normalize("NFC", text).replace(":", " "))
    for word in [*spaced.split(), ","]:  # the final "," ends the last phone
        folded = fold(word)
        if folded in _SEPARATOR_WORDS:
            if phone_words:
                phones.append(" ".join(phone_words))
                phone_words = []
        elif "@" in word:
            emails.append(word.rstrip(".!?"))  # the end of a sentence, not of the address
        elif folded not in _LABEL_WORDS:
            phone_words.append(word)
    if len(phones) > 1:
        raise InvalidContact(ContactProblem.MORE_THAN_ONE_PHONE)
    if len(emails) > 1:
        raise InvalidContact(ContactProblem.MORE_THAN_ONE_EMAIL)
    if not phones and not emails:
        raise InvalidContact(ContactProblem.EMPTY)
    return PhoneOrEmail(
        phone=normalise_phone(phones[0]) if phones else None,
        email=normalise_email(emails[0]) if emails else None,
    )

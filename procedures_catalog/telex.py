"""Repair of words typed in Telex (or VNI) with the Vietnamese input method switched off.

"ddawng kys" is what "đăng ký" looks like when the keyboard does not turn Telex keystrokes into
letters. A word is only rewritten when it is not a known word and its repair is one: real
syllables never need it (Vietnamese has no final s/f/r/x/j/w nor "dd"/"aa"/"ee"/"oo"... doubling
as Telex uses it), while some real words ("xoong", "boong") do contain "oo".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container

from vietnamese_text.normalise import canonical_tones, fold

_TONE_KEYS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_VOWELS = frozenset("aeiouyăâêôơư")
_MODIFIED = frozenset("ăâêôơư")
# Every onset and coda a Vietnamese syllable may have ("" for none).
_ONSETS = frozenset(
    {"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu"}
    | {"r", "s", "t", "th", "tr", "v", "x"}
)
_CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
_DOUBLED = {"a": "â", "e": "ê", "o": "ô"}
_HORN_OR_BREVE = {"a": "ă", "o": "ơ", "u": "ư"}
# VNI digits, rewritten to the Telex keystrokes they stand for.
_VNI = {"1": "s", "2": "f", "3": "r", "4": "x", "5": "j", "6": "^", "7": "w", "8": "w", "9": "d"}


def _split_onset(word: str) -> tuple[str, str]:
    """Onset consonants and the rest; "gi"/"qu" are onsets when a vowel follows."""
    if word.startswith("dd"):
        return "đ", word[2:]
    for onset in ("ngh", "gi", "qu"):
        if word.startswith(onset) and len(word) > len(onset) and word[len(onset)] in "aeiouy":
            return onset, word[len(onset) :]
    i = 0
    while i < len(word) and word[i] not in "aeiouy":
        i += 1
    return word[:i], word[i:]


def _apply_marks(rest: str) -> str | None:
    """Vowel letters of `rest` with Telex doubling and w applied ("uow" → "ươ", "aa" → "â")."""
    out: list[str] = []
    for ch in rest:
        if ch == "w":
            # w modifies the nearest plain a/o/u before it; "uo" + w is "ươ".
            j = len(out) - 1
            while j >= 0 and out[j] not in _HORN_OR_BREVE:
                j -= 1
            if j < 0:
                return None
            if out[j] == "o" and j > 0 and out[j - 1] == "u":
                out[j - 1] = "ư"
            out[j] = _HORN_OR_BREVE[out[j]]
        elif ch == "^":
            if not out or out[-1] not in _DOUBLED:
                return None
            out[-1] = _DOUBLED[out[-1]]
        elif ch in _DOUBLED and out and out[-1] == ch:
            out[-1] = _DOUBLED[ch]
        else:
            out.append(ch)
    return "".join(out)


def _tone_position(nucleus: str, has_coda: bool) -> int:
    """Which vowel of the nucleus carries the tone (new-style placement; keys canonicalise it)."""
    marked = [i for i, ch in enumerate(nucleus) if ch in _MODIFIED]
    if marked:
        return marked[-1]
    if has_coda or len(nucleus) == 1:
        return len(nucleus) - 1
    return 0 if len(nucleus) == 2 else 1


def telex_to_vietnamese(word: str) -> str | None:
    """The syllable a Telex (or VNI) keystroke sequence spells, or None when it spells none.

    "ddawng" → "đăng", "kys" → "ký", "giaasy" → "giấy", "d9a8ng" → "đăng".
    """
    word = word.lower()
    if any(ch.isdigit() for ch in word):
        if word.isdigit():
            return None
        word = "".join(_VNI.get(ch, ch) for ch in word)
    if not word.isascii() or not word.replace("^", "").isalpha():
        return None
    onset, rest = _split_onset(word)
    if onset not in _ONSETS or not rest:
        return None
    # After the first vowel, s/f/r/x/j can only be tone keys: no syllable ends in them. A
    # syllable has one tone, so two tone keys mean this is not Telex.
    tone_keys = [ch for ch in rest if ch in _TONE_KEYS]
    if len(tone_keys) > 1:
        return None
    tone = _TONE_KEYS[tone_keys[0]] if tone_keys else ""
    letters = [ch for ch in rest if ch not in _TONE_KEYS]
    body = _apply_marks("".join(letters))
    if body is None:
        return None
    i = 0
    while i < len(body) and body[i] in _VOWELS:
        i += 1
    nucleus, coda = body[:i], body[i:]
    if not nucleus or coda not in _CODAS or len(nucleus) > 3:
        return None
    if tone:
        at = _tone_position(nucleus, bool(coda))
        nucleus = nucleus[:at] + unicodedata.normalize("NFC", nucleus[at] + tone) + nucleus[at + 1 :]
    return canonical_tones(onset + nucleus + coda)


def repair_word(word: str, known_folded: Container[str], known: Container[str]) -> str:
    """`word`, or its Telex/VNI repair when `word` is unknown and the repair is a known word.

    `known_folded` holds the accent-free forms of the vocabulary, `known` the accented ones.
    """
    if fold(word) in known_folded or not word.isascii():
        return word
    repaired = telex_to_vietnamese(word)
    return repaired if repaired is not None and repaired in known else word

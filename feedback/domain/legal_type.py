"""What kind of matter a citizen's text is: the two PAKN types, their content kinds, and the two other regimes.

Phản ánh and kiến nghị go into the PAKN queue (Nghị định 20/2008/NĐ-CP). Khiếu nại (Luật Khiếu nại 2011)
and tố cáo (Luật Tố cáo 2018) do not: the channel recognises them early, explains, and points to where
they are filed. `detect_other_regime` is that early, conservative recognition: it looks only for the
explicit words, never for a mood ("phàn nàn", "bức xúc" stay phản ánh).

- "khiếu nại" has no innocent look-alike once accents are dropped ("khieu nai"), so it is matched
  accent-insensitively, even in a text typed partly without accents.
- "tố cáo" has one: "to cao" is also "to cao" (big and tall: "nhà xây to cao"), "tô cao", "tổ cao". So
  the accented "tố cáo" always counts; the bare "to cao" counts only in a text typed entirely without
  accents, and only next to a word that makes it a denunciation ("don to cao", "to cao can bo").
- A word right after a negation ("không", "không phải", "chẳng phải", "không muốn") does not count, nor
  one that names the procedure or the law as a topic ("thủ tục khiếu nại", "Luật Tố cáo"): a phản ánh
  about how complaints are handled is still a phản ánh.
- The negation or the topic word covers a second phrase joined to the first by "hay", "hoặc" or "và"
  ("Tôi không muốn khiếu nại hay tố cáo ai": a phản ánh that mentions both in passing).
- Context counts only within a clause (punctuation ends one). When both regimes occur, the one named
  first wins.
"""

from __future__ import annotations

import re
from enum import StrEnum

from vietnamese_text.normalise import fold, has_marks, key, tokens


class FeedbackType(StrEnum):
    PHAN_ANH = "phan_anh"
    KIEN_NGHI = "kien_nghi"


class ContentKind(StrEnum):
    HANH_VI = "hanh_vi"  # conduct of an agency or official
    QUY_DINH = "quy_dinh"  # the regulation itself


class OtherRegime(StrEnum):
    KHIEU_NAI = "khieu_nai"
    TO_CAO = "to_cao"


# Context words count only within a clause: "xây to cao, cán bộ xã nói…" is not "tố cáo cán bộ".
_CLAUSE_BREAK = re.compile(r"[,.;:!?()\[\]\n]+")
_KHIEU_NAI = ("khieu", "nai")
_TO_CAO_ACCENTED = ("tố", "cáo")
_TO_CAO_FOLDED = ("to", "cao")

# Folded words before the phrase that cancel it.
_NEGATIONS_1 = frozenset({"khong"})
_NEGATIONS_2 = frozenset({("khong", "phai"), ("chang", "phai"), ("khong", "muon"), ("khong", "dinh")})
_TOPIC_WORDS = frozenset({"luat", "thu tuc", "quy trinh"})
# "không khiếu nại hay tố cáo ai": a negation (or a topic word) covers the phrase joined to the first by these.
_COORDINATORS = frozenset({"hay", "hoac", "va"})

# In an unaccented text, "to cao" is a denunciation only next to one of these (folded) words.
# Not "toi": "nha toi to cao" is "my house is big and tall"; "toi to cao can bo" is caught by what follows.
_TO_CAO_BEFORE = frozenset({"don", "xin", "muon", "viet", "gui", "bi", "noi dung"})
_TO_CAO_AFTER = frozenset(
    {"can bo", "cong chuc", "vien chuc", "lanh dao", "chu tich", "cong an", "hanh vi", "viec", "ve viec", "ong", "ba"}
)


def detect_other_regime(text: str) -> OtherRegime | None:
    """KHIEU_NAI or TO_CAO when `text` explicitly names one of them, else None."""
    unaccented_text = not has_marks(text)
    for clause in _CLAUSE_BREAK.split(key(text)):
        regime = _first_in_clause(tokens(clause), unaccented_text)
        if regime is not None:
            return regime
    return None


def _first_in_clause(accented: list[str], unaccented_text: bool) -> OtherRegime | None:
    folded = [fold(word) for word in accented]
    cancelled_end = -1  # where the last negated or topic phrase ended: "không khiếu nại hay tố cáo" is neither
    for index in range(len(folded) - 1):
        pair = (folded[index], folded[index + 1])
        regime: OtherRegime | None = None
        if pair == _KHIEU_NAI:
            regime = OtherRegime.KHIEU_NAI
        elif (accented[index], accented[index + 1]) == _TO_CAO_ACCENTED or (
            unaccented_text and pair == _TO_CAO_FOLDED and _names_a_denunciation(folded, index)
        ):
            regime = OtherRegime.TO_CAO
        if regime is None:
            continue
        carried = index >= 1 and folded[index - 1] in _COORDINATORS and index - 1 == cancelled_end
        if not carried and not _cancelled(folded, index):
            return regime
        cancelled_end = index + 2
    return None


def _cancelled(folded: list[str], index: int) -> bool:
    """Whether the phrase starting at `index` is negated or only names the procedure or the law."""
    before_1 = folded[index - 1] if index >= 1 else ""
    before_2 = (folded[index - 2], folded[index - 1]) if index >= 2 else ("", "")
    return before_1 in _NEGATIONS_1 or before_2 in _NEGATIONS_2 or _any_phrase_ends_at(_TOPIC_WORDS, folded, index)


def _names_a_denunciation(folded: list[str], index: int) -> bool:
    """Whether an unaccented "to cao" at `index` stands next to a word that makes it a denunciation."""
    return _any_phrase_ends_at(_TO_CAO_BEFORE, folded, index) or _any_phrase_starts_at(_TO_CAO_AFTER, folded, index + 2)


def _any_phrase_ends_at(phrases: frozenset[str], words: list[str], end: int) -> bool:
    return any(" ".join(words[end - size : end]) in phrases for size in (1, 2) if end - size >= 0)


def _any_phrase_starts_at(phrases: frozenset[str], words: list[str], start: int) -> bool:
    return any(" ".join(words[start : start + size]) in phrases for size in (1, 2) if start + size <= len(words))

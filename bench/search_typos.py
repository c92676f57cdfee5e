# ruff: noqa: E402 - the path fix below must run before the imports
"""Search robustness to mistyping: top-1/top-5 of our engine on the dev queries as written and as typed badly.

    .venv/bin/python bench/search_typos.py [--per-kind 2] [--seed 11] [--kinds drop,joined] [--misses KIND]

Only the dev rows of bench/data/search_queries_citizens.jsonl are read (test is never touched). Each row (but
procedure codes) gets `--per-kind` variants per kind of mistake, the way people mistype Vietnamese on a phone,
from a fixed seed, so two runs print the same figures:

- accentless: every accent dropped;
- drop, double, key, swap: on the accentless query, one letter of one word dropped, doubled, replaced by a
  neighbouring key on a QWERTY keyboard, or swapped with the letter after it;
- dialect: on the accentless query, one spelling a region confuses: s/x, tr/ch, d/gi/r, final n/ng, nh→n,
  i/y, c/k;
- joined: on the accentless query, two adjacent words run together;
- split: on the accentless query, the space between two words moved by one letter ("capl ai");
- telex: the accented query typed in Telex with the input method off ("cấp lại" → "caaps laij");
- tone: one accented word with another tone mark (hỏi/ngã swapped, or another).

Per kind, the clean figures on the same rows beside the perturbed ones, and the loss (clean minus perturbed),
so what each mistake costs is visible. A variant that comes out identical to the clean query is not made.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<name>.py`, this folder comes first on the import path and bench/queue.py would hide
# the standard library's queue module (asyncio needs it): take the folder off the path before any import.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import random
import re
import time
import unicodedata
from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_quality import CITIZEN_QUERIES, Figures, Query, engine_ranker, load_entries, load_queries
from vietnamese_text.normalise import fold

_WORD = re.compile(r"[^\W\d_]+")
_QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_TONE_KEYS = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_TONES = tuple(_TONE_KEYS)
_SHAPE_KEYS = {"\u0302": "", "\u0306": "w", "\u031b": "w"}  # circumflex doubles the letter; breve and horn are w
# Onset and coda confusions (accent-free), each a (pattern, replacement) on one word.
_DIALECT = (
    (r"^s", "x"),
    (r"^x", "s"),
    (r"^tr", "ch"),
    (r"^ch", "tr"),
    (r"^d(?!i)", "gi"),
    (r"^d", "r"),
    (r"^gi", "d"),
    (r"^gi", "r"),
    (r"^r", "d"),
    (r"^r", "gi"),
    (r"ng$", "n"),
    (r"(?<![ng])n$", "ng"),
    (r"nh$", "n"),
    (r"y$", "i"),
    (r"(?<=[^aeiouy])i$", "y"),
    (r"^c(?!h)", "k"),
    (r"^k(?!h)", "c"),
)


def _neighbours() -> dict[str, str]:
    """Each letter's neighbours on a QWERTY keyboard, on its row and the rows above and below."""
    where = {ch: (r, c) for r, line in enumerate(_QWERTY) for c, ch in enumerate(line)}
    near: dict[str, str] = {}
    for ch, (r, c) in where.items():
        near[ch] = "".join(
            other for other, (r2, c2) in where.items() if other != ch and abs(r2 - r) <= 1 and abs(c2 - c) <= 1
        )
    return near


_NEAR = _neighbours()


def _spans(text: str, least: int = 1) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if m.end() - m.start() >= least]


def _drop(text: str, rng: random.Random) -> str | None:
    spans = _spans(text, 3)
    if not spans:
        return None
    start, end = rng.choice(spans)
    at = rng.randrange(start, end)
    return text[:at] + text[at + 1 :]


def _double(text: str, rng: random.Random) -> str | None:
    spans = _spans(text, 2)
    if not spans:
        return None
    start, end = rng.choice(spans)
    at = rng.randrange(start, end)
    return text[:at] + text[at] + text[at:]


def _key(text: str, rng: random.Random) -> str | None:
    spans = _spans(text, 3)
    if not spans:
        return None
    start, end = rng.choice(spans)
    at = rng.randrange(start, end)
    if text[at] not in _NEAR:
        return None
    return text[:at] + rng.choice(_NEAR[text[at]]) + text[at + 1 :]


def _swap(text: str, rng: random.Random) -> str | None:
    spans = _spans(text, 3)
    if not spans:
        return None
    start, end = rng.choice(spans)
    at = rng.randrange(start, end - 1)
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


def _dialect(text: str, rng: random.Random) -> str | None:
    options = [
        (start, end, pattern, replacement)
        for start, end in _spans(text, 2)
        for pattern, replacement in _DIALECT
        if re.search(pattern, text[start:end])
    ]
    if not options:
        return None
    start, end, pattern, replacement = rng.choice(options)
    return text[:start] + re.sub(pattern, replacement, text[start:end], count=1) + text[end:]


def _gaps(text: str) -> list[int]:
    """Positions of single spaces between two words."""
    return [m.start() for m in re.finditer(r"(?<=[^\W\d_]) (?=[^\W\d_])", text)]


def _joined(text: str, rng: random.Random) -> str | None:
    gaps = _gaps(text)
    if not gaps:
        return None
    at = rng.choice(gaps)
    return text[:at] + text[at + 1 :]


def _split(text: str, rng: random.Random) -> str | None:
    """The space between two words moved one letter left or right ("cap lai" → "capl ai" or "ca plai")."""
    gaps = [at for at in _gaps(text) if at >= 2 and text[at - 2] != " " and at + 2 < len(text) and text[at + 2] != " "]
    if not gaps:
        return None
    at = rng.choice(gaps)
    if rng.random() < 0.5:
        return text[: at - 1] + " " + text[at - 1] + text[at + 1 :]
    return text[:at] + text[at + 1] + " " + text[at + 2 :]


def telex(word: str) -> str:
    """The keystrokes of `word` in Telex, tone key last: "lại" → "laij", "đường" → "dduwowngf"."""
    out: list[str] = []
    tone = ""
    for ch in unicodedata.normalize("NFD", word.replace("đ", "dd").replace("Đ", "DD")):
        if ch in _TONE_KEYS:
            tone = _TONE_KEYS[ch]
        elif ch == "\u0302":
            out.append(out[-1])
        elif ch in _SHAPE_KEYS:
            out.append(_SHAPE_KEYS[ch])
        else:
            out.append(ch)
    return "".join(out) + tone


def _telex(text: str, rng: random.Random) -> str | None:
    return _WORD.sub(lambda m: telex(m.group()), text)


def _tone(text: str, rng: random.Random) -> str | None:
    """One accented word with another tone: hỏi and ngã are confused most, any other now and then."""
    toned = [i for i, ch in enumerate(text) if any(t in unicodedata.normalize("NFD", ch) for t in _TONES)]
    if not toned:
        return None
    at = rng.choice(toned)
    letters = unicodedata.normalize("NFD", text[at])
    current = next(t for t in letters if t in _TONES)
    swapped = {"\u0309": "\u0303", "\u0303": "\u0309"}
    others = [t for t in _TONES if t != current]
    other = swapped[current] if current in swapped and rng.random() < 0.7 else rng.choice(others)
    # The tone goes after the letter's other marks ("ộ" → "ổ", not "o" + hook + circumflex).
    letter = unicodedata.normalize("NFC", letters.replace(current, "")) + other
    return text[:at] + unicodedata.normalize("NFC", letter) + text[at + 1 :]


Perturb = Callable[[str, random.Random], str | None]
# Letter mistakes are made on the accentless query: a phone typist who mistypes a letter has mostly dropped accents.
KINDS: dict[str, tuple[Perturb, bool]] = {
    "accentless": (lambda text, rng: text, True),
    "drop": (_drop, True),
    "double": (_double, True),
    "key": (_key, True),
    "swap": (_swap, True),
    "dialect": (_dialect, True),
    "joined": (_joined, True),
    "split": (_split, True),
    "telex": (_telex, False),
    "tone": (_tone, False),
}


def variants(query: Query, kind: str, count: int, seed: int) -> list[str]:
    """Up to `count` distinct variants of `query` of one kind, the same on every run."""
    perturb, accentless = KINDS[kind]
    clean = query.text.strip()
    base = fold(clean) if accentless else clean.lower()
    rng = random.Random(f"{seed}:{kind}:{clean}")
    made: list[str] = []
    for _ in range(count * 4):
        text = perturb(base, rng)
        if text is not None and text != clean.lower() and text not in made:
            made.append(text)
        if len(made) == count:
            break
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-kind", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    parser.add_argument("--misses", default="", help="list our engine's top-1 misses of this kind")
    args = parser.parse_args()

    entries = load_entries()
    names = {entry.code: entry.name for entry in entries}
    rank = engine_ranker(entries)
    dev = [q for q in load_queries(CITIZEN_QUERIES) if q.split == "dev" and "code" not in q.kinds]
    clean: dict[str, list[str]] = {q.text: rank(q.text, 10) for q in dev}
    total = Figures()
    for q in dev:
        total.add(clean[q.text], q.expected)
    print(f"{len(dev)} dev queries (no codes), {args.per_kind} variants per kind, seed {args.seed}")
    header = f"{'kind':<12}{'n':>5}  {'clean top1 top5':<16}  {'typed top1 top5':<16}  {'loss top1 top5':<15}{'ms':>6}"
    print(header)
    print("-" * len(header))
    print(f"{'clean':<12}{total.count:>5}  {total.row()[:11]:<16}")
    all_clean, all_typed = Figures(), Figures()
    for kind in args.kinds.split(","):
        before, after = Figures(), Figures()
        misses: list[tuple[Query, str, list[str]]] = []
        elapsed = 0.0
        for q in dev:
            for text in variants(q, kind, args.per_kind, args.seed):
                start = time.perf_counter()
                ranked = rank(text, 10)
                elapsed += time.perf_counter() - start
                for figures, answer in ((before, clean[q.text]), (all_clean, clean[q.text])):
                    figures.add(answer, q.expected)
                after.add(ranked, q.expected)
                if all_typed.add(ranked, q.expected) != 1 and clean[q.text][:1] and clean[q.text][0] in q.expected:
                    misses.append((q, text, ranked))
        loss1 = before.share(before.top1) - after.share(after.top1)
        loss5 = before.share(before.top5) - after.share(after.top5)
        ms = 1000 * elapsed / max(after.count, 1)
        figures = f"{before.row()[:11]:<16}  {after.row()[:11]:<16}  {loss1:6.3f} {loss5:6.3f}"
        print(f"{kind:<12}{after.count:>5}  {figures}{ms:>8.2f}")
        if kind == args.misses:
            print(f"\n{len(misses)} queries right when clean, wrong at top-1 when typed ({kind}):")
            for q, text, ranked in misses:
                print(f"- {text!r} (clean {q.text!r}) expected {sorted(q.expected)}")
                for code in ranked[:2]:
                    print(f"    {code}  {names.get(code, code)[:100]}")
            print()
    loss1 = all_clean.share(all_clean.top1) - all_typed.share(all_typed.top1)
    loss5 = all_clean.share(all_clean.top5) - all_typed.share(all_typed.top5)
    figures = f"{all_clean.row()[:11]:<16}  {all_typed.row()[:11]:<16}  {loss1:6.3f} {loss5:6.3f}"
    print(f"{'ALL typed':<12}{all_typed.count:>5}  {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How speech recognition confuses spoken numbers: the readings a figure may have been.

Each generator takes a figure as stated and yields the numbers it may have been
said as, with the reason in words an editor understands ("'seventeen' heard as
'seventy'"). The confusions are those counted on real transcripts (see
reports/confusions.md): teens and tens, a lost or moved decimal point, the scale
word, and single misheard or swapped digits. Diagnosis uses them to suggest a
correction; the restatement rule uses them as evidence that two figures are one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from auditor.claims.mention import Kind, Mention

TENS = ("", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")


@dataclass(frozen=True, slots=True)
class Candidate:
    number: Fraction   # in stated units
    decimals: int
    reason: str
    text: str | None = None  # the replacement as said, when the number alone would not show it


def _split(mention: Mention) -> tuple[int, str]:
    """Integer part and decimal digits of the number as stated."""
    number = abs(mention.number)
    integer = int(number)
    decimals = max(mention.decimals, 0)
    frac = number - integer
    digits = str(round(frac * 10**decimals)).rjust(decimals, "0") if decimals else ""
    return integer, digits


def _decimals_value(digits: str) -> Fraction:
    """The value of the decimal digits of a figure ("3" of 17.3 is 3/10)."""
    return Fraction(int(digits), 10 ** len(digits)) if digits else Fraction(0)


def teen_ten(mention: Mention) -> Iterator[Candidate]:
    """Teens and tens in the last two digits: 70 / 17, 670.4 / 617.4, 73 / 17.3."""
    integer, digits = _split(mention)
    head, last = divmod(integer, 100)
    base = Fraction(head * 100)
    tail = _decimals_value(digits)
    if 20 <= last <= 90 and last % 10 == 0:          # "seventy" for "seventeen"
        d = last // 10
        yield Candidate(base + 10 + d + tail, len(digits), f"'{TEENS[d]}' heard as '{TENS[d]}'")
    if 13 <= last <= 19:                             # "seventeen" for "seventy"
        d = last - 10
        yield Candidate(base + Fraction(d * 10) + tail, len(digits), f"'{TENS[d]}' heard as '{TEENS[d]}'")
    if 21 <= last <= 99 and last % 10 and not digits:  # "seventeen point three" -> "seventy three"
        d, u = divmod(last, 10)
        yield Candidate(base + Fraction(10 + d) + Fraction(u, 10), 1,
                        f"'{TEENS[d]} point {UNITS[u]}' heard as '{TENS[d]} {UNITS[u]}'")


def lost_point(mention: Mention) -> Iterator[Candidate]:
    """A decimal point lost in the last two digits ("sixty point six" as 66, 160.6 as 166), or
    a single digit and its decimal heard as a tens word ("nine point seven" as 97)."""
    integer, digits = _split(mention)
    head, last = divmod(integer, 100)
    if 21 <= last <= 99 and last % 10 and not digits:
        d, u = divmod(last, 10)
        yield Candidate(Fraction(head * 100 + d * 10) + Fraction(u, 10), 1,
                        f"'{TENS[d]} point {UNITS[u]}' heard as '{TENS[d]} {UNITS[u]}'")
    if 21 <= integer <= 99 and integer % 10 and not digits:  # "nine point seven" as "ninety seven"
        d, u = divmod(integer, 10)
        yield Candidate(Fraction(d) + Fraction(u, 10), 1, f"'{UNITS[d]} point {UNITS[u]}' heard as '{TENS[d]} {UNITS[u]}'")


def moved_point(mention: Mention) -> Iterator[Candidate]:
    """The figure ten or a hundred times too large or small. Weak evidence: on the e21dev
    gold it matched no moved decimal point, only lost "cents" or "hundred" and coincidences
    (reports/confusions.md), so it ranks with digit slips, not with the strong confusions."""
    for shift in (1, 2):
        for value in (mention.number / 10**shift, mention.number * 10**shift):
            decimals = max(0, mention.decimals + (shift if value < mention.number else -shift))
            yield Candidate(value, decimals, "a decimal point lost or moved")


SCALE_SWAPS = {"million": "billion", "billion": "million", "mn": "bn", "bn": "mn", "m": "b", "b": "m",
               "thousand": "million"}


def scale_word(mention: Mention) -> Iterator[Candidate]:
    """The scale word misheard: the same number with the other scale word."""
    if mention.kind is not Kind.MONEY or mention.scale < 10**3:
        return
    for factor, reason in ((Fraction(1000), "'billion' heard as 'million'"), (Fraction(1, 1000), "'million' heard as 'billion'")):
        if mention.scale == 10**6 or (mention.scale == 10**9 and factor < 1) or (mention.scale == 10**3 and factor > 1):
            decimals = mention.decimals + 3 if factor < 1 else max(mention.decimals - 3, 0)
            yield Candidate(mention.number * factor, decimals, reason, _swap_scale(mention.text, factor > 1))


def _swap_scale(text: str, up: bool) -> str | None:
    """ "RMB 2.35 million" -> "RMB 2.35 billion" (the figure as it was said)."""
    words = text.split()
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower().rstrip(".,")
        target = SCALE_SWAPS.get(word)
        if target is not None and (target == "billion" or target == "bn" or target == "b") == up:
            words[i] = target
            return " ".join(words)
    return None


def digit_change(mention: Mention) -> Iterator[Candidate]:
    integer, digits = _split(mention)
    text = str(integer) + ("." + digits if digits else "")
    if len(text.replace(".", "").lstrip("0")) < 2:
        return  # any one-digit number is one slip from any other: no evidence
    for i, ch in enumerate(text):
        if not ch.isdigit():
            continue
        for repl in "0123456789":
            if repl != ch and not (i == 0 and repl == "0" and len(text) > 1 and text[1] != "."):
                yield Candidate(Fraction(text[:i] + repl + text[i + 1:]), len(digits), "a digit misheard")
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a.isdigit() and b.isdigit() and a != b:
            yield Candidate(Fraction(text[:i] + b + a + text[i + 2:]), len(digits), "two digits swapped")


def leading_lost(mention: Mention) -> Iterator[Candidate]:
    """A leading word lost: "eighty seven point three" written 7.3, "three sixty" written 60.
    The most frequent digit error the other generators miss on e21dev (reports/confusions.md)."""
    integer, digits = _split(mention)
    width = len(str(integer)) if integer else 0
    tail = _decimals_value(digits)
    for lead in range(1, 10):
        yield Candidate(Fraction(lead * 10**width + integer) + tail, len(digits), "a leading digit lost")


def leading_added(mention: Mention) -> Iterator[Candidate]:
    """A word fused in front of the number: "to 7.9%" written 27.9%, "for 71 million" written
    471 million. The other frequent digit error of e21dev (reports/confusions.md)."""
    integer, digits = _split(mention)
    text = str(integer)
    if len(text) < 2 or text[1] == "0":
        return  # "305" less its "3" would be written "5", not "05"
    tail = _decimals_value(digits)
    yield Candidate(Fraction(int(text[1:])) + tail, len(digits), "a word fused in front of the number")


# the strong confusions: each yields few readings, so one that fits is evidence
CONFUSIONS: tuple[Callable[[Mention], Iterator[Candidate]], ...] = (teen_ten, lost_point, scale_word)
# single-digit slips: many readings, any two-digit number is one from many others
SLIPS: tuple[Callable[[Mention], Iterator[Candidate]], ...] = (digit_change, leading_lost, leading_added, moved_point)



def one_slip_apart(a: Mention, b: Mention,
                   kinds: tuple[Callable[[Mention], Iterator[Candidate]], ...] = CONFUSIONS) -> bool:
    """Whether one figure, as written, is a confusion of the other, in either direction:
    a reading of one lands inside the other's own rounding and is no more precise than it
    was said ("70%" and "17.0%" are; "27%" and "13%" are not: "twelve point seven" would
    be written 12.7). A hedged figure ("at least $12", "about 70%") is no evidence."""
    if a.kind is not b.kind or a.is_range or b.is_range or a.qualifier is not None or b.qualifier is not None:
        return False
    for heard, said in ((a, b), (b, a)):
        for kind in kinds:
            for c in kind(heard):
                if c.decimals <= max(said.decimals, 0) and said.interval.contains(c.number * heard.scale):
                    return True
    return False

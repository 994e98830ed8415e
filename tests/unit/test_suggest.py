"""suggest(mention, repair): the correction a speech-recognition slip explains, else the arithmetic value.

The repair interval is in fact units: a percent as a fraction (0.171 for 17.1%),
money in currency units. Every expected value is checked by hand in the comment.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from auditor.claims.confusions import one_slip_apart
from auditor.claims.interval import Interval
from auditor.claims.mention import Kind, Mention
from auditor.diagnosis.suggest import plausible, slip_explains, suggest
from auditor.extraction.scan import scan_text

F = Fraction


def mention(text: str) -> Mention:
    found = scan_text(text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def repair(low: str | None, high: str | None) -> Interval:
    return Interval(None if low is None else F(low), None if high is None else F(high))


def read_back(replacement: str) -> Fraction:
    """The value (base units) of a suggested replacement, read by the scan itself."""
    return mention(replacement).value


def fact_interval(m: Mention) -> Interval:
    """The mention's interval in fact units (a percent as a fraction)."""
    if m.kind is Kind.PERCENT:
        return m.interval * F(1, 100)
    return m.interval


HAND_CHECKED = [
    # 17.09%..17.11% is 'seventeen'; 'seventy' was heard
    pytest.param("70%", ("0.1709", "0.1711"), "17%", "seventeen", id="teen-ten:70%->17%"),
    # 'seventeen point three' heard as 'seventy three'; 17.26%..17.30% holds 17.3
    pytest.param("73%", ("0.1726", "0.1730"), "17.3%", "seventeen point three", id="teen-point:73%->17.3%"),
    # 'seventy' heard as 'seventeen': 69%..71% holds 70
    pytest.param("seventeen percent", ("0.69", "0.71"), "70%", "seventy", id="ten-teen:seventeen->70%"),
    # 'sixty point six' heard as 'sixty six'; 60.2..61.0 million holds 60.6
    pytest.param("RMB66 million", ("60.2e6", "61.0e6"), "RMB60.6 million", "sixty point six",
                 id="lost-point:RMB66m->RMB60.6m"),
    # 'sixty point six percent' heard as 'sixty six percent'
    pytest.param("66%", ("0.605", "0.607"), "60.6%", "sixty point six", id="lost-point:66%->60.6%"),
    # a point moved one place: 60.55..60.65 million holds 60.6
    pytest.param("$97 million", ("9.65e6", "9.75e6"), "$9.7 million", "nine point seven",
                 id="point-as-tens:$97m->$9.7m"),
    # 43 -> 34 is the only one-digit slip in 34%..35%
    pytest.param("43%", ("0.34", "0.35"), "34%", "swapped", id="swapped-digits:43%->34%"),
    # 412.6 -> 415.6: the only single digit that lands in 415.55..415.65 million
    pytest.param("$412.6 million", ("415.55e6", "415.65e6"), "$415.6 million", "digit",
                 id="wrong-digit:412.6->415.6"),
]


@pytest.mark.parametrize(("text", "bounds", "replacement", "reason_word"), HAND_CHECKED)
def test_confusion_is_suggested(text: str, bounds: tuple[str, str], replacement: str, reason_word: str) -> None:
    """A single speech-recognition confusion that lands in the repair interval is proposed, in the figure's style."""
    found = suggest(mention(text), repair(*bounds))
    assert found is not None
    assert found[0] == replacement
    assert reason_word in found[1]


def test_million_heard_for_billion_is_worth_a_billion() -> None:
    """'RMB 2.35 million' where the others imply 2.345..2.355 billion: the scale word slipped."""
    found = suggest(mention("RMB 2.35 million"), repair("2.345e9", "2.355e9"))
    assert found is not None
    assert read_back(found[0]) == F("2.35e9")
    assert "'billion' heard as 'million'" in found[1]


def test_million_heard_for_billion_is_written_with_the_scale_word() -> None:
    """The correction of a scale-word slip swaps the word and keeps the number as said."""
    found = suggest(mention("RMB 2.35 million"), repair("2.345e9", "2.355e9"))
    assert found is not None and found[0] == "RMB 2.35 billion"


def test_billion_heard_for_million_is_worth_the_millions() -> None:
    """'$412.6 billion' where the others imply 412.55..412.65 million: the correction is worth $412.6 million."""
    found = suggest(mention("$412.6 billion"), repair("412.55e6", "412.65e6"))
    assert found is not None
    assert read_back(found[0]) == F("412.6e6")
    assert "'million' heard as 'billion'" in found[1]


def test_billion_heard_for_million_is_written_in_millions() -> None:
    """The correction of '$412.6 billion' is '$412.6 million', as said but with the right word."""
    found = suggest(mention("$412.6 billion"), repair("412.55e6", "412.65e6"))
    assert found is not None and found[0] == "$412.6 million"


def test_small_billion_heard_for_million_is_written_in_millions() -> None:
    """'RMB 1.6 billion' where the others imply 1.55..1.65 million: the correction is 'RMB 1.6 million'."""
    found = suggest(mention("RMB 1.6 billion"), repair("1.55e6", "1.65e6"))
    assert found is not None
    assert read_back(found[0]) == F("1.6e6")
    assert found[0] == "RMB 1.6 million"


def test_nothing_explains_gives_the_arithmetic_value() -> None:
    """No confusion turns 43% into 51.2%..51.4%: the implied value is proposed at the figure's precision (51%)."""
    found = suggest(mention("43%"), repair("0.512", "0.514"))
    assert found == ("51%", "the other figures imply this value")


def test_nothing_explains_without_arithmetic_gives_none() -> None:
    """With arithmetic suggestions turned off, an unexplained figure gets no suggestion."""
    assert suggest(mention("43%"), repair("0.512", "0.514"), allow_arithmetic=False) is None


def test_half_open_repair_with_no_confusion_gives_none() -> None:
    """A repair of 'at least 20%' pins no value, and several point shifts of 43 (430, 4300) fit it: nothing is proposed."""
    assert suggest(mention("43%"), repair("0.2", None)) is None


def test_no_repair_gives_none() -> None:
    """Without a repair interval there is nothing to suggest."""
    assert suggest(mention("70%"), None) is None


def test_garbled_figure_gets_no_arithmetic_suggestion() -> None:
    """A garbled figure ('12% 8%') is the garble rule's business, not the arithmetic's."""
    garbled = mention("General and administrative expenses rose 12% 8% year over year.")
    assert garbled.garbled
    assert suggest(garbled, repair("0.127", "0.129")) is None


def test_several_digit_slips_fall_back_to_arithmetic() -> None:
    """412.6 vs 400..420 million: many one-digit slips fit, so none is preferred (a confusion or the arithmetic)."""
    found = suggest(mention("$412.6 million"), repair("400e6", "420e6"))
    assert found is None or "digit" not in found[1]


@pytest.mark.parametrize(("text", "bounds"), [
    pytest.param("70%", ("0.1709", "0.1711"), id="teen-ten"),
    pytest.param("RMB66 million", ("60.2e6", "61.0e6"), id="lost-point"),
    pytest.param("RMB 2.35 million", ("2.345e9", "2.355e9"), id="scale"),
])
def test_strong_confusions_are_plausible(text: str, bounds: tuple[str, str]) -> None:
    """teen/ten, a lost point and a scale word count as plausible (they break blame ties)."""
    assert plausible(mention(text), repair(*bounds))


def test_digit_slip_is_not_plausible() -> None:
    """A swapped digit fits, but is not one of the strong confusions."""
    assert not plausible(mention("43%"), repair("0.34", "0.35"))


@pytest.mark.parametrize(("text", "bounds", "replacement"), [
    # "eighty seven point three" written 7.3: 87.3 lies in 87.25..87.35 million; 17.3 .. 97.3 do not
    pytest.param("$7.3 million", ("87.25e6", "87.35e6"), "$87.3 million", id="leading-digit-lost"),
    # "to 7.9%" written 27.9%: dropping the fused '2' gives 7.9, inside 7.85%..7.95%
    pytest.param("27.9%", ("0.0785", "0.0795"), "7.9%", id="word-fused-in-front"),
])
def test_leading_digit_slips_are_suggested(text: str, bounds: tuple[str, str], replacement: str) -> None:
    """The two digit errors e21dev shows most after digit changes (reports/confusions.md)."""
    found = suggest(mention(text), repair(*bounds), allow_arithmetic=False)
    assert found is not None and found[0] == replacement


@pytest.mark.parametrize(("text", "bounds", "explains"), [
    pytest.param("$61.6 million", ("31.5e6", "31.7e6"), True, id="leading-digit-misheard"),   # 31.6 is one digit away
    pytest.param("1.9 percentage points", ("0.010", "0.012"), True, id="several-fit"),        # 1.0, 1.1 and 1.2 all fit
    pytest.param("230 basis points", ("0.0170", "0.0190"), False, id="two-digits-off"),       # 180 is two digits away
    pytest.param("$61.6 million", ("31.5e6", None), False, id="unbounded"),                    # "at least": no evidence
])
def test_slip_explains(text: str, bounds: tuple[str, str | None], explains: bool) -> None:
    """A single-digit slip landing in a bounded repair (a tie-breaker for blame, not a severity)."""
    assert slip_explains(mention(text), repair(*bounds)) is explains


SUGGESTIONS_INSIDE = [
    pytest.param("70%", ("0.1709", "0.1711"), id="teen-ten"),
    pytest.param("73%", ("0.1726", "0.1730"), id="teen-point"),
    pytest.param("RMB66 million", ("60.2e6", "61.0e6"), id="lost-point"),
    pytest.param("43%", ("0.512", "0.514"), id="arithmetic"),
    pytest.param("$606 million", ("60.55e6", "60.65e6"), id="moved-point"),
    pytest.param("RMB 2.35 million", ("2.345e9", "2.355e9"), id="million-for-billion"),
    pytest.param("$412.6 billion", ("412.55e6", "412.65e6"), id="billion-for-million"),
    pytest.param("RMB 1.6 billion", ("1.55e6", "1.65e6"), id="small-billion-for-million"),
    pytest.param("$1,625.3 million", ("1.62525e12", "1.62535e12"), id="million-for-billion-grouped"),
]


@pytest.mark.parametrize(("text", "bounds"), SUGGESTIONS_INSIDE)
def test_suggestion_reads_back_inside_its_own_precision_of_the_repair(text: str, bounds: tuple[str, str]) -> None:
    """A suggested replacement, read back by the scan, is consistent with the repair interval."""
    r = repair(*bounds)
    found = suggest(mention(text), r)
    assert found is not None
    assert fact_interval(mention(found[0])).overlaps(r), (found, r)


def test_arithmetic_suggestion_lands_inside_a_pinned_repair() -> None:
    """'one hundred sixty point six' heard as 'one hundred sixty six': the others pin 160.55..160.65 million."""
    found = suggest(mention("RMB 166 million"), repair("160.55e6", "160.65e6"))
    assert found is not None
    assert read_back(found[0]) == F("160.6e6")


def test_teen_ten_inside_a_larger_number_is_plausible() -> None:
    """'RMB 670.4 million' where the others imply 617.35..617.45 million: 'seventeen' heard as 'seventy'."""
    m, r = mention("RMB 670.4 million"), repair("617.35e6", "617.45e6")
    assert plausible(m, r)
    found = suggest(m, r)
    assert found is not None and found[0] == "RMB 617.4 million" and "seventeen" in found[1]


@pytest.mark.parametrize(("a", "b", "apart"), [
    pytest.param("70%", "17.0%", True, id="teen-ten"),
    pytest.param("$13 million", "$30 million", True, id="thirteen-thirty"),
    pytest.param("27%", "13%", False, id="reading-more-precise-than-said"),   # 'twelve point seven' is 12.7
    pytest.param("$460 million", "$340 million", False, id="no-confusion"),   # 460 -> 416 or 46, never 340
    pytest.param("at least $12", "$2.74", False, id="hedged"),               # an open interval holds anything
    pytest.param("$2.35 billion", "$2,349.2 million", False, id="same-figure"),
])
def test_one_slip_apart_needs_the_other_figure_as_written(a: str, b: str, apart: bool) -> None:
    """A restatement is explained by a confusion only when a reading of one figure is the
    other figure within its own rounding."""
    def first(text: str) -> Mention:
        return scan_text(text)[0]
    assert one_slip_apart(first(a), first(b)) is apart

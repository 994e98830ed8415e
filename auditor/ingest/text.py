"""Plain text -> speaker segments, offsets into the text exactly as decoded.

Three shapes are recognised, one per document, tried in this order:

* timed speaker lines, alone on their line, the speech on the lines after::

      Zhou Tao - CEO - (00:09:36)
      Thank you, operator. ...

  (``Name (00:09:36)`` and ``Name [00:09:36]`` too). ``Name - Role`` is split
  into speaker and role.
* colon turns at the start of a line: ``Operator: ...``, ``Speaker 1: ...``,
  optionally timed: ``Name (00:01:02): ...`` or ``[00:01:02] Name: ...``. To stay conservative a label is short
  (at most five words), every word capitalised (or a number after the first,
  or a name particle such as "van"), is not a document label such as "Note"
  or "Source", and is not a clock time (``10:30`` never matches). The shape
  is used only when there are at least two such lines and either a label
  recurs or the document opens with one; a stray ``Note:`` line in prose is
  therefore left alone.
* anything else: one segment with no speaker covering the text (none when it
  is blank).

Text before the first speaker line becomes a segment with no speaker. A
segment spans its speech with surrounding whitespace trimmed; turns with no
speech get no segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.ingest.document import Segment

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"

TIMED_SPEAKER_LINE = re.compile(
    r"^(?P<label>[^\W\d_][^\r\n]{0,78}?)(?:[ \t]+-)?[ \t]+[(\[](?P<time>" + _TIME + r")[)\]][ \t]*\r?$",
    re.MULTILINE,
)
COLON_SPEAKER_LABEL = re.compile(
    r"^(?:[(\[](?P<lead_time>" + _TIME + r")[)\]][ \t]*)?"
    r"(?P<label>[^\W\d_][\w.'’ \t-]{0,48}?)[ \t]*(?:[(\[](?P<time>" + _TIME + r")[)\]][ \t]*)?:(?!\d)",
    re.MULTILINE,
)
ROLE_SEPARATOR = re.compile(r"[ \t]+[-–—][ \t]+")

MAX_LABEL_WORDS = 5
NAME_PARTICLES = frozenset({"al", "bin", "da", "de", "del", "der", "di", "du", "ibn", "la", "le", "van", "von"})
NOT_SPEAKERS = frozenset({
    "agenda", "answer", "attendees", "caution", "contents", "date", "disclaimer", "example", "important",
    "location", "note", "notes", "nb", "participants", "ps", "question", "re", "reminder", "source",
    "sources", "subject", "summary", "time", "title", "update", "warning",
})


@dataclass(frozen=True, slots=True)
class _Turn:
    label_start: int
    body_start: int
    speaker: str
    role: str | None
    timestamp: str | None


def segment_text(text: str) -> tuple[Segment, ...]:
    """The speaker segments of ``text`` (see the module docstring for the shapes)."""
    turns = _timed_turns(text) or _colon_turns(text)
    if not turns:
        span = _trimmed(text, 0, len(text))
        return (Segment(0, *span),) if span else ()
    segments: list[Segment] = []
    preamble = _trimmed(text, 0, turns[0].label_start)
    if preamble:
        segments.append(Segment(0, *preamble))
    for turn, following in zip(turns, [*turns[1:], None]):
        end = following.label_start if following else len(text)
        span = _trimmed(text, turn.body_start, end)
        if span:
            segments.append(Segment(len(segments), span[0], span[1], turn.speaker, turn.timestamp, role=turn.role))
    return tuple(segments)


def split_role(label: str) -> tuple[str, str | None]:
    """``"Li Yi - Chief Financial Officer"`` -> ``("Li Yi", "Chief Financial Officer")``."""
    parts = ROLE_SEPARATOR.split(label.strip(), maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return parts[0], parts[1]
    return label.strip(), None


def is_speaker_label(label: str) -> bool:
    """A short run of capitalised words that is not a document label like "Note"."""
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS or words[0].lower().strip(".") in NOT_SPEAKERS:
        return False
    for position, word in enumerate(words):
        if word.isdigit() and position > 0:
            continue
        if word.lower() in NAME_PARTICLES and 0 < position < len(words) - 1:
            continue
        if not (word[0].isupper() or (word[0].isalpha() and not word[0].islower())):
            return False
    return True


def _timed_turns(text: str) -> list[_Turn]:
    turns = []
    for match in TIMED_SPEAKER_LINE.finditer(text):
        speaker, role = split_role(match["label"])
        if not is_speaker_label(speaker):
            continue
        turns.append(_Turn(match.start(), match.end(), speaker, role, match["time"]))
    return turns


def _colon_turns(text: str) -> list[_Turn]:
    turns = []
    for match in COLON_SPEAKER_LABEL.finditer(text):
        speaker, role = split_role(match["label"])
        if is_speaker_label(speaker) and (role is None or is_speaker_label(role)):
            turns.append(_Turn(match.start(), match.end(), speaker, role, match["time"] or match["lead_time"]))
    if len(turns) < 2:
        return []
    recurs = len({turn.speaker for turn in turns}) < len(turns)
    opens = _trimmed(text, 0, turns[0].label_start) is None
    return turns if recurs or opens else []


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` narrowed to exclude surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None

"""Bytes -> text: strict UTF-8, a leading BOM stripped, nothing else changed.

Text that is not valid UTF-8 (or holds NUL bytes, the mark of a binary file)
is an ``InputError`` of kind ``encoding`` naming the first bad byte; it is
never replaced silently. Byte numbers are 0-based offsets into the source as
read, BOM included, so ``head -c``/``xxd`` find them.
"""

from __future__ import annotations

import codecs

from auditor.errors import InputError

BOM = codecs.BOM_UTF8
ENCODING = "encoding"
EMPTY = "empty"

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def strip_bom(data: bytes) -> tuple[bytes, int]:
    """``data`` without a leading UTF-8 BOM, and how many bytes were removed."""
    if data.startswith(BOM):
        return data[len(BOM):], len(BOM)
    return data, 0


def decode_text(data: bytes, name: str, *, byte_base: int = 0, strip: bool = True) -> str:
    """Decode ``data`` strictly; ``byte_base`` is where ``data`` starts in its source.

    With ``strip`` a leading BOM is removed (and counted in byte numbers).
    """
    removed = 0
    if strip:
        data, removed = strip_bom(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        position = byte_base + removed + exc.start
        hint = " (looks like UTF-16)" if byte_base == 0 and data.startswith(_UTF16_BOMS) else ""
        raise InputError(f"{name}: not UTF-8 text at byte {position}{hint}", ENCODING) from None
    nul = text.find("\0")
    if nul >= 0:
        position = byte_base + removed + len(text[:nul].encode("utf-8"))
        raise InputError(f"{name}: not UTF-8 text at byte {position} (NUL byte: binary data?)", ENCODING)
    return text


def is_blank(text: str) -> bool:
    """True when ``text`` holds nothing but whitespace."""
    return not text or text.isspace()


def empty_error(name: str) -> InputError:
    return InputError(f"{name}: empty document", EMPTY)

"""Sources -> the stream of Documents: files, folders, globs, JSON Lines and ``-``.

Sources are read in the order given, each lazily (a generator: memory is
bounded by the largest single document, never the data set).

* ``-`` is standard input, read once; its format is decided by content. A
  second ``-`` is a failure, not a silent repeat.
* A folder is walked recursively in sorted order (by name at each level, a
  sub-folder's files where its name sorts). Hidden entries (``.name``) are
  skipped; so are files whose extension is not one of ``.txt``, ``.json``,
  ``.jsonl``, ``.ndjson``, ``.md`` or none, and things that are not regular
  files (FIFOs, sockets). Every skip is logged at INFO on this module's
  logger: nothing is dropped without a trace. A folder that cannot be listed
  and a file that cannot be read are failures (kind ``io``).
* ``include``/``exclude`` are fnmatch patterns tried on the path relative to
  the folder given (``/``-separated; a leading ``**/`` also matches at the top)
  and on the file name. They filter files found by walking folders or by a
  glob; an excluded folder is not entered. Files named explicitly are always
  read.
* A source that does not exist and contains ``*``, ``?`` or ``[`` is a glob
  (``**`` crosses folders); its matches are read in sorted order, and a glob
  matching nothing is a failure (kind ``not-found``).
* Any other missing path is a failure of kind ``not-found``.
"""

from __future__ import annotations

import glob
import logging
import os
import posixpath
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import BinaryIO

from auditor.errors import InputError
from auditor.ingest.document import Document, DocumentFailure
from auditor.ingest.formats import JSONL_SUFFIXES, read_stream

log = logging.getLogger(__name__)

STDIN = "-"
WALKED_SUFFIXES = frozenset({".txt", ".json", ".jsonl", ".ndjson", ".md", ""})
GLOB_MAGIC = frozenset("*?[")
NOT_FOUND = "not-found"
IO = "io"


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How sources are read: the JSON text field, and file filters for folders and globs."""

    text_field: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


def iter_documents(sources: Sequence[str], options: SourceOptions = SourceOptions()) -> Iterator[Document | DocumentFailure]:
    """Yield every document of ``sources`` lazily, in a deterministic order."""
    stdin_read = False
    for source in sources:
        if source == STDIN:
            if stdin_read:
                yield _failure(STDIN, "standard input was already read", IO)
                continue
            stdin_read = True
            yield from read_stdin(options)
        elif os.path.isdir(source):
            yield from walk_folder(source, options)
        elif not os.path.lexists(source) and GLOB_MAGIC.intersection(source):
            yield from expand_glob(source, options)
        else:
            yield from read_file(source, options)


def read_file(path: str, options: SourceOptions) -> Iterator[Document | DocumentFailure]:
    """The documents of one file (several for JSON Lines); failures never raise."""
    try:
        with open(path, "rb") as stream:
            jsonl = path.lower().endswith(JSONL_SUFFIXES)
            yield from read_stream(stream, path, options.text_field, jsonl=jsonl)
    except FileNotFoundError:
        yield _failure(path, "no such file or directory", NOT_FOUND)
    except OSError as exc:
        yield _failure(path, exc.strerror or str(exc), IO)


def read_stdin(options: SourceOptions) -> Iterator[Document | DocumentFailure]:
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield _failure(STDIN, "standard input is not available as bytes", IO)
        return
    try:
        yield from read_stream(stream, STDIN, options.text_field, jsonl=False)
    except OSError as exc:
        yield _failure(STDIN, exc.strerror or str(exc), IO)


def expand_glob(pattern: str, options: SourceOptions) -> Iterator[Document | DocumentFailure]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield DocumentFailure(pattern, pattern, InputError(f"no file matches {pattern}", NOT_FOUND))
        return
    for match in matches:
        if os.path.isdir(match):
            yield from walk_folder(match, options)
        elif is_selected(match.replace(os.sep, "/"), os.path.basename(match), options):
            yield from read_file(match, options)
        else:
            log.info("skipped %s: filtered out by --include/--exclude", match)


def walk_folder(root: str, options: SourceOptions) -> Iterator[Document | DocumentFailure]:
    yield from _walk(root, "", options, set())


def is_selected(relative: str, name: str, options: SourceOptions) -> bool:
    """True when a found file passes the include and exclude patterns."""
    if options.include and not _matches_any(relative, name, options.include):
        return False
    return not _matches_any(relative, name, options.exclude)


def _walk(folder: str, relative: str, options: SourceOptions, seen: set[tuple[int, int]]) -> Iterator[Document | DocumentFailure]:
    try:
        identity = os.stat(folder)
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield _failure(folder, f"cannot list folder: {exc.strerror or exc}", IO)
        return
    key = (identity.st_dev, identity.st_ino)
    if key in seen:
        log.info("skipped %s: folder already walked (symbolic link loop)", folder)
        return
    seen.add(key)
    for entry in entries:
        path = os.path.join(folder, entry.name)
        entry_relative = posixpath.join(relative, entry.name) if relative else entry.name
        if entry.name.startswith("."):
            log.info("skipped %s: hidden", path)
        elif _is_dir(entry):
            if _matches_any(entry_relative, entry.name, options.exclude):
                log.info("skipped %s: folder excluded by --exclude", path)
            else:
                yield from _walk(path, entry_relative, options, seen)
        elif os.path.splitext(entry.name)[1].lower() not in WALKED_SUFFIXES:
            log.info("skipped %s: extension not read in folders (.txt .json .jsonl .ndjson .md or none)", path)
        elif not is_selected(entry_relative, entry.name, options):
            log.info("skipped %s: filtered out by --include/--exclude", path)
        elif _is_special(entry):
            log.info("skipped %s: not a regular file", path)
        else:
            yield from read_file(path, options)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_special(entry: os.DirEntry[str]) -> bool:
    """A FIFO, socket or device (reading one could block); a broken link is not special: reading it fails."""
    try:
        return not entry.is_file() and os.path.exists(entry.path)
    except OSError:
        return False


def _matches_any(relative: str, name: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        candidates = (pattern, pattern[3:]) if pattern.startswith("**/") else (pattern,)
        if any(fnmatchcase(relative, p) or fnmatchcase(name, p) for p in candidates):
            return True
    return False


def _failure(path: str, problem: str, kind: str) -> DocumentFailure:
    return DocumentFailure(path, path, InputError(f"{path}: {problem}", kind))

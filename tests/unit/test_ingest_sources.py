"""Many documents: JSON Lines, standard input, folders, globs, filters, failures, laziness."""

from __future__ import annotations

import io
import json
import logging
import os
import sys
import types
from pathlib import Path

import pytest

from auditor.ingest import Document, DocumentFailure, SourceOptions, iter_documents

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def ids(items: list[Document | DocumentFailure]) -> list[str]:
    return [item.id for item in items]


def relative_ids(items: list[Document | DocumentFailure], root: Path) -> list[str]:
    return [os.path.relpath(item.id, root) for item in items]


def use_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# JSON Lines ---------------------------------------------------------------------------------


def test_jsonl_one_document_per_line_and_a_bad_line_fails_alone() -> None:
    """Line 2 is broken: one failure for it, lines 1 and 4 are documents (line 3 is blank)."""
    path = str(FIXTURES / "records.jsonl")
    items = list(iter_documents([path]))
    assert ids(items) == [f"{path}:1", f"{path}:2", f"{path}:4"]
    first, broken, last = items
    assert isinstance(first, Document) and isinstance(last, Document)
    assert first.path == path and first.source_format == "jsonl"
    assert [(s.speaker, first.text[s.start:s.end]) for s in first.segments] == [
        ("Operator", "Welcome."), ("Jane Roe", "Revenue was $58.0 million."), ("Operator", "Thanks."),
    ]
    assert first.metadata == (("id", "a"), ("symbol", "ACME"))
    assert last.text == "Sales grew 16%."
    assert isinstance(broken, DocumentFailure)
    assert broken.path == path and broken.error.kind == "json"
    assert str(broken.error) == f"{path}:2: invalid JSON at column 21: Unterminated string starting"


def test_jsonl_bad_encoding_on_one_line_names_the_file_byte(tmp_path: Path) -> None:
    path = tmp_path / "data.ndjson"
    line1 = b'{"text": "Up 5%."}\n'
    path.write_bytes(line1 + b'{"text": "Up \xff 6%."}\n{"text": "Up 7%."}\n')
    items = list(iter_documents([str(path)]))
    assert ids(items) == [f"{path}:1", f"{path}:2", f"{path}:3"]
    failure = items[1]
    assert isinstance(failure, DocumentFailure) and failure.error.kind == "encoding"
    # the bad byte is 13 bytes into line 2, which starts after line 1's 19 bytes
    assert str(failure.error) == f"{path}:2: not UTF-8 text at byte {len(line1) + 13}"


def test_several_json_objects_one_per_line_in_a_txt_are_json_lines(tmp_path: Path) -> None:
    """Content decides: a .txt of JSON objects one per line is JSON Lines."""
    path = tmp_path / "calls.txt"
    path.write_text('\n{"text": "Up 5%."}\n{"content": "Up 6%."}\n', encoding="utf-8")
    items = list(iter_documents([str(path)]))
    assert ids(items) == [f"{path}:2", f"{path}:3"]
    assert all(isinstance(item, Document) and item.source_format == "jsonl" for item in items)


def test_one_json_object_on_one_line_is_a_json_document(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text('{"text": "Up 5%."}\n\n', encoding="utf-8")
    items = list(iter_documents([str(path)]))
    assert ids(items) == [str(path)]
    assert isinstance(items[0], Document) and items[0].source_format == "json"


def test_empty_jsonl_is_an_empty_failure(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_bytes(b"\n\n")
    (item,) = iter_documents([str(path)])
    assert isinstance(item, DocumentFailure) and item.error.kind == "empty"


# standard input -----------------------------------------------------------------------------


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """`-` reads standard input as bytes: BOM stripped, CRLF kept, id `-`."""
    use_stdin(monkeypatch, b"\xef\xbb\xbfOperator: Hi.\r\nJo Park: Yes.\r\n")
    (item,) = iter_documents(["-"])
    assert isinstance(item, Document)
    assert (item.id, item.path, item.text) == ("-", "-", "Operator: Hi.\r\nJo Park: Yes.\r\n")
    assert [item.text[s.start:s.end] for s in item.segments] == ["Hi.", "Yes."]


def test_stdin_json_lines_detected_by_content(monkeypatch: pytest.MonkeyPatch) -> None:
    use_stdin(monkeypatch, b'{"text": "Up 5%."}\n{"text": \n{"text": "Up 7%."}\n')
    items = list(iter_documents(["-"]))
    assert ids(items) == ["-:1", "-:2", "-:3"]
    assert [type(item).__name__ for item in items] == ["Document", "DocumentFailure", "Document"]


def test_stdin_json_document(monkeypatch: pytest.MonkeyPatch) -> None:
    use_stdin(monkeypatch, (FIXTURES / "call.txt").read_bytes())
    (item,) = iter_documents(["-"])
    assert isinstance(item, Document) and item.source_format == "json" and len(item.segments) == 4


def test_stdin_not_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    use_stdin(monkeypatch, b"ok\n\x80")
    (item,) = iter_documents(["-"])
    assert isinstance(item, DocumentFailure)
    assert str(item.error) == "-: not UTF-8 text at byte 3"


def test_stdin_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second `-` is a failure, not a silent repeat or an empty document."""
    use_stdin(monkeypatch, b"Sales rose 5%.")
    first, second = iter_documents(["-", "-"])
    assert isinstance(first, Document)
    assert isinstance(second, DocumentFailure) and second.error.kind == "io"


# folders, globs and filters -----------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small data set: transcripts at two levels plus files that a walk skips."""
    root = tmp_path / "calls"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    files = {
        "b.txt": "Sales rose 5%.",
        "a.json": json.dumps({"text": "Sales rose 6%."}),
        "sub/c.md": "Sales rose 7%.",
        "sub/d": "Sales rose 8%.",
        "sub/deeper/e.jsonl": '{"text": "Sales rose 9%."}\n',
        "notes.csv": "a,b\n",
        ".hidden.txt": "Sales rose 1%.",
        ".git/config.txt": "x",
    }
    for name, content in files.items():
        (root / name).write_text(content, encoding="utf-8")
    return root


def test_folder_walk_is_recursive_sorted_and_skips_with_a_log(tree: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="auditor.ingest")
    items = list(iter_documents([str(tree)]))
    assert relative_ids(items, tree) == ["a.json", "b.txt", "sub/c.md", "sub/d", "sub/deeper/e.jsonl:1"]
    assert all(isinstance(item, Document) for item in items)
    logged = caplog.text
    assert "notes.csv: extension not read in folders" in logged
    assert ".hidden.txt: hidden" in logged and ".git: hidden" in logged


def test_include_and_exclude_filter_walked_files(tree: Path) -> None:
    """Patterns match the path relative to the folder given, or the file name."""
    include = list(iter_documents([str(tree)], SourceOptions(include=("*.txt", "sub/*.md"))))
    assert relative_ids(include, tree) == ["b.txt", "sub/c.md"]
    exclude = list(iter_documents([str(tree)], SourceOptions(exclude=("sub",))))
    assert relative_ids(exclude, tree) == ["a.json", "b.txt"]
    both = list(iter_documents([str(tree)], SourceOptions(include=("**/*.md", "*.json"), exclude=("a.*",))))
    assert relative_ids(both, tree) == ["sub/c.md"]


def test_named_files_are_read_whatever_the_filters(tree: Path) -> None:
    items = list(iter_documents([str(tree / "notes.csv"), str(tree / "b.txt")], SourceOptions(exclude=("*",))))
    assert relative_ids(items, tree) == ["notes.csv", "b.txt"]


def test_glob_patterns_and_double_star(tree: Path) -> None:
    flat = list(iter_documents([str(tree / "*.txt")]))
    assert relative_ids(flat, tree) == ["b.txt"]
    deep = list(iter_documents([str(tree / "**" / "*.md"), str(tree / "**" / "*.jsonl")]))
    assert relative_ids(deep, tree) == ["sub/c.md", "sub/deeper/e.jsonl:1"]


def test_glob_matching_nothing_is_a_failure(tmp_path: Path) -> None:
    pattern = str(tmp_path / "calls" / "*.txt")
    (item,) = iter_documents([pattern])
    assert isinstance(item, DocumentFailure)
    assert (item.id, item.error.kind, str(item.error)) == (pattern, "not-found", f"no file matches {pattern}")


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    path = str(tmp_path / "missing.txt")
    (item,) = iter_documents([path])
    assert isinstance(item, DocumentFailure)
    assert (item.error.kind, str(item.error)) == ("not-found", f"{path}: no such file or directory")


def test_all_source_kinds_together_in_the_order_given(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_stdin(monkeypatch, b"Sales rose 2%.")
    sources = [str(tree / "sub"), "-", str(tree / "missing.txt"), str(tree / "*.json"), str(FIXTURES / "records.jsonl")]
    got = [os.path.relpath(i, tree) if i.startswith(str(tree)) else i for i in ids(list(iter_documents(sources)))]
    records = str(FIXTURES / "records.jsonl")
    assert got == [
        "sub/c.md", "sub/d", "sub/deeper/e.jsonl:1", "-", "missing.txt", "a.json",
        f"{records}:1", f"{records}:2", f"{records}:4",
    ]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads everything")
def test_unreadable_folder_and_file_are_io_failures(tree: Path) -> None:
    locked = tree / "sub" / "deeper"
    secret = tree / "b.txt"
    locked.chmod(0)
    secret.chmod(0)
    try:
        items = list(iter_documents([str(tree)]))
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    failures = {os.path.relpath(item.id, tree): item.error.kind for item in items if isinstance(item, DocumentFailure)}
    assert failures == {"b.txt": "io", "sub/deeper": "io"}
    assert len(items) == 5


def test_unlistable_folder_is_an_io_failure(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as root too: the listing error is simulated."""
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("deeper"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_documents([str(tree / "sub")]))
    failure = items[-1]
    assert isinstance(failure, DocumentFailure)
    assert failure.error.kind == "io"
    assert str(failure.error) == f"{tree / 'sub' / 'deeper'}: cannot list folder: Permission denied"


def test_broken_symlink_in_a_folder_is_a_failure_not_a_skip(tree: Path) -> None:
    (tree / "gone.txt").symlink_to(tree / "nowhere.txt")
    items = list(iter_documents([str(tree)]))
    failures = [item for item in items if isinstance(item, DocumentFailure)]
    assert [(os.path.relpath(f.id, tree), f.error.kind) for f in failures] == [("gone.txt", "not-found")]


# laziness -----------------------------------------------------------------------------------


class CountingStream(io.RawIOBase):
    """A large JSON Lines stream produced on demand, counting the bytes handed out."""

    def __init__(self, records: int) -> None:
        self.pending = (json.dumps({"text": f"Record {n} rose 5%."}).encode() + b"\n" for n in range(records))
        self.buffer = b""
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target: memoryview) -> int:  # type: ignore[override]
        while len(self.buffer) < len(target):
            chunk = next(self.pending, None)
            if chunk is None:
                break
            self.buffer += chunk
        size = min(len(target), len(self.buffer))
        target[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        self.served += size
        return size


def test_documents_are_yielded_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first record arrives after reading a buffer's worth, not the whole (30 MB) stream."""
    raw = CountingStream(records=1_000_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8"))
    documents = iter_documents(["-"])
    assert isinstance(documents, types.GeneratorType)
    first = next(documents)
    second = next(documents)
    assert isinstance(first, Document) and first.text == "Record 0 rose 5%."
    assert isinstance(second, Document) and second.id == "-:2"
    assert raw.served < 1_000_000


def test_unreadable_file_is_an_io_failure(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as root too: the permission error is simulated at open()."""
    from auditor.ingest import sources

    real_open = open

    def guarded_open(path: str, mode: str = "r") -> object:
        if str(path).endswith("b.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, mode)

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    items = list(iter_documents([str(tree)]))
    failures = [(os.path.relpath(i.id, tree), i.error.kind, str(i.error)) for i in items if isinstance(i, DocumentFailure)]
    assert failures == [("b.txt", "io", f"{tree / 'b.txt'}: Permission denied")]
    assert len(items) == 5

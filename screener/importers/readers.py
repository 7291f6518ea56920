"""Reading rows out of a file without trusting it: each row comes back as a dict or as an error
naming its line, so one bad line never costs the good ones.

The format is told from the content, not only the name: a JSON array (JobSpy's JSON export), JSON
Lines (ours, or JobSpy rows one a line), or CSV (JobSpy's CSV export, or our record keys).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_LINE_BYTES = 20 * 1024 * 1024
csv.field_size_limit(MAX_LINE_BYTES)


class UnreadableFile(Exception):
    """The file as a whole cannot be read as postings; the message is one line."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    data: dict[str, Any] | None
    error: str | None = None


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM); a line in another encoding is read as cp1252, not dropped."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "\n".join(lines)


def sniff(path: Path, text: str) -> str:
    """'json', 'jsonl' or 'csv'."""
    head = text.lstrip()[:1]
    if head == "[":
        return "json"
    if head == "{":
        return "jsonl"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv", ".txt") or "," in text.split("\n", 1)[0]:
        return "csv"
    raise UnreadableFile(f"{path}: not JSON Lines, a JSON array or CSV")


def read_rows(path: Path) -> Iterator[Row]:
    """Rows of a postings file; raises UnreadableFile when nothing in it can be rows."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path}: is a directory") from None
    except OSError as exc:
        raise UnreadableFile(f"{path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise UnreadableFile(f"{path}: binary file, not JSON Lines, JSON or CSV")
    text = decode(raw)
    if not text.strip():
        raise UnreadableFile(f"{path}: the file is empty")
    kind = sniff(path, text)
    if kind == "json":
        yield from _json_array(path, text)
    elif kind == "jsonl":
        yield from _json_lines(text)
    else:
        yield from _csv_rows(path, text)


def _json_array(path: Path, text: str) -> Iterator[Row]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # a JSON array cut short (a truncated download): keep the complete objects before the cut
        decoder = json.JSONDecoder()
        pos = text.index("[") + 1
        count = 0
        while True:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            try:
                obj, pos = decoder.raw_decode(text, pos)
            except json.JSONDecodeError:
                break
            count += 1
            yield _object_row(count, obj)
        if count == 0:
            raise UnreadableFile(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
        yield Row(count + 1, None, f"invalid JSON after item {count}: {exc.msg} (file truncated?)")
        return
    if not isinstance(data, list):
        if isinstance(data, dict) and isinstance(data.get("jobs"), list):
            data = data["jobs"]
        else:
            raise UnreadableFile(f"{path}: a JSON file must hold an array of postings")
    for index, item in enumerate(data, start=1):
        yield _object_row(index, item)


def _json_lines(text: str) -> Iterator[Row]:
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        if len(line) > MAX_LINE_BYTES:
            yield Row(number, None, "line longer than 20 MB")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Row(number, None, f"invalid JSON: {exc.msg}")
            continue
        except RecursionError:
            yield Row(number, None, "invalid JSON: nested too deeply")
            continue
        yield _object_row(number, obj)


def _object_row(number: int, obj: Any) -> Row:
    if not isinstance(obj, dict):
        return Row(number, None, f"expected an object, got {type(obj).__name__}")
    return Row(number, obj)


def _csv_rows(path: Path, text: str) -> Iterator[Row]:
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames or "title" not in [f.strip().lower() for f in reader.fieldnames if f]:
        raise UnreadableFile(f"{path}: CSV has no 'title' column")
    try:
        for row in reader:
            clean = {(k or "").strip().lower(): (v if v != "" else None) for k, v in row.items() if k is not None}
            yield Row(reader.line_num, clean)
    except csv.Error as exc:
        yield Row(reader.line_num, None, f"invalid CSV: {exc}")

"""Reading rows out of a file without trusting it: each row comes back as a dict or as an error
naming its line, so one bad line never costs the good ones.

The format is told from the content, not only the name: a JSON array (JobSpy's JSON export), JSON
Lines (ours, or JobSpy rows one a line), or CSV (JobSpy's CSV export, or our record keys).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_LINE_BYTES = 20 * 1024 * 1024
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_LINE_END = re.compile(r"\r\n|\r|\n")  # a raw CR cannot be inside a JSON string, so it ends a line too
_ITEM_BOUNDARY = re.compile(r"\}\s*,\s*(?=\{)")


class UnreadableFile(Exception):
    """The file as a whole cannot be read as postings; the message is one line."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    data: dict[str, Any] | None
    error: str | None = None


def unicode_bom(raw: bytes) -> str | None:
    """The encoding a byte-order mark at the start names (UTF-8, UTF-16 or UTF-32), if any."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), or UTF-16/32 with a BOM (Windows tools write those); a line
    in another encoding is read as cp1252, not dropped."""
    encoding = unicode_bom(raw)
    if encoding is not None and encoding != "utf-8":
        return raw.decode(encoding, errors="replace").lstrip("\ufeff")
    if encoding == "utf-8":
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
    if b"\x00" in raw[:4096] and unicode_bom(raw) is None:
        raise UnreadableFile(f"{path}: binary file, not JSON Lines, JSON or CSV")
    text = decode(raw)
    if not text.strip():
        raise UnreadableFile(f"{path}: the file is empty")
    kind = sniff(path, text)
    if kind == "json" and _is_json_lines(text):
        kind = "jsonl"
    if kind == "json":
        yield from _json_array(path, text)
    elif kind == "jsonl":
        yield from _json_lines(text)
    else:
        yield from _csv_rows(path, text)


def _is_json_lines(text: str) -> bool:
    """True for JSON Lines whose first line is an array: the first line is complete JSON on its
    own and more follows."""
    first, _, rest = text.lstrip().partition("\n")
    if not rest.strip():
        return False
    try:
        json.loads(first)
    except (ValueError, RecursionError):
        return False
    return True


def _json_array(path: Path, text: str) -> Iterator[Row]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield from _salvage_array(path, text, exc)
        return
    if not isinstance(data, list):
        if isinstance(data, dict) and isinstance(data.get("jobs"), list):
            data = data["jobs"]
        else:
            raise UnreadableFile(f"{path}: a JSON file must hold an array of postings")
    for index, item in enumerate(data, start=1):
        yield _object_row(index, item)


def _salvage_array(path: Path, text: str, error: Exception) -> Iterator[Row]:
    """The items of a damaged JSON array, one at a time: a download cut short keeps every item
    before the cut, and an item that cannot be read is skipped to the next ``}, {``."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    index = good = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            break
        index += 1
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            boundary = _ITEM_BOUNDARY.search(text, pos)
            if boundary is None:
                yield Row(index, None, f"invalid JSON in item {index}: {_json_problem(exc)} (file truncated?)")
                break
            yield Row(index, None, f"invalid JSON in item {index}: {_json_problem(exc)}")
            pos = boundary.end()
            continue
        good += 1
        yield _object_row(index, obj)
    if good == 0:
        raise UnreadableFile(f"{path}: invalid JSON: {_json_problem(error)}")


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    return str(exc).split(";")[0].split(":")[0][:120]  # "Exceeds the limit (4300 digits) for integer string conversion"


def _json_lines(text: str) -> Iterator[Row]:
    for number, line in enumerate(_LINE_END.split(text), start=1):
        line = line.strip().lstrip("\ufeff")  # files joined with cat keep each one's BOM
        if not line:
            continue
        if len(line) > MAX_LINE_BYTES:
            yield Row(number, None, "line longer than 20 MB")
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield Row(number, None, f"invalid JSON: {_json_problem(exc)}")
            continue
        yield _object_row(number, obj)


def _object_row(number: int, obj: Any) -> Row:
    if not isinstance(obj, dict):
        return Row(number, None, f"expected an object, got {type(obj).__name__}")
    return Row(number, obj)


def _csv_rows(path: Path, text: str) -> Iterator[Row]:
    csv.field_size_limit(MAX_LINE_BYTES)  # a whole description fits in a field
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

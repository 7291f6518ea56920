"""Plain text from the open web: HTML to text, and removal of characters that hide or reorder text.

w3lib does the HTML work (entity decoding, tag and comment removal); what is added here is
dropping script/style content, keeping block boundaries as line breaks, and stripping invisible
and bidi-control characters. Input comes from the open web, so every pattern here runs in linear
time and anything that is not a string or a number is not text.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata

from w3lib.html import remove_comments, remove_tags, replace_entities

MAX_DESCRIPTION_CHARS = 100_000
"""Longer descriptions are cut: nothing useful to ranking lies past this, and the store stays lean."""
MAX_TITLE_CHARS = 200

# Every pattern that runs on a whole description is linear: possessive quantifiers and runs that
# stop at the next "<" leave nothing to backtrack into, so an unclosed "<a" followed by 400 000
# letters costs one pass, not minutes.
_BLOCK_TAGS = re.compile(
    r"<\s*+(?:br|/p|p|/div|div|/li|li|/h[1-6]|h[1-6]|/tr|tr|/ul|ul|/ol|ol|hr|/section|section)\b[^<>]*+>",
    re.IGNORECASE,
)
_LI_OPEN = re.compile(r"<\s*+li\b[^<>]*+>", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<\s*+/?\s*+[a-zA-Z][a-zA-Z0-9]*+[^<>]*+>|&(?:#\d++|#x[0-9a-fA-F]++|[a-zA-Z]++);")
# An element whose content is never text; an unclosed one runs to the end, as in a browser.
_HIDDEN_ELEMENT = re.compile(
    r"<(?P<tag>script|style|noscript|template)\b[^<>]*+>(?:[^<]++|<(?!/(?P=tag)\b))*+(?:</(?P=tag)\b[^<>]*+>|\Z)",
    re.IGNORECASE,
)
# Format characters (Unicode category Cf: zero-width, bidi embeddings/overrides/isolates, BOM,
# soft hyphen, invisible tag characters), lone surrogates (they cannot be stored as UTF-8),
# fillers that render as nothing, and the noncharacters U+FFFE/U+FFFF (XML cannot hold them).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ud800-\udfff\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SPACES_TO_FIX = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]|  ")
"""Where ``_SPACES`` would change something: a space other than " ", or two in a row."""
_LINE_BREAK_CHARS = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")
"""Where ``_LINE_BREAKS`` would change something."""
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")


def strip_invisible(text: str) -> str:
    """Remove control, format (zero-width, bidi-control) and surrogate characters: they hide or
    reorder what is read, or cannot be stored."""
    if not text.isascii():  # every invisible character lies outside ASCII, and ASCII is in NFC
        text = _INVISIBLE.sub("", text)
        text = unicodedata.normalize("NFC", text)
    if _LINE_BREAK_CHARS.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    return _CONTROL.sub("", text)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def html_to_text(markup: str) -> str:
    """Turn an HTML fragment (possibly entity-escaped twice, as Greenhouse sends it) into text."""
    if "&lt;" in markup and "<" not in markup:
        markup = html.unescape(markup)
    markup = remove_comments(markup)
    markup = _HIDDEN_ELEMENT.sub("", markup)
    markup = _LI_OPEN.sub("\n- ", markup)
    markup = _BLOCK_TAGS.sub("\n", markup)
    return replace_entities(remove_tags(markup))


def _as_text(value: object) -> str:
    """Strings as they are, finite numbers written out; anything else (booleans, objects, lists)
    is not text."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value) if abs(value) < 10**30 else ""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return ""


def clean_text(value: object, *, limit: int = MAX_DESCRIPTION_CHARS) -> str:
    """Any value to tidy multi-line plain text: HTML removed, invisible characters gone, cut at limit."""
    text = _as_text(value)[: limit * 4]  # bound the work on hostile input before any regex runs
    if looks_like_html(text):
        text = html_to_text(text)
    text = strip_invisible(text)
    if _SPACES_TO_FIX.search(text):
        text = _SPACES.sub(" ", text)  # once for all lines: a run of spaces never holds "\n"
    lines = [line.strip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return text[:limit].rstrip()


def clean_line(value: object, *, limit: int = MAX_TITLE_CHARS) -> str:
    """Any value to one line of plain text (titles, company names, locations)."""
    if isinstance(value, str) and value.isascii() and value.isprintable() and "<" not in value and "&" not in value:
        # printable ASCII without markup: nothing to decode or remove, only spaces to collapse
        return " ".join(value[: limit * 16].split())[:limit].strip()
    text = clean_text(value, limit=limit * 4)
    return " ".join(text.split())[:limit].strip()

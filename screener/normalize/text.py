"""Plain text from the open web: HTML to text, and removal of characters that hide or reorder text.

w3lib does the HTML work (entity decoding, tag removal, script/style removal); what is added here
is keeping block boundaries as line breaks and stripping invisible and bidi-control characters.
"""

from __future__ import annotations

import html
import re
import unicodedata

from w3lib.html import remove_comments, remove_tags, remove_tags_with_content, replace_entities

MAX_DESCRIPTION_CHARS = 100_000
"""Longer descriptions are cut: nothing useful to ranking lies past this, and the store stays lean."""
MAX_TITLE_CHARS = 200

_BLOCK_TAGS = re.compile(
    r"<\s*(?:br|/p|p|/div|div|/li|li|/h[1-6]|h[1-6]|/tr|tr|/ul|ul|/ol|ol|hr|/section|section)\b[^>]*>",
    re.IGNORECASE,
)
_LI_OPEN = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
# Zero-width characters, bidi embeddings/overrides/isolates, BOM, soft hyphen, other format chars.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")


def strip_invisible(text: str) -> str:
    """Remove control, zero-width and bidi-control characters (they hide or reorder what is read)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def html_to_text(markup: str) -> str:
    """Turn an HTML fragment (possibly entity-escaped twice, as Greenhouse sends it) into text."""
    if "&lt;" in markup and "<" not in markup:
        markup = html.unescape(markup)
    markup = remove_comments(markup)
    markup = remove_tags_with_content(markup, which_ones=("script", "style", "noscript", "template"))
    markup = _LI_OPEN.sub("\n- ", markup)
    markup = _BLOCK_TAGS.sub("\n", markup)
    return replace_entities(remove_tags(markup))


def clean_text(value: object, *, limit: int = MAX_DESCRIPTION_CHARS) -> str:
    """Any value to tidy multi-line plain text: HTML removed, invisible characters gone, cut at limit."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = text[: limit * 4]  # bound the work on hostile input before any regex runs
    if looks_like_html(text):
        text = html_to_text(text)
    text = strip_invisible(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return text[:limit]


def clean_line(value: object, *, limit: int = MAX_TITLE_CHARS) -> str:
    """Any value to one line of plain text (titles, company names, locations)."""
    if value is None or isinstance(value, (dict, list, tuple, set)):
        return ""
    text = clean_text(value, limit=limit * 4)
    return " ".join(text.split())[:limit].strip()

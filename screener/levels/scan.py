"""Every occurrence of a fixed set of literal needles in a batch of texts, in one vectorised pass.

The description cues look for about a hundred short phrases ("direct report", "team", "no
experience") and then run a regex in a window around each hit. ``str.find`` scans a 2,000-character
text in about a microsecond, but a hundred needles make that most of the time a posting costs.
:class:`NeedleIndex` does it for a whole batch at once: the texts are joined, mapped one byte per
character (Latin-1; anything else becomes "?"), and numpy marks every place where some needle's
*key* begins (three consecutive characters of it, chosen to start with an uncommon pair); only
those few candidates are compared with the whole needle, byte by byte. The result is exactly what a
``find`` loop per needle and text gives (same positions, ascending); needles shorter than three
characters, with characters beyond Latin-1, or with a "?", are found with ``find``.
"""

from __future__ import annotations

import numpy as np

# Character pairs common in English text, most common first: a needle's key (three consecutive
# characters) starts with the least common pair it has, so few places in a text are candidates.
_COMMON_PAIR_TEXT = (
    "e |s | t|th| a|he|in|d |er|an|t | o|re|on|n | s|at|en|nd| w|ti|es|y | i|or|te|of| c|ed|is"
    "|it|al|ar|st|to| p|nt| b|ng|r | f|se|ha|as|ou|io|le|ve| m|co|me|de|hi|ri|ro|ic|ne|ea| d|ra"
    "|ce|li|ch|f | h|ll|be|ma|si|om|ur|g | r| e|ca|el|ta|la| l|ns|di|fo|ho|pe|ec|pr|o |no|ct| n"
    "|us|ac|ot|il|tr|ly|nc|et|ut|ss|so|rs|un|lo|wi|ge|ie|wh|ee|wa|em|ad|ol|rt|po|we|na|ul|ni|ts"
    "|mo|ow|pa|im|mi|ai|sh|ir|su|id|os|iv|ia|am|fi|ci|vi|pl|ig|tu|ev|ld|ry|mp|fe|bl|ab|gh|ty|op"
    "|wo|sa|ay|ex|ke|fr|oo|av|ag|if|ap|gr|od|bo|sp|rd|do|uc|bu|ei|ov|by|rm|ep|tt|oc|fa|ef|cu|rn"
    "|, |l |sc|gi|da|yo|cr|cl|du|ga|qu|ue|ff|ba|ey|ls|va|um|pp|ua|up|lu|go|ht|ru|ug|ds|lt|pi|rc"
)
_COMMON_PAIRS: tuple[str, ...] = tuple(_COMMON_PAIR_TEXT.split("|"))
_PAIR_RANK = {pair: rank for rank, pair in enumerate(_COMMON_PAIRS)}
_SEPARATOR = "\x00"
_CHUNK_CHARS = 4_000_000
"""Texts are indexed in chunks of about this many characters (bounded memory on big batches)."""
_SMALL_BATCH = 16
"""Fewer texts than this are searched with ``str.find`` alone (numpy's fixed costs dominate)."""


def _key_offset(needle: str) -> int:
    """Where the needle's key starts: the trigram whose first pair is least common."""
    return max(range(len(needle) - 2), key=lambda i: _PAIR_RANK.get(needle[i : i + 2], len(_PAIR_RANK)))


def _latin1(text: str) -> bytes:
    """One byte per character: Latin-1, anything else (never in a keyed needle) as '?'."""
    return text.encode("latin-1", "replace")


class NeedleIndex:
    """Finds ``needles`` in batches of texts; ``find(texts)`` -> one {needle: positions} per text."""

    def __init__(self, needles: tuple[str, ...] | list[str]):
        self.needles = tuple(dict.fromkeys(needles))
        self._plain: list[str] = []
        keyed: dict[int, list[tuple[str, int, bytes]]] = {}
        for needle in self.needles:
            if _SEPARATOR in needle:
                raise ValueError("needles cannot hold the separator character")
            if len(needle) < 3 or "?" in needle or not all(ord(ch) < 256 for ch in needle):
                self._plain.append(needle)
                continue
            offset = _key_offset(needle)
            a, b, c = (ord(ch) for ch in needle[offset : offset + 3])
            keyed.setdefault((a << 16) | (b << 8) | c, []).append((needle, offset, _latin1(needle)))
        self._keyed = keyed
        self._codes = np.array(sorted(keyed), dtype=np.uint32)
        self._pairs = np.zeros(1 << 16, dtype=bool)
        self._pairs[self._codes >> 8] = True

    def find(self, texts: list[str]) -> list[dict[str, list[int]]]:
        """For each text, the start of every occurrence of each needle found in it (ascending)."""
        if len(texts) < _SMALL_BATCH:
            return [_find_plain(text, self.needles) for text in texts]
        out: list[dict[str, list[int]]] = []
        start = 0
        while start < len(texts):
            stop, size = start, 0
            while stop < len(texts) and (stop == start or size + len(texts[stop]) < _CHUNK_CHARS):
                size += len(texts[stop]) + 1
                stop += 1
            out.extend(self._find_chunk(texts[start:stop]))
            start = stop
        return out

    def _find_chunk(self, texts: list[str]) -> list[dict[str, list[int]]]:
        found = [_find_plain(text, self._plain) for text in texts]
        joined = _SEPARATOR.join(texts)
        if len(joined) < 3 or not self._keyed:
            return found
        raw = _latin1(joined)
        data = np.frombuffer(raw, dtype=np.uint8)
        # Pairs at even and at odd offsets, read as big-endian 16-bit numbers (no copies).
        even = np.frombuffer(raw, dtype=">u2", count=len(raw) // 2)
        odd = np.frombuffer(raw, dtype=">u2", offset=1, count=(len(raw) - 1) // 2)
        found_at, slots = [], []
        for pairs, first in ((even, 0), (odd, 1)):  # each already in ascending order
            at = np.flatnonzero(self._pairs[pairs])
            codes = (pairs[at].astype(np.uint32) << 8) | data[np.minimum(at * 2 + first + 2, len(data) - 1)]
            at = at * 2 + first
            slot = np.minimum(np.searchsorted(self._codes, codes), len(self._codes) - 1)
            keep = (self._codes[slot] == codes) & (at + 2 < len(data))
            found_at.append(at[keep])
            slots.append(slot[keep])
        candidates, slot = np.concatenate(found_at), np.concatenate(slots)
        # Group the candidates by key, ascending within a key, then check whole needles.
        order = np.lexsort((candidates, slot))
        candidates, slot = candidates[order], slot[order]
        bounds = np.searchsorted(slot, np.arange(len(self._codes) + 1))
        starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
        last = len(data) - 1
        for k, code in enumerate(self._codes.tolist()):
            lo, hi = bounds[k], bounds[k + 1]
            if lo == hi:
                continue
            for needle, offset, needle_bytes in self._keyed[code]:
                begin = candidates[lo:hi] - offset
                ok = begin >= 0
                for i, byte in enumerate(needle_bytes):
                    ok &= data[np.minimum(begin + i, last)] == byte
                begin = begin[ok]
                if not len(begin):
                    continue
                rows = np.searchsorted(starts, begin, side="right") - 1
                for row, local in zip(rows.tolist(), (begin - starts[rows]).tolist(), strict=True):
                    found[row].setdefault(needle, []).append(local)
        return found


def _find_plain(text: str, needles) -> dict[str, list[int]]:
    hits: dict[str, list[int]] = {}
    for needle in needles:
        i = text.find(needle)
        if i != -1:
            where = hits[needle] = []
            while i != -1:
                where.append(i)
                i = text.find(needle, i + 1)
    return hits

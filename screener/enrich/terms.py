"""Per-posting term counts, derived once at enrichment and cached beside the level, so that rank
can score skills and experience similarity against the whole store without re-reading text.

A posting's terms are its title, department and the start of its description, lower-cased,
stop words dropped, plurals folded ("operations" -> "operation"), each hashed into one of
``2**HASH_BITS`` buckets (scikit-learn's ``HashingVectorizer``: no vocabulary to fit or store, so
a new posting never changes an old one's vector). What is stored per posting is two small blobs,
the sorted bucket ids (``uint32``) and their counts (``uint8``), and the token count; rank joins
the blobs of a whole chunk of rows in one step (:func:`decode`), never row by row.

Document frequencies are not cached: rank fits them on the rows it scores (see
``screener.rank.text``), so the store's own vocabulary weights the match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

TERMS_VERSION = "terms-1"
"""Bump when the tokenizer changes: every posting's terms are derived again at the next enrich."""
HASH_BITS = 22
DESCRIPTION_CHARS = 6000
"""Text past this is boilerplate often enough (benefits, legal) not to pay for storing it."""

ID_DTYPE = np.dtype("<u4")
TF_DTYPE = np.dtype("u1")

_TOKEN = re.compile(r"[^\W_](?:[\w&+#]*[\w+#])?")
_STOP_WORDS = """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each etc few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just let me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own per same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon us very via was
    we were what when where which while who whom why will with within without would you your yours
    yourself yourselves der die das und für mit le la les et des pour avec de el los las y con"""
_STOP = frozenset(_STOP_WORDS.split())


def stem(token: str) -> str:
    """Fold a plural the cheap way: 'operations' -> 'operation', 'facilities' -> 'facility'."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is", "'s")):
        return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    """Words of a text as terms: lower case, no stop words, no bare numbers, plurals folded."""
    return [stem(t) for t in _TOKEN.findall(text.lower()) if t not in _STOP and not t.isdigit()]


@lru_cache(maxsize=1)
def vectorizer() -> Any:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        tokenizer=tokenize,
        token_pattern=None,
        lowercase=False,
        alternate_sign=False,
        norm=None,
        n_features=2**HASH_BITS,
        dtype=np.float32,
    )


def posting_text(title: str, department: str, description: str) -> str:
    # the title twice: it says more about the job than any one sentence of the description
    return f"{title}\n{title}\n{department}\n{description[:DESCRIPTION_CHARS]}"


def counts(texts: list[str]) -> sparse.csr_matrix:
    """Term counts, one row per text (CSR, sorted bucket ids)."""
    matrix = vectorizer().transform(texts).tocsr()
    matrix.sort_indices()
    return matrix


def encode(matrix: sparse.csr_matrix) -> list[tuple[bytes, bytes, int]]:
    """(term ids blob, counts blob, token count) per row, for the enrichment cache."""
    ids = matrix.indices.astype(ID_DTYPE)
    tf = np.clip(matrix.data, 0, 255).astype(TF_DTYPE)
    lengths = np.asarray(matrix.sum(axis=1)).ravel().astype(int)
    out = []
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        out.append((ids[start:end].tobytes(), tf[start:end].tobytes(), int(lengths[row])))
    return out


def terms_of(texts: list[str]) -> list[tuple[bytes, bytes, int]]:
    return encode(counts(texts))


def decode(id_blobs: list[bytes | None], tf_blobs: list[bytes | None]) -> sparse.csr_matrix:
    """The cached blobs of many rows back into one CSR matrix (rows without terms are empty)."""
    ids = [b or b"" for b in id_blobs]
    tfs = [b or b"" for b in tf_blobs]
    lengths = np.fromiter(map(len, tfs), dtype=np.int64, count=len(tfs))
    indptr = np.zeros(len(tfs) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.frombuffer(b"".join(ids), dtype=ID_DTYPE).astype(np.int32)
    data = np.frombuffer(b"".join(tfs), dtype=TF_DTYPE).astype(np.float32)
    if len(indices) != len(data):
        raise ValueError("term blobs of different lengths; enrich the store again")
    return sparse.csr_matrix((data, indices, indptr), shape=(len(tfs), 2**HASH_BITS))


def murmurhash3_32(data: bytes, seed: int = 0) -> int:
    """MurmurHash3 x86 32-bit, signed: the hash scikit-learn's HashingVectorizer buckets tokens by.

    Rank hashes only the profile's few hundred words, so it does so here in plain Python rather
    than importing scikit-learn (over a second) for it."""
    mask = 0xFFFFFFFF
    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed & mask
    length = len(data)
    blocks = length // 4
    for i in range(blocks):
        k = int.from_bytes(data[4 * i : 4 * i + 4], "little")
        k = (k * c1) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * c2) & mask
        h ^= k
        h = ((h << 13) | (h >> 19)) & mask
        h = (h * 5 + 0xE6546B64) & mask
    tail = data[4 * blocks :]
    k = 0
    if len(tail) >= 3:
        k ^= tail[2] << 16
    if len(tail) >= 2:
        k ^= tail[1] << 8
    if tail:
        k ^= tail[0]
        k = (k * c1) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * c2) & mask
        h ^= k
    h ^= length
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & mask
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & mask
    h ^= h >> 16
    return h - 2**32 if h >= 2**31 else h


def bucket(term: str) -> int:
    """The bucket :func:`counts` puts ``term`` in (as HashingVectorizer does, without its import)."""
    n = 2**HASH_BITS
    h = murmurhash3_32(term.encode("utf-8"))
    return (2**31 - 1 - (n - 1)) % n if h == -(2**31) else abs(h) % n


def term_ids(text: str) -> list[int]:
    """Bucket ids of a short text's terms (for a skill: all of them must appear in a posting)."""
    return sorted({bucket(t) for t in tokenize(text)})

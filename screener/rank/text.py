"""Skills and experience similarity: the profile (skills, resume, title, functions) against each
posting's cached term counts, BM25-weighted with document frequencies fitted on the store.

:meth:`TextScorer.fit` learns the document frequencies of the profile's own terms and the average
posting length from the open postings (every one of them up to :data:`FIT_ROWS`, an even sample
of them above that, which estimates the same figures); rank then streams the store in chunks and
:meth:`TextScorer.score` turns each chunk's cached counts into one 0-1 value per row:

- skills coverage: the profile's skills the posting names (every word of a multi-word skill),
  each weighted by how rare it is in the store ("budgeting" says more than "management");
  naming half of them (by weight) is already a full match;
- text similarity: BM25 term saturation of the profile's words, weighted by their idf, as a share
  of the best a posting could get; a fifth of that is already a strong match, since a posting
  covers only part of anybody's resume.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from screener.enrich.terms import HASH_BITS, ID_DTYPE, TF_DTYPE, term_ids, tokenize
from screener.profile import Profile

K1 = 1.2
B = 0.75
SKILLS_FULL = 0.5
"""Skills coverage (idf-weighted share of the profile's skills) that counts as a full match."""
TEXT_FULL = 0.2
"""Text similarity (share of the best possible BM25 score) that counts as a full match."""
SKILLS_SHARE = 0.6
"""Weight of skills coverage against text similarity when the profile has skills."""
MAX_QUERY_TERMS = 300
FIT_ROWS = 50_000
"""Open postings the document frequencies are fitted on; a larger store is sampled evenly."""
"""The profile's most frequent words used as the text query (a long resume is cut, not scaled)."""


@dataclass
class ProfileQuery:
    """The profile's terms as bucket ids: skills (all words of each) and weighted free text."""

    skills: list[list[int]]
    skill_names: list[str]
    text: dict[int, float]
    columns: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        ids = {i for ids in self.skills for i in ids} | set(self.text)
        self.columns = np.array(sorted(ids), dtype=np.int64)

    def column(self, bucket: int) -> int:
        return int(np.searchsorted(self.columns, bucket))


def profile_query(profile: Profile) -> ProfileQuery:
    skills, names = [], []
    for skill in profile.skills:
        ids = term_ids(skill)
        if ids:
            skills.append(ids)
            names.append(skill)
    words = " ".join([profile.title, *profile.functions, *profile.industries, *profile.skills, profile.resume_text])
    tokens = Counter(tokenize(words)).most_common(MAX_QUERY_TERMS)
    text: dict[int, float] = {}
    for token, count in tokens:
        for bucket in term_ids(token):
            text[bucket] = text.get(bucket, 0.0) + 1.0 + float(np.log(count))
    return ProfileQuery(skills, names, text)


def select_terms(
    id_blobs: list[bytes | None], tf_blobs: list[bytes | None], lookup: np.ndarray, width: int
) -> sparse.csr_matrix:
    """(rows, width) term counts of the query's terms, straight from the cached blobs; ``lookup``
    maps a bucket to its query column + 1 (0: not a query term)."""
    n = len(tf_blobs)
    ids = np.frombuffer(b"".join(b or b"" for b in id_blobs), dtype=ID_DTYPE)
    tf = np.frombuffer(b"".join(b or b"" for b in tf_blobs), dtype=TF_DTYPE)
    lengths = np.fromiter((len(b or b"") for b in tf_blobs), dtype=np.int64, count=n)
    if len(ids) != len(tf):
        raise ValueError("cached term blobs of different lengths; run the enrichment again")
    column = lookup[ids]
    hit = column > 0
    rows = np.repeat(np.arange(n, dtype=np.int32), lengths)[hit]
    return sparse.csr_matrix((tf[hit].astype(np.float32), (rows, column[hit] - 1)), shape=(n, max(width, 1)))


class TextScorer:
    """Fitted on a sample of the store's cached terms (document frequencies, average length), then
    scores chunk after chunk, so nothing is held per posting between chunks."""

    def __init__(self, query: ProfileQuery) -> None:
        self.query = query
        self._lookup = np.zeros(2**HASH_BITS, dtype=np.int16)
        self._lookup[query.columns] = np.arange(1, len(query.columns) + 1)
        self.idf_ = np.zeros(max(len(query.columns), 1))
        self.average_length_ = 1.0
        self.documents_ = 0

    def fit(self, id_blobs: list[bytes | None], tf_blobs: list[bytes | None], lengths: np.ndarray) -> TextScorer:
        counts = select_terms(id_blobs, tf_blobs, self._lookup, len(self.query.columns))
        n = max(counts.shape[0], 1)
        df = np.bincount(counts.indices, minlength=self.idf_.shape[0])
        self.idf_ = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        lengths = np.nan_to_num(np.asarray(lengths, dtype=float), nan=0.0)
        self.average_length_ = float(lengths.mean()) if len(lengths) and lengths.sum() else 1.0
        self.documents_ = counts.shape[0]
        return self

    def score(self, id_blobs: list[bytes | None], tf_blobs: list[bytes | None], lengths: np.ndarray) -> np.ndarray:
        """The 0-1 skills-and-experience fit of each row."""
        counts = select_terms(id_blobs, tf_blobs, self._lookup, len(self.query.columns))
        if counts.shape[0] == 0:
            return np.zeros(0)
        lengths = np.nan_to_num(np.asarray(lengths, dtype=float), nan=0.0)
        # BM25 saturation of every count, scaled to 0-1 (k1 + 1 is its limit)
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        norm = K1 * (1 - B + B * lengths[rows] / self.average_length_)
        saturated = counts.copy()
        saturated.data = counts.data / (counts.data + norm)
        parts, shares = [], []
        if self.query.skills:
            parts.append(self._skills(counts))
            shares.append(SKILLS_SHARE)
        if self.query.text:
            parts.append(self._text(saturated))
            shares.append(1.0 - SKILLS_SHARE if self.query.skills else 1.0)
        if not parts:
            return np.full(counts.shape[0], 0.5)
        return sum(s * p for s, p in zip(shares, parts, strict=True)) / sum(shares)

    def _skills(self, counts: sparse.csr_matrix) -> np.ndarray:
        present = counts.tocsc() > 0
        covered = np.zeros(counts.shape[0])
        total = 0.0
        for ids in self.query.skills:
            columns = [self.query.column(i) for i in ids]
            weight = max(float(np.mean(self.idf_[columns])), 0.5)
            hit = np.ones(counts.shape[0], dtype=bool)
            for c in columns:
                hit &= present[:, c].toarray().ravel()
            covered += weight * hit
            total += weight
        return np.clip(covered / total / SKILLS_FULL, 0.0, 1.0)

    def _text(self, saturated: sparse.csr_matrix) -> np.ndarray:
        weights = np.zeros(len(self.idf_))
        for bucket, weight in self.query.text.items():
            weights[self.query.column(bucket)] = weight * self.idf_[self.query.column(bucket)]
        best = weights.sum()
        if best <= 0:
            return np.zeros(saturated.shape[0])
        share = saturated @ weights / best
        return np.clip(share / TEXT_FULL, 0.0, 1.0)


def skills_named(id_blob: bytes | None, query: ProfileQuery) -> list[str]:
    """The profile's skills a single posting names (for a pitch or a why)."""
    ids = set(np.frombuffer(id_blob or b"", dtype=ID_DTYPE).tolist())
    return [name for name, need in zip(query.skill_names, query.skills, strict=True) if set(need) <= ids]

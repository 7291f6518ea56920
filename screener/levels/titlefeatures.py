"""The fitted pipeline's title features at prediction time, with the character n-grams per word cached.

scikit-learn's ``char_wb`` analyzer builds every n-gram of a title in Python and looks each one up
in the vocabulary: about 110 n-grams and 40 microseconds a title, a quarter of what a posting costs.
``char_wb`` n-grams never cross a space, so a title's counts are the sum of its words' counts, and
words repeat across titles far more than titles do ("senior", "manager", "engineer"). The columns
of each word are computed once (with the fitted vectorizer's own analyzer and vocabulary) and kept;
the TF-IDF weighting is then the vectorizer's own (sublinear tf, ``idf_``, l2). The other blocks of
the ``ColumnTransformer`` are called as they are. :meth:`TitleFeatures.transform` equals
``column_transformer.transform`` (tested), and falls back to it for any configuration it does not
know.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_MAX_WORDS = 200_000
"""Cached words per model before the cache starts again (bounded memory on endless crawls)."""


def _fast_enough(vectorizer: Any) -> bool:
    """Whether the per-word shortcut gives exactly what ``vectorizer.transform`` gives."""
    params = vectorizer.get_params()
    return (
        params.get("analyzer") == "char_wb"
        and params.get("preprocessor") is None
        and params.get("strip_accents") is None
        and params.get("input") == "content"
        and params.get("binary") is False
        and params.get("norm") in ("l2", None)
        and hasattr(vectorizer, "vocabulary_")
    )


class _WordNgrams:
    """TF-IDF rows of a fitted char_wb ``TfidfVectorizer``, built from cached per-word columns."""

    def __init__(self, vectorizer: Any):
        self.vectorizer = vectorizer
        self._analyze = vectorizer.build_analyzer()
        self._vocabulary = vectorizer.vocabulary_
        self._idf = getattr(vectorizer, "idf_", None)
        self._words: dict[str, list[int]] = {}

    def _columns(self, word: str) -> list[int]:
        columns = self._words.get(word)
        if columns is None:
            if len(self._words) >= _MAX_WORDS:
                self._words.clear()
            vocabulary = self._vocabulary
            columns = [vocabulary[g] for g in self._analyze(word) if g in vocabulary]
            self._words[word] = columns
        return columns

    def transform(self, documents) -> Any:
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        indices: list[int] = []
        indptr = [0]
        for document in documents:
            for word in document.split():
                indices.extend(self._columns(word))
            indptr.append(len(indices))
        dtype = self.vectorizer.dtype
        counts = sp.csr_matrix(
            (np.ones(len(indices), dtype=dtype), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
            shape=(len(indptr) - 1, len(self._vocabulary)),
        )
        counts.sum_duplicates()
        if self.vectorizer.sublinear_tf:
            np.log(counts.data, counts.data)
            counts.data += 1.0
        if self._idf is not None:
            counts.data *= self._idf[counts.indices]
        if self.vectorizer.norm is not None:
            counts = normalize(counts, norm=self.vectorizer.norm, copy=False)
        return counts

    def clear(self) -> None:
        self._words.clear()


class TitleFeatures:
    """``column_transformer.transform(evidence)``, with char_wb title blocks per word cached."""

    def __init__(self, column_transformer: Any):
        self.column_transformer = column_transformer
        self._fast: dict[str, _WordNgrams] = {}
        for name, transformer, columns in column_transformer.transformers_:
            if isinstance(columns, str) and not isinstance(transformer, str) and _fast_enough(transformer):
                self._fast[name] = _WordNgrams(transformer)

    def transform(self, evidence) -> Any:
        ct = self.column_transformer
        if not self._fast or ct.remainder != "drop":
            return ct.transform(evidence)
        import scipy.sparse as sp

        parts = []
        for name, transformer, columns in ct.transformers_:
            if transformer == "drop":
                continue
            if name in self._fast:
                parts.append(self._fast[name].transform(evidence[columns].tolist()))
            else:
                parts.append(transformer.transform(evidence[columns]))
        if not all(sp.issparse(p) for p in parts) or not getattr(ct, "sparse_output_", False):
            return ct.transform(evidence)
        return sp.hstack(parts, format="csr")

    def clear(self) -> None:
        for fast in self._fast.values():
            fast.clear()

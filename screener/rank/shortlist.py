"""Build the shortlist for a profile: stream the store, place, filter and score every posting,
keep the best, then fill in the words (why, risk, pitch) for those rows only.

Memory stays flat with the store's size: candidates are read :data:`CHUNK` rows at a time with only
the columns scoring needs (never the description: its terms are cached with the enrichment), and
what is kept between chunks is a few numbers per row. Display columns are read afterwards for the
rows that made the shortlist.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
import pandas as pd

from screener.ladder import LEVEL_RANK, LEVELS, MOVES, PROBA_COLUMNS
from screener.profile import Profile
from screener.rank import components as comp
from screener.rank.learn import NEGATIVE, Learned, learn_weights
from screener.rank.pitch import overqualification_risk, pitch
from screener.rank.text import FIT_ROWS, TextScorer, profile_query, skills_named
from screener.rank.why import explain
from screener.store import Store

CHUNK = 20_000

COLUMNS = [
    "rank",
    "score",
    "move",
    "move_confidence",
    "level",
    "title",
    "company",
    "location",
    "remote",
    "salary_min",
    "salary_max",
    "currency",
    "pay_change_pct",
    *(f"fit_{name}" for name in comp.NAMES),
    "why",
    "overqualification_risk",
    "pitch",
    "url",
    "date_posted",
    "first_seen",
    "status",
    "my_status",
    "my_notes",
    "id",
]
"""Shortlist columns (DESIGN.md); ``id`` last, so edited files can be matched back to postings."""

NOT_INTERESTED = NEGATIVE
STATUSES = ("new", "seen", "closed")

_SCORING = """
SELECT p.rowid, {company} p.city, p.region, p.country, p.remote, p.salary_currency, p.salary_annual_min,
       p.salary_annual_max, p.years_min, p.years_max, p.closed_at IS NOT NULL AS closed,
       (? IS NULL OR p.first_seen > ?) AS is_new,
       coalesce(p.date_posted, substr(p.first_seen, 1, 10)) AS posted,
       e.level_rank, {up} AS p_up, {same} AS p_same, {back} AS p_back,
       e.people_manager, e.function, e.industry, e.team_size, e.term_ids, e.term_tf, e.doc_len,
       f.my_status, f.my_notes
FROM postings p
JOIN enrichment e ON e.posting_id = p.id
LEFT JOIN feedback f ON f.posting_id = p.id
WHERE p.closed_at IS NULL OR f.posting_id IS NOT NULL
"""
"""Only what scoring needs, and as little of it as Python objects as possible: SQLite sums the
three move probabilities and works out newness (dates are left to numpy: julianday() on every row
costs more than the rest of the query)."""


def scoring_query(profile_rank: int, with_company: bool) -> str:
    def total(columns: tuple[str, ...]) -> str:
        return " + ".join(f"e.{c}" for c in columns) or "0.0"

    return _SCORING.format(
        company="p.company," if with_company else "",
        up=total(PROBA_COLUMNS[profile_rank + 1 :]),
        same=f"e.{PROBA_COLUMNS[profile_rank]}",
        back=total(PROBA_COLUMNS[:profile_rank]),
    )


_DISPLAY = """
SELECT p.rowid, p.id, p.title, p.company, p.location, p.city, p.remote, p.salary_min, p.salary_max,
       p.salary_currency, p.salary_annual_min, p.salary_annual_max, p.url, p.date_posted, p.first_seen,
       p.years_min, p.years_max, e.function, e.industry, e.team_size, e.budget, e.term_ids,
       f.my_status, f.my_notes
FROM postings p
JOIN enrichment e ON e.posting_id = p.id
LEFT JOIN feedback f ON f.posting_id = p.id
WHERE p.rowid IN ({marks})
"""


@dataclass
class RankOptions:
    top: int | None = 50
    moves: list[str] | None = None
    """Overrides the profile's ``moves``; applies to rows the user marked too."""
    new_only: bool = False
    since_days: int | None = None
    min_score: float | None = None
    include_not_interested: bool = False
    remote: str | None = None
    """Overrides the profile's ``remote`` (any / remote / hybrid / onsite)."""
    locations: list[str] | None = None
    """Overrides the profile's ``locations``."""
    min_salary: float | None = None
    """Drop postings whose stated annual pay (in the profile's currency) tops out below this."""
    exclude_companies: list[str] = field(default_factory=list)
    learn: bool = True
    today: date | None = None


@dataclass
class RankResult:
    rows: pd.DataFrame
    considered: int
    """Postings scored (open, or closed but marked by the user)."""
    learned: Learned | None = None
    weights: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def last_rank_time(store: Store, profile_key: str | None = None) -> str | None:
    """When this profile's shortlist was last written (any profile's when no key is given).

    Only ranks that finished and delivered a shortlist (a file, or JSON) count: a terminal table
    is a preview, and a failed rank showed nothing. The time is when the rank began, before it read
    the store, so a posting stored while it ran is new next time rather than never (to the second:
    ``first_seen`` is kept to the second)."""
    row = store.conn.execute(
        "SELECT max(started_at) FROM runs WHERE kind = 'rank' AND status = 'ok' AND (? IS NULL OR source = ?) "
        "AND coalesce(json_extract(summary, '$.delivered'), 1)",
        (profile_key, profile_key),
    ).fetchone()
    return row[0] if row else None


@dataclass
class _Kept:
    """What survives a chunk: numbers only, one entry per row kept or marked."""

    rowid: list[np.ndarray] = field(default_factory=list)
    fits: list[np.ndarray] = field(default_factory=list)
    move: list[np.ndarray] = field(default_factory=list)
    confidence: list[np.ndarray] = field(default_factory=list)
    level: list[np.ndarray] = field(default_factory=list)
    status: list[np.ndarray] = field(default_factory=list)
    pay_change: list[np.ndarray] = field(default_factory=list)
    shown: list[np.ndarray] = field(default_factory=list)
    pinned: list[np.ndarray] = field(default_factory=list)
    label: list[np.ndarray] = field(default_factory=list)

    def joined(self) -> dict[str, np.ndarray]:
        return {name: np.concatenate(parts) for name, parts in vars(self).items()}


def days_since(dates: pd.Series, today: date) -> np.ndarray:
    """Days from ISO dates (YYYY-MM-DD, missing or unreadable: NaN) to ``today``."""
    try:
        when = np.array(dates.to_numpy(dtype=object), dtype="datetime64[D]")
    except ValueError:
        when = pd.to_datetime(dates, errors="coerce", format="ISO8601").to_numpy(dtype="datetime64[D]")
    age = (np.datetime64(today, "D") - when).astype("timedelta64[D]").astype(float)
    return np.where(np.isnat(when), np.nan, age)


@contextmanager
def snapshot(store: Store) -> Iterator[sqlite3.Connection]:
    """A connection that reads the whole store as of one moment, for the length of a build.

    A crawl or an import may commit while a rank runs; without one read transaction the sample,
    the scoring pass and the display columns would each see a different store (a posting scored
    while open, shown with tomorrow's title). WAL lets the writer go on meanwhile. The connection
    may be used from the reader thread (never from two threads at once).
    """
    if str(store.path) == ":memory:" or not Path(store.path).exists():
        yield store.conn  # nothing else can write to it
        return
    conn = sqlite3.connect(f"file:{quote(str(store.path))}?mode=ro", uri=True, timeout=30, check_same_thread=False)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM postings").fetchone()  # the snapshot starts at the first read
        yield conn
    finally:
        conn.close()


def fit_sample(conn: sqlite3.Connection) -> tuple[list[bytes], list[bytes], np.ndarray]:
    """Cached terms of the open postings, or of an even sample of them in a large store (found
    through the open-postings index, so the sample costs no scan of the postings)."""
    (open_count,) = conn.execute("SELECT count(*) FROM postings WHERE closed_at IS NULL").fetchone()
    step = max(1, open_count // FIT_ROWS)
    rows = conn.execute(
        "SELECT e.term_ids, e.term_tf, e.doc_len FROM postings p JOIN enrichment e ON e.posting_id = p.id "
        "WHERE p.rowid IN (SELECT rowid FROM postings WHERE closed_at IS NULL AND rowid % ? = 0)",
        (step,),
    ).fetchall()
    return [r[0] for r in rows], [r[1] for r in rows], np.array([r[2] or 0 for r in rows], dtype=float)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> Iterator[tuple[list[str], list[tuple]]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(CHUNK):
        yield names, rows


def _prefetched(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> Iterator[tuple[list[str], list[tuple]]]:
    """The same rows, read by a thread one chunk ahead, so SQLite reads the next chunk (it lets go
    of the GIL while it does) while this one is scored. The thread is the connection's only user
    until it is joined."""
    done = object()
    chunks: queue.Queue[Any] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def read() -> None:
        try:
            for chunk in _rows(conn, sql, params):
                while not stop.is_set():
                    try:
                        chunks.put(chunk, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            chunks.put(done)
        except BaseException as exc:  # handed to the reading side
            chunks.put(exc)

    reader = threading.Thread(target=read, name="rank-reader", daemon=True)
    reader.start()
    try:
        while (item := chunks.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        reader.join()


def _chunks(store: Store, conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> Iterator[pd.DataFrame]:
    """Candidate rows, :data:`CHUNK` at a time, as frames (read ahead on a thread when ``conn`` is
    a snapshot of a file, not the store's own connection)."""
    source = _prefetched(conn, sql, params) if conn is not store.conn else _rows(conn, sql, params)
    for names, rows in source:
        yield pd.DataFrame.from_records(rows, columns=names, coerce_float=True)


def _filters(
    frame: pd.DataFrame, profile: Profile, profile_rank: int, options: RankOptions, excluded: set[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(move index, move confidence, status index, shown, pinned, labels) for one chunk."""
    by_move = frame[["p_up", "p_same", "p_back"]].to_numpy(dtype=float)  # the order of MOVES
    move_index = by_move.argmax(axis=1)
    confidence = by_move[np.arange(len(frame)), move_index]
    level = frame["level_rank"].to_numpy(dtype=int)
    status = np.where(frame["closed"].to_numpy(dtype=bool), 2, np.where(frame["is_new"].to_numpy(dtype=bool), 0, 1))
    my_status = frame["my_status"].fillna("").str.strip().str.lower()
    marked = (frame["my_status"].fillna("") != "").to_numpy() | (frame["my_notes"].fillna("") != "").to_numpy()
    hidden = my_status.isin(NOT_INTERESTED).to_numpy()

    # filters a row the user marked still passes: the band, --top, --min-score, place and pay
    soft = (level >= profile_rank - profile.band.below) & (level <= profile_rank + profile.band.above)
    if not options.moves:  # --move overrides the profile's moves (and, said on the command line, is hard)
        soft &= np.isin(move_index, [MOVES.index(m) for m in profile.moves])
    soft &= comp.location_allowed(frame, options.remote or profile.remote, options.locations or profile.locations)
    if options.min_salary is not None:
        soft &= ~comp.below_floor(frame, options.min_salary, profile.salary.currency)
    # filters said on the command line, and companies excluded, apply to every row
    hard = np.ones(len(frame), dtype=bool)
    if options.moves:
        hard &= np.isin(move_index, [MOVES.index(m) for m in options.moves])
    if excluded:
        hard &= ~frame["company"].fillna("").str.strip().str.lower().isin(excluded).to_numpy()
    if options.new_only:
        hard &= status == 0
    if options.since_days is not None:
        hard &= comp.age_days(frame) <= options.since_days
    if not options.include_not_interested:
        hard &= ~hidden
    pinned = marked & ~hidden & hard
    shown = (soft & hard) | pinned
    labels = np.where(my_status.to_numpy() == "", np.nan, np.where(hidden, 0.0, 1.0))
    return move_index, confidence, status, shown, pinned, labels


def build(
    store: Store,
    profile: Profile,
    profile_rank: int,
    options: RankOptions,
    *,
    profile_key: str | None = None,
) -> RankResult:
    """Score every candidate for a profile at ``profile_rank`` and return the shortlist rows."""
    profile = with_overrides(profile, options)
    previous = last_rank_time(store, profile_key)
    today = options.today or datetime.now(UTC).date()
    excluded = {c.strip().lower() for c in [*profile.exclude_companies, *options.exclude_companies] if c.strip()}
    sql = scoring_query(profile_rank, with_company=bool(excluded))
    query = profile_query(profile)
    with snapshot(store) as conn:  # one moment of the store, whatever a crawl commits meanwhile
        text = TextScorer(query).fit(*fit_sample(conn))
        kept = _Kept()
        considered = 0
        for frame in _chunks(store, conn, sql, (previous, previous)):
            frame["age_days"] = days_since(frame.pop("posted"), today)
            considered += len(frame)
            move_index, confidence, status, shown, pinned, labels = _filters(
                frame, profile, profile_rank, options, excluded
            )
            scored = shown | ~np.isnan(labels)
            part = frame[scored].reset_index(drop=True)
            values = comp.row_components(part, profile)
            values["skills"] = text.score(
                part["term_ids"].tolist(), part["term_tf"].tolist(), part["doc_len"].to_numpy()
            )
            kept.rowid.append(part["rowid"].to_numpy(dtype=np.int64))
            kept.fits.append(
                np.column_stack([values.get(n, np.zeros(len(part))) for n in comp.NAMES]).astype(np.float32)
            )
            kept.move.append(move_index[scored].astype(np.int8))
            kept.confidence.append(confidence[scored].astype(np.float32))
            kept.level.append(part["level_rank"].to_numpy(dtype=np.int8))
            kept.status.append(status[scored].astype(np.int8))
            kept.pay_change.append(comp.pay_change_pct(part, profile).astype(np.float32))
            kept.shown.append(shown[scored])
            kept.pinned.append(pinned[scored])
            kept.label.append(labels[scored])
        result = RankResult(rows=pd.DataFrame(columns=COLUMNS), considered=considered)
        if not kept.rowid:
            result.weights = {**comp.DEFAULT_WEIGHTS, **profile.weights}
            return result
        data = kept.joined()
        fits = data["fits"].astype(float)

        defaults = dict(comp.DEFAULT_WEIGHTS)
        learned = learn_weights(fits, data["label"], defaults) if options.learn else None
        weights = {**defaults, **(learned.weights if learned else {}), **profile.weights}
        result.learned, result.weights = learned, weights
        vector = np.array([weights[n] for n in comp.NAMES])
        score = np.round(100 * fits @ vector / (vector.sum() or 1.0), 1)

        shown, pinned = data["shown"], data["pinned"]
        if options.min_score is not None:
            shown &= (score >= options.min_score) | pinned
        order = np.lexsort((-data["confidence"], -score))
        order = order[shown[order]]
        if options.top:
            top = order[: options.top]
            extra = order[options.top :]
            order = np.concatenate([top, extra[pinned[extra]]])
        rows = _display(conn, data["rowid"][order])
        frame = pd.DataFrame(
            {
                "rowid": data["rowid"][order],
                "score": score[order],
                "move": np.asarray(MOVES, dtype=object)[data["move"][order]],
                "move_confidence": np.round(data["confidence"][order].astype(float), 3),
                "level_rank": data["level"][order].astype(int),
                "status": np.asarray(STATUSES, dtype=object)[data["status"][order]],
                "pay_change_pct": np.round(data["pay_change"][order].astype(float), 1),
                **{f"fit_{n}": np.round(fits[order, i], 3) for i, n in enumerate(comp.NAMES)},
            }
        )
        frame = frame.merge(rows, on="rowid", how="left", sort=False)
        frame["level"] = np.asarray(LEVELS, dtype=object)[frame["level_rank"].to_numpy()]
        frame["rank"] = np.arange(1, len(frame) + 1)
        _words(frame, profile, profile_rank, weights, query)
        frame = frame.rename(columns={"salary_currency": "currency"})
        result.rows = finalize(frame)
        return result


def with_overrides(profile: Profile, options: RankOptions) -> Profile:
    """The profile as this rank uses it: ``--remote`` and ``--location`` replace the profile's own
    for scoring and the words (fit_location, why) as well as for the filter."""
    updates: dict[str, Any] = {}
    if options.remote:
        updates["remote"] = options.remote
    if options.locations:
        updates["locations"] = list(options.locations)
    return profile.model_copy(update=updates) if updates else profile


def _display(conn: sqlite3.Connection, rowids: np.ndarray) -> pd.DataFrame:
    parts = []
    ids = [int(r) for r in rowids]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        cursor = conn.execute(_DISPLAY.format(marks=", ".join("?" for _ in chunk)), chunk)
        parts.append(pd.DataFrame.from_records(cursor.fetchall(), columns=[d[0] for d in cursor.description]))
    if not parts:
        cursor = conn.execute(_DISPLAY.format(marks="NULL"))
        return pd.DataFrame(columns=[d[0] for d in cursor.description])
    return pd.concat(parts, ignore_index=True)


def _words(frame: pd.DataFrame, profile: Profile, profile_rank: int, weights: dict[str, float], query: Any) -> None:
    """why, overqualification_risk and pitch for the shortlisted rows (a few hundred at most)."""
    total = sum(weights.values()) or 1.0
    mine = comp.profile_functions(profile)
    my_industries = comp.profile_industries(profile)
    whys, risks, pitches = [], [], []
    frame["pay_state"] = comp.pay_state(frame, profile)
    for raw in frame.to_dict("records"):
        record = {k: None if isinstance(v, float) and np.isnan(v) else v for k, v in raw.items()}
        record["skills_named"] = skills_named(record.get("term_ids"), query)
        values = {name: float(record[f"fit_{name}"]) for name in comp.NAMES}
        contributions = {name: weights[name] * (values[name] - 0.5) / total for name in comp.NAMES}
        whys.append(explain(record, contributions, values, profile_rank, profile.years_experience, profile.team_size))
        if record["move"] != "step_back":
            risks.append(None)
            pitches.append(None)
            continue
        change = record["pay_change_pct"]
        risks.append(
            overqualification_risk(
                profile_rank - int(record["level_rank"]),
                profile.years_experience,
                record.get("years_max") if _known(record.get("years_max")) else record.get("years_min"),
                change,
            )
        )
        pitches.append(
            pitch(
                record,
                same_function=record.get("function") in mine,
                same_industry=record.get("industry") in my_industries,
                my_functions=mine,
                skills=record["skills_named"],
                last_salary=profile.salary.last,
                currency=profile.salary.currency,
                team=profile.team_size,
                years_management=profile.years_management,
            )
        )
    frame["why"] = whys
    frame["overqualification_risk"] = risks
    frame["pitch"] = pitches


def _known(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value))


def profile_rung(profile: Profile, predictor: Any, store: Store | None = None) -> tuple[int, bool]:
    """(rank, inferred?) of the profile: its own level, else its title placed by the same model, as
    a finished rank in ``store`` recorded it for this model version (so a nightly rank over an
    enriched store never loads the model), else placed now."""
    if profile.level:
        return LEVEL_RANK[profile.level], False
    if store is not None:
        cached = store.inferred_rung(profile.title, predictor.version)
        if cached is not None:
            return cached, True
    from screener.levels import predict_levels

    [(level, _confidence)] = predict_levels(predictor, [profile.title])
    return LEVEL_RANK[level], True


def finalize(frame: pd.DataFrame) -> pd.DataFrame:
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    return frame[COLUMNS].reset_index(drop=True)


__all__ = ["COLUMNS", "MOVES", "RankOptions", "RankResult", "build", "finalize", "profile_rung"]

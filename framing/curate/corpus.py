"""A lexicon held against a corpus: where a term occurs, which words to add, what an edit does.

The evidence a lexicon editor needs before changing a file:

- :func:`where`: every hit of a term (or an entry) in a corpus, with its sentence and its voice
  (the outlet's own, or quoted speech). Grep for lexicon editors.
- :func:`suggest`: candidate loaded terms, ranked by the log-odds ratio with an informative
  Dirichlet prior (Monroe, Colaresi & Quinn 2008, :mod:`framing.compare.log_odds`) of one outlet
  against the rest of a corpus, or of one corpus against a reference corpus; each with
  contexts, and marked when a lexicon has it already.
- :func:`diff`: how the per-outlet figures change between two lexicon versions. The corpus is
  parsed once; each version's framing component runs on a copy of every Doc, since matching
  lexicons needs no re-parsing.

Per entry, how often it fires on BABE and how often the hit is a word the experts marked, is
:mod:`framing.evaluation.entry_stats` (an accuracy figure, so in the evaluation stage).
"""

from __future__ import annotations

import copy
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from framing.annotate.loaded_terms import LEXICON_NAME
from framing.annotate.voice import voice_of
from framing.compare.log_odds import distinctive_terms
from framing.curate.checks import is_complete_set
from framing.lexicon.load import SHIPPED_LEXICONS, Entry, LexiconError, Lexicons, load_lexicons
from framing.lexicon.matching import EntryMatcher
from framing.measure.analyzer import Analyzer, ArticleAnalysis
from framing.measure.features import Vocabulary
from framing.read.cleaning import clean_text
from framing.read.corpus import Article, ReadFailure, ReadSkipped, read_corpus

# --- reading a corpus


def read_articles(paths: Iterable[str | Path], *, outlet: str | None = None) -> list[Article]:
    """The articles under ``paths``; raises ValueError naming the first input that fails."""
    articles = []
    for item in read_corpus([str(p) for p in paths], outlet=outlet):
        if isinstance(item, ReadSkipped):  # a FIFO or a device in a folder: not an article
            continue
        if isinstance(item, ReadFailure):
            raise ValueError(str(item))
        articles.append(item)
    return articles


def _parsed(analyzer: Analyzer, articles: Iterable[Article], *, annotate: bool = False):
    """(article, cleaned text, Doc) in order, parsed as a report run parses them (the analyzer's
    mode), and annotated by its framing component when ``annotate``. One batch at a time: a
    large corpus is never held in memory as cleaned texts or parsed Docs."""
    pairs, texts = itertools.tee((article, clean_text(article.text)) for article in articles)
    docs = analyzer.parse(clean.text for _, clean in texts)
    if annotate:
        docs = analyzer.annotate(docs)
    for (article, clean), doc in zip(pairs, docs, strict=True):
        yield article, clean, doc


# --- where


@dataclass(frozen=True)
class WhereHit:
    """One hit of a term in a corpus: the article, the words, the sentence, the voice."""

    article_id: str
    outlet: str
    path: str | None
    entry_id: str
    text: str
    start: int  # character offsets into the article as read
    end: int
    voice: str  # outlet | quoted
    sentence: str


def entry_for(term: str, lexicons: Lexicons) -> Entry:
    """The lexicon entry with id ``term``, else an ad-hoc entry matching ``term`` as a phrase."""
    loaded = lexicons.get(term)
    if loaded is not None:
        return loaded.entry.model_copy(update={"enabled": True})
    return Entry(id=f"where:{term}", term=term, category="where", note="ad-hoc search")


def _may_contain(text: str, entry: Entry) -> bool:
    """A cheap pre-filter: could ``text`` hold one of the entry's phrases, in any inflection?

    A pattern entry cannot be pre-filtered. For a phrase, the first word's first letters
    (``coloniz`` for ``colonize``) must occur: parsing only those articles keeps ``where``
    fast on a large corpus.
    """
    if entry.pattern is not None:
        return True
    lowered = text.lower()
    for phrase in entry.phrases:
        first = phrase.lower().split()[0] if phrase.split() else ""
        stem = first[: max(3, len(first) - 2)]
        if stem and stem in lowered:
            return True
    return False


def where(
    term: str,
    paths: Iterable[str | Path],
    analyzer: Analyzer,
    *,
    outlet: str | None = None,
) -> Iterator[WhereHit]:
    """Every hit of ``term`` (a phrase or an entry id) in the corpus, in corpus order.

    The analyzer parses and annotates the articles that may contain the term as a report run
    would (its parse mode included), so each hit's voice is the one the report gives it
    (:func:`framing.annotate.voice.voice_of`).
    """
    entry = entry_for(term, analyzer.lexicons)
    matcher = EntryMatcher(analyzer.nlp, [entry], source="where")
    candidates = (a for a in read_articles(paths, outlet=outlet) if _may_contain(a.text, entry))
    for article, clean, doc in _parsed(analyzer, candidates, annotate=True):
        for hit in matcher(doc):
            span = hit.span
            start, end = clean.span_to_original(span.start_char, span.end_char)
            sentence = span.sent.text if doc.has_annotation("SENT_START") else doc.text
            yield WhereHit(
                article_id=article.id,
                outlet=article.outlet,
                path=article.path,
                entry_id=entry.id,
                text=clean.original[start:end],
                start=start,
                end=end,
                voice=voice_of(doc, span.start_char, span.end_char),
                sentence=" ".join(sentence.split()),
            )


# --- suggest


@dataclass(frozen=True)
class Candidate:
    """A word or two-word phrase over-used in the focus corpus, as a loaded-term candidate."""

    rank: int
    term: str
    z_score: float
    count_focus: int
    count_reference: int
    known_as: str | None  # the id of a loaded-term entry that has it already
    contexts: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    focus: str
    reference: str
    candidates: list[Candidate]


WORD_TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z'\-]*[A-Za-z])?")


def name_words(texts: Sequence[str], threshold: float = 0.6) -> set[str]:
    """Words written with a capital most of the time: names (Pyongyang, Kim), not candidates.

    Sentence-initial capitals make common words look like names a small share of the time;
    a threshold well above that share separates the two without a tagger.
    """
    capitalised: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text in texts:
        for token in WORD_TOKEN.findall(text):
            lower = token.lower()
            total[lower] += 1
            capitalised[lower] += token[0].isupper()
    return {word for word, n in total.items() if capitalised[word] / n > threshold}


def _candidate_analyzer(names: set[str]):
    """Words and adjacent word pairs, without stopwords, numbers, names or one-letter words."""

    def content(word: str) -> bool:
        return len(word) > 2 and word not in ENGLISH_STOP_WORDS and word not in names

    def analyze(text: str) -> list[str]:
        words = [token.lower().strip("'-") for token in WORD_TOKEN.findall(text)]
        keep = [content(word) for word in words]
        grams = [word for word, kept in zip(words, keep, strict=True) if kept]
        grams += [
            f"{words[i]} {words[i + 1]}" for i in range(len(words) - 1) if keep[i] and keep[i + 1]
        ]
        return grams

    return analyze


def known_terms(lexicons: Lexicons) -> dict[str, str]:
    """Every loaded-term phrase (lowercase) to its entry id."""
    known = {}
    for loaded in lexicons.entries.get(LEXICON_NAME, []):
        for phrase in loaded.entry.phrases:
            known.setdefault(" ".join(phrase.lower().split()), loaded.entry.id)
    return known


def known_as_entry(term: str, known: dict[str, str]) -> str | None:
    """The entry that has ``term`` or a plain inflection of it (regimes, colonized)."""
    variants = [term] + [
        term[: -len(end)]
        for end in ("s", "es", "ed", "d", "ing")
        if term.endswith(end) and len(term) - len(end) > 2
    ]
    variants += [variant + "e" for variant in variants[1:]]
    return next((known[v] for v in variants if v in known), None)


def _contexts(term: str, texts: Sequence[str], limit: int, width: int = 60) -> tuple[str, ...]:
    pattern = re.compile(
        r"(?<![A-Za-z])" + r"\s+".join(map(re.escape, term.split())) + r"(?![A-Za-z])", re.I
    )
    found = []
    for text in texts:
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - width), min(len(text), match.end() + width)
            snippet = " ".join(text[start:end].split())
            found.append(("…" if start else "") + snippet + ("…" if end < len(text) else ""))
            if len(found) >= limit:
                return tuple(found)
            break  # one context per article: show the term's range, not one article's habit
    return tuple(found)


def suggest_terms(
    focus: Sequence[str],
    reference: Sequence[str],
    lexicons: Lexicons,
    *,
    top: int = 30,
    min_count: int = 3,
    contexts: int = 3,
) -> list[Candidate]:
    """The ``top`` words most over-used in ``focus`` against ``reference`` (texts)."""
    if not focus or not reference:
        raise ValueError("need texts on both sides to compare")
    names = name_words([*focus, *reference])
    vectorizer = CountVectorizer(analyzer=_candidate_analyzer(names))
    counts = vectorizer.fit_transform([*focus, *reference])
    vocabulary = list(vectorizer.get_feature_names_out())
    focus_counts = np.asarray(counts[: len(focus)].sum(axis=0)).ravel()
    reference_counts = np.asarray(counts[len(focus) :].sum(axis=0)).ravel()
    ranked = distinctive_terms(
        vocabulary, focus_counts, reference_counts, top=top, min_count=min_count
    )
    known = known_terms(lexicons)
    return [
        Candidate(
            rank=rank,
            term=item.term,
            z_score=item.z,
            count_focus=item.count,
            count_reference=item.count_elsewhere,
            known_as=known_as_entry(item.term, known),
            contexts=_contexts(item.term, focus, contexts),
        )
        for rank, item in enumerate(ranked, start=1)
    ]


def suggest(
    corpus: Iterable[str | Path],
    lexicons: Lexicons,
    *,
    against: Iterable[str | Path] | None = None,
    outlet: str | None = None,
    top: int = 30,
    min_count: int = 3,
) -> Suggestion:
    """Candidates from a corpus: ``outlet`` against the rest of it, or the corpus (or its
    ``outlet`` articles) against the ``against`` corpus."""
    articles = read_articles(corpus)
    if against:
        focus = [a for a in articles if outlet is None or a.outlet == outlet]
        reference = read_articles(against)
        reference_label = ", ".join(str(p) for p in against)
    else:
        outlets = sorted({a.outlet for a in articles})
        if outlet is None or outlet not in outlets:
            found = ", ".join(outlets) or "none"
            raise ValueError(
                f"name an outlet to compare with the rest (outlets in the corpus: {found}), "
                "or give a reference corpus with --against"
            )
        focus = [a for a in articles if a.outlet == outlet]
        reference = [a for a in articles if a.outlet != outlet]
        reference_label = "the rest of the corpus"
    if not focus:
        raise ValueError(f"no articles from outlet {outlet!r}")
    if not reference:
        raise ValueError("the reference side has no articles")
    focus_label = outlet or ", ".join(str(p) for p in corpus)
    candidates = suggest_terms(
        [a.text for a in focus],
        [a.text for a in reference],
        lexicons,
        top=top,
        min_count=min_count,
    )
    return Suggestion(focus_label, reference_label, candidates)


def candidate_entry(
    candidate: Candidate,
    suggestion: Suggestion,
    *,
    entry_id: str,
    category: str,
    date: str,
) -> Entry:
    """A lexicon entry for an accepted candidate, with its provenance and a first example."""
    note = (
        f"Suggested: over-used by {suggestion.focus} against {suggestion.reference} "
        f"(log-odds z = {candidate.z_score:.1f}; {candidate.count_focus} against "
        f"{candidate.count_reference} uses). Say why it is loaded."
    )
    return Entry(
        id=entry_id,
        term=candidate.term,
        category=category,
        note=note,
        provenance=f"suggested from {suggestion.focus} against {suggestion.reference} on {date}",
        must_match=list(candidate.contexts[:1]),
    )


# --- diff


def lexicons_at(folder: Path | str) -> Lexicons:
    """A lexicon version from a folder: a complete set on its own, an overlay over the shipped
    lexicons. The config file and ``$FRAMING_LEXICONS`` are left out, so two versions differ
    only by what the two folders hold."""
    folder = Path(folder)
    if not folder.is_dir():
        raise LexiconError(folder, None, "lexicon folder not found")
    if is_complete_set(folder):
        return load_lexicons(base=folder)
    return load_lexicons([folder], base=SHIPPED_LEXICONS)


@dataclass
class LexiconDiff:
    """Per-outlet figures and per-entry hit counts under two lexicon versions."""

    version_a: str
    version_b: str
    n_articles: int
    figures: pd.DataFrame  # outlet, figure, before, after, change (changed figures only)
    entries: pd.DataFrame  # entry_id, hits_before, hits_after, change (changed entries only)


def _side(analyzer: Analyzer, lexicons: Lexicons):
    """An Analyzer that scores with ``lexicons``, sharing the parsed pipeline, and its
    framing component; the component's matchers share the pipeline's vocabulary."""
    from framing.annotate.component import FramingComponent

    side = copy.copy(analyzer)
    side.lexicons = lexicons
    side.vocabulary = Vocabulary.from_lexicons(lexicons)
    return side, FramingComponent(analyzer.nlp, lexicons)


def _outlet_means(analyses: list[ArticleAnalysis]) -> pd.DataFrame:
    rows = [{"outlet": a.article.outlet, **a.features} for a in analyses if a.status == "ok"]
    if not rows:
        return pd.DataFrame()
    frame = pd.DataFrame(rows)
    return frame.groupby("outlet").mean(numeric_only=True)


def _changed_figures(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for outlet in sorted(set(before.index) | set(after.index)):
        for figure in sorted(set(before.columns) | set(after.columns)):
            old = before.at[outlet, figure] if figure in before.columns else math.nan
            new = after.at[outlet, figure] if figure in after.columns else math.nan
            if (pd.isna(old) and pd.isna(new)) or (
                not pd.isna(old) and not pd.isna(new) and math.isclose(old, new, abs_tol=1e-9)
            ):
                continue
            rows.append(
                {
                    "outlet": outlet,
                    "figure": figure,
                    "before": old,
                    "after": new,
                    "change": new - old,
                }
            )
    return pd.DataFrame(rows, columns=["outlet", "figure", "before", "after", "change"])


def diff(
    folder_a: Path | str,
    folder_b: Path | str,
    corpus: Iterable[str | Path],
    analyzer: Analyzer,
    *,
    outlet: str | None = None,
) -> LexiconDiff:
    """What changing the lexicons from ``folder_a`` to ``folder_b`` does to the figures.

    ``analyzer`` supplies the parsing pipeline; its own lexicons are not used.
    """
    sides = [_side(analyzer, lexicons_at(folder)) for folder in (folder_a, folder_b)]
    analyses: list[list[ArticleAnalysis]] = [[], []]
    hits: list[Counter[str]] = [Counter(), Counter()]
    # Parsed once, as a report run parses; each version's component annotates a copy.
    for article, clean, doc in _parsed(analyzer, read_articles(corpus, outlet=outlet)):
        for index, (side, component) in enumerate(sides):
            result = side.result(article, clean, component(doc.copy()))
            analyses[index].append(result)
            hits[index].update(hit.entry_id for hit in result.term_hits)
    figures = _changed_figures(_outlet_means(analyses[0]), _outlet_means(analyses[1]))
    entry_rows = [
        {
            "entry_id": entry_id,
            "hits_before": hits[0][entry_id],
            "hits_after": hits[1][entry_id],
            "change": hits[1][entry_id] - hits[0][entry_id],
        }
        for entry_id in sorted(set(hits[0]) | set(hits[1]))
        if hits[0][entry_id] != hits[1][entry_id]
    ]
    entries = pd.DataFrame(entry_rows, columns=["entry_id", "hits_before", "hits_after", "change"])
    return LexiconDiff(
        version_a=sides[0][0].lexicons.version,
        version_b=sides[1][0].lexicons.version,
        n_articles=len(analyses[0]),
        figures=figures,
        entries=entries,
    )

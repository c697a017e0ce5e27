"""How well the loaded-term lexicon finds the words experts marked as biased, on BABE.

BABE (Spinde et al., Findings of EMNLP 2021; expert group SG2) has 3,674 news sentences, each
labelled ``Biased`` / ``Non-biased``, with the words the experts marked as biased. This module
runs the pipeline and :class:`~framing.annotate.loaded_terms.LoadedTermMatcher` over every sentence
and scores the hits two ways:

**Word level.** In each sentence, the set of words our hits cover against the set of words the
experts marked; true positives, predictions and gold words are summed over sentences (micro
P/R/F1). Words are compared as described in :data:`WORD_MATCHING`. Scored for all hits, and
for outlet-voice hits only: the outlet's own wording, narration and paraphrase
(:data:`framing.annotate.voice.OWN_VOICES`); a word in quote marks is the speaker's, not the
outlet's. Own wording is also scored a voice at a time (:data:`WORD_VOICES`): the experts mark
a loaded word in the outlet's paraphrase of a source less often than one in its narration
(issue #12), and a reader of the own-wording figure needs to see how much.

**Sentence level.** A sentence is predicted ``Biased`` when it has at least one outlet-voice
hit; P/R/F1 of the ``Biased`` class against ``label_bias``, and macro-F1 over both classes.
The one row labelled ``No agreement`` is left out of the sentence-level scores.

**Per entry.** How often each lexicon entry fires, and how often a hit of it covers an expert's
word: the evidence for pruning a noisy entry.

**Splits.** Choosing lexicon entries by looking at BABE and then scoring on the same sentences
would overstate precision. Each sentence therefore belongs to a fixed half, ``dev`` or
``test``, by a hash of its text (:func:`babe_split`): entries are chosen and pruned by their
``dev`` numbers only; ``test`` is the held-out estimate; ``all`` is reported for comparison
with published figures.

Published reference points (word level, whole set): the authors' bias lexicon P 0.62, R 0.12,
F1 0.20; a negative-sentiment lexicon F1 0.40. Expert agreement is only alpha 0.40.

Run ``python -m framing.evaluation.babe ../shared/gold/babe/babe_sg2.csv`` for a table.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import sys
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from framing.annotate.loaded_terms import SCARE_QUOTE_CATEGORY, LoadedTermMatcher
from framing.annotate.records import TermHit
from framing.annotate.voice import NARRATION, OWN_VOICES, PARAPHRASE
from framing.lexicon.load import Lexicons

SPLITS = ("all", "dev", "test")
BIASED = "Biased"
NON_BIASED = "Non-biased"
#: The word-level scores: name -> the voices whose hits count (None: every hit). ``outlet`` is
#: the outlet's own wording; ``narration`` and ``paraphrase`` split it. A word hit in both
#: voices of one sentence counts in each, so their predictions may sum to more than outlet's.
WORD_VOICES: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "outlet": OWN_VOICES,
    "narration": (NARRATION,),
    "paraphrase": (PARAPHRASE,),
}

WORD_MATCHING = (
    "Words are whitespace-delimited words of the sentence, lowercased, with punctuation stripped "
    "from both ends and a possessive 's removed; hyphenated words stay whole ('so-called'). "
    "A hit covers every whole word it touches (a multiword hit such as 'cannon fodder' predicts "
    "'cannon' and 'fodder'). Per sentence, predicted and gold words are sets; no lemmatisation "
    "on either side, since the experts marked surface words of the same sentence."
)


@dataclass(frozen=True)
class BabeSentence:
    """One BABE row: the sentence, its label and the words the experts marked."""

    text: str
    outlet: str
    label_bias: str
    biased_words: tuple[str, ...]

    @property
    def split(self) -> str:
        return babe_split(self.text)

    @property
    def gold_words(self) -> frozenset[str]:
        return frozenset(w for word in self.biased_words for w in words_of(word))


@dataclass(frozen=True)
class SentencePrediction:
    """The loaded-term hits found in one BABE sentence (offsets into the sentence text)."""

    sentence: BabeSentence
    hits: tuple[TermHit, ...]

    def scored_hits(
        self,
        *,
        voices: Collection[str] | None = None,
        include_scare_quotes: bool = False,
    ) -> list[TermHit]:
        """The hits that count as predictions of loaded words, in ``voices`` (None: any voice).

        Scare quotes are left out by default: they mark the outlet holding a word at arm's
        length, not a loaded word, and most short quotes in BABE are fragments of a speaker's
        words (``called the government "stupid"``), which the experts did not mark.
        """
        return [
            hit
            for hit in self.hits
            if (include_scare_quotes or hit.category != SCARE_QUOTE_CATEGORY)
            and (voices is None or hit.voice in voices)
        ]

    def words(
        self, *, voices: Collection[str] | None = None, include_scare_quotes: bool = False
    ) -> frozenset[str]:
        hits = self.scored_hits(voices=voices, include_scare_quotes=include_scare_quotes)
        return frozenset(
            word
            for hit in hits
            for word in hit_words(self.sentence.text, hit.span.start, hit.span.end)
        )

    def predicted_biased(self, *, include_scare_quotes: bool = False) -> bool:
        return bool(self.scored_hits(voices=OWN_VOICES, include_scare_quotes=include_scare_quotes))


def babe_split(text: str) -> str:
    """``dev`` or ``test``: a fixed half of BABE, by a hash of the sentence's text.

    A hash (not row order) keeps the split stable if the file is re-sorted or extended.
    """
    return "dev" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def parse_biased_words(value: str | None) -> list[str]:
    """The experts' words from BABE's ``biased_words`` cell, a Python-list string."""
    if value is None or not value.strip():
        return []
    try:
        parsed = ast.literal_eval(value.strip())
    except (ValueError, SyntaxError):
        raise ValueError(f"biased_words is not a Python list: {value[:60]!r}") from None
    if not isinstance(parsed, (list, tuple)) or not all(isinstance(w, str) for w in parsed):
        raise ValueError(f"biased_words is not a list of strings: {value[:60]!r}")
    return [w for w in parsed if w.strip()]


def read_babe(csv_path: Path | str) -> list[BabeSentence]:
    """The rows of a BABE CSV (columns ``text``, ``outlet``, ``label_bias``, ``biased_words``)."""
    with open(csv_path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"text", "label_bias", "biased_words"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{csv_path}: missing column(s) {', '.join(sorted(missing))}")
        sentences = []
        for line, row in enumerate(reader, start=2):
            try:
                words = parse_biased_words(row["biased_words"])
            except ValueError as exc:
                raise ValueError(f"{csv_path}:{line}: {exc}") from None
            sentences.append(
                BabeSentence(
                    text=row["text"],
                    outlet=row.get("outlet") or "",
                    label_bias=(row["label_bias"] or "").strip(),
                    biased_words=tuple(words),
                )
            )
    return sentences


def normalise_word(word: str) -> str:
    """Lowercase, strip punctuation from both ends, drop a possessive 's."""
    word = word.lower().strip()
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not word[end - 1].isalnum():
        end -= 1
    word = word[start:end]
    for possessive in ("'s", "\u2019s"):
        if word.endswith(possessive):
            word = word[: -len(possessive)]
    return word


def words_of(text: str) -> list[str]:
    """The normalised whitespace-delimited words of ``text``."""
    return [w for w in (normalise_word(part) for part in text.split()) if w]


def hit_words(text: str, start: int, end: int) -> list[str]:
    """The whole words of ``text`` that the character range ``[start, end)`` touches."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return words_of(text[start:end])


def predict_babe(
    sentences: Sequence[BabeSentence],
    nlp: Language,
    lexicons: Lexicons,
    *,
    batch_size: int = 64,
    with_attributions: bool = True,
    matcher: LoadedTermMatcher | None = None,
) -> list[SentencePrediction]:
    """Run the pipeline and the loaded-term matcher over every sentence.

    With ``with_attributions`` (the default), the attribution extractor runs first when the
    pipeline has not set ``doc._.attributions``, so a loaded word in reported speech
    (``officials said the regime ...``) counts as quoted, as it does in the full pipeline.
    """
    matcher = matcher or LoadedTermMatcher(nlp, lexicons)
    extractor = None
    if with_attributions:
        from framing.annotate.attribution.extract import AttributionExtractor

        extractor = AttributionExtractor(nlp, lexicons)
    predictions = []
    docs = nlp.pipe((s.text for s in sentences), batch_size=batch_size)
    for sentence, doc in zip(sentences, docs, strict=True):
        if extractor is not None and doc._.attributions is None:
            doc = extractor(doc)
        predictions.append(SentencePrediction(sentence, tuple(matcher(doc)._.term_hits)))
    return predictions


def _prf(true_positives: int, predicted: int, gold: int) -> dict[str, float | int]:
    precision = true_positives / predicted if predicted else float("nan")
    recall = true_positives / gold if gold else float("nan")
    if predicted and gold and (precision + recall) > 0:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 0.0 if predicted and gold else float("nan")
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "true_positives": true_positives,
        "predicted": predicted,
        "gold": gold,
    }


def _word_scores(
    predictions: Iterable[SentencePrediction],
    *,
    voices: Collection[str] | None,
    include_scare_quotes: bool,
) -> dict:
    true_positives = predicted = gold = 0
    for prediction in predictions:
        predicted_words = prediction.words(
            voices=voices, include_scare_quotes=include_scare_quotes
        )
        gold_words = prediction.sentence.gold_words
        true_positives += len(predicted_words & gold_words)
        predicted += len(predicted_words)
        gold += len(gold_words)
    return _prf(true_positives, predicted, gold)


def _sentence_scores(
    predictions: Iterable[SentencePrediction], *, include_scare_quotes: bool
) -> dict:
    counts: Counter[tuple[bool, bool]] = Counter()
    for prediction in predictions:
        if prediction.sentence.label_bias not in (BIASED, NON_BIASED):
            continue  # "No agreement": neither label is right
        predicted = prediction.predicted_biased(include_scare_quotes=include_scare_quotes)
        counts[(predicted, prediction.sentence.label_bias == BIASED)] += 1
    biased = _prf(counts[(True, True)], counts[(True, True)] + counts[(True, False)],
                  counts[(True, True)] + counts[(False, True)])
    non_biased = _prf(counts[(False, False)], counts[(False, False)] + counts[(False, True)],
                      counts[(False, False)] + counts[(True, False)])
    total = sum(counts.values())
    return {
        "precision": biased["precision"],
        "recall": biased["recall"],
        "f1": biased["f1"],
        "macro_f1": (biased["f1"] + non_biased["f1"]) / 2,
        "accuracy": (
            (counts[(True, True)] + counts[(False, False)]) / total if total else float("nan")
        ),
        "sentences": total,
        "predicted_biased": biased["predicted"],
        "gold_biased": biased["gold"],
    }


def _entry_scores(predictions: Iterable[SentencePrediction]) -> dict[str, dict]:
    stats: dict[str, Counter] = defaultdict(Counter)
    for prediction in predictions:
        gold_words = prediction.sentence.gold_words
        biased = prediction.sentence.label_bias == BIASED
        for hit in prediction.hits:
            entry = stats[hit.entry_id]
            in_gold = bool(set(hit_words(prediction.sentence.text, hit.span.start, hit.span.end))
                           & gold_words)
            entry["fires"] += 1
            entry["fires_outlet"] += hit.voice in OWN_VOICES
            entry["in_gold"] += in_gold
            entry["in_gold_outlet"] += in_gold and hit.voice in OWN_VOICES
            entry["in_biased_sentence"] += biased
    return {
        entry_id: {
            **counts,
            "precision": counts["in_gold"] / counts["fires"],
            "precision_outlet": (
                counts["in_gold_outlet"] / counts["fires_outlet"]
                if counts["fires_outlet"] else float("nan")
            ),
        }
        for entry_id, counts in sorted(stats.items(), key=lambda item: -item[1]["fires"])
    }


def score_babe(
    predictions: Sequence[SentencePrediction],
    split: str = "all",
    *,
    include_scare_quotes: bool = False,
) -> dict:
    """Word-level, sentence-level and per-entry scores over one split (all, dev or test).

    ``word`` has one score per :data:`WORD_VOICES` name.

    Per-entry scores always include the scare-quote entry, so its precision is visible.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    chosen = [p for p in predictions if split == "all" or p.sentence.split == split]
    return {
        "split": split,
        "sentences": len(chosen),
        "word": {
            name: _word_scores(chosen, voices=voices, include_scare_quotes=include_scare_quotes)
            for name, voices in WORD_VOICES.items()
        },
        "sentence": _sentence_scores(chosen, include_scare_quotes=include_scare_quotes),
        "entries": _entry_scores(chosen),
        "scare_quotes": sum(
            hit.category == SCARE_QUOTE_CATEGORY for p in chosen for hit in p.hits
        ),
    }


def evaluate_babe(
    csv_path: Path | str,
    nlp: Language,
    lexicons: Lexicons,
    *,
    batch_size: int = 64,
    splits: Sequence[str] = SPLITS,
    with_attributions: bool = True,
    include_scare_quotes: bool = False,
) -> dict:
    """Score the loaded-term lexicon on a BABE CSV: ``{"matching": ..., "splits": {...}}``.

    ``splits[name]`` is :func:`score_babe`'s result for that split; the pipeline runs once.
    """
    sentences = read_babe(csv_path)
    predictions = predict_babe(
        sentences, nlp, lexicons, batch_size=batch_size, with_attributions=with_attributions
    )
    return {
        "dataset": str(csv_path),
        "lexicon_version": lexicons.version,
        "matching": WORD_MATCHING,
        "with_attributions": with_attributions,
        "include_scare_quotes": include_scare_quotes,
        "splits": {
            split: score_babe(predictions, split, include_scare_quotes=include_scare_quotes)
            for split in splits
        },
    }


def format_report(result: dict, *, entries_split: str = "dev", top_entries: int = 40) -> str:
    """A plain-text table of the scores, and the most frequent entries on one split."""

    def number(value: float | int) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    lines = [f"BABE: {result['dataset']} (lexicon version {result['lexicon_version']})", ""]
    header = f"{'split':<6} {'level':<22} {'P':>6} {'R':>6} {'F1':>6} {'macroF1':>8} {'n':>6}"
    lines += [header, "-" * len(header)]
    for split, scores in result["splits"].items():
        for voice in WORD_VOICES:
            word = scores["word"][voice]
            lines.append(
                f"{split:<6} {'word, ' + voice + ' hits':<22} {number(word['precision']):>6} "
                f"{number(word['recall']):>6} {number(word['f1']):>6} {'':>8} "
                f"{word['predicted']:>6}"
            )
        sentence = scores["sentence"]
        lines.append(
            f"{split:<6} {'sentence':<22} {number(sentence['precision']):>6} "
            f"{number(sentence['recall']):>6} {number(sentence['f1']):>6} "
            f"{number(sentence['macro_f1']):>8} {sentence['sentences']:>6}"
        )
    scare = "included" if result.get("include_scare_quotes") else "left out"
    reported = "with attribution contents" if result.get("with_attributions") else "quotes only"
    lines += [
        "",
        "n: predicted words (word level) or sentences scored (sentence level).",
        "dev: the half used to choose and prune entries; test: the held-out half; all: both.",
        f"Scare quotes are {scare} of the word- and sentence-level predictions.",
        "Voice (framing.annotate.voice): 'outlet' hits are the outlet's own wording, narration and "
        f"paraphrase, each also scored alone; quoted = inside quote marks ({reported}).",
        f"Word matching: {result['matching']}",
    ]
    if entries_split in result["splits"]:
        entries = result["splits"][entries_split]["entries"]
        lines += ["", f"Entries on split '{entries_split}' (most frequent first):"]
        header = f"{'entry':<34} {'fires':>6} {'outlet':>7} {'in gold':>8} {'P':>6} {'P outlet':>9}"
        lines += [header, "-" * len(header)]
        for entry_id, stats in list(entries.items())[:top_entries]:
            lines.append(
                f"{entry_id:<34} {stats['fires']:>6} {stats['fires_outlet']:>7} "
                f"{stats['in_gold']:>8} {number(stats['precision']):>6} "
                f"{number(stats['precision_outlet']):>9}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framing.evaluation.babe",
        description="Score the loaded-term lexicon on BABE. "
        "Example: python -m framing.evaluation.babe ../shared/gold/babe/babe_sg2.csv",
    )
    parser.add_argument("csv_path", type=Path, help="BABE CSV (babe_sg2.csv)")
    parser.add_argument("--entries-split", default="dev", choices=SPLITS,
                        help="split whose per-entry table is printed (default: dev)")
    parser.add_argument("--top-entries", type=int, default=40, help="entries to list")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--no-attributions", action="store_true",
                        help="voice from quote marks only, without the attribution extractor")
    args = parser.parse_args(argv)

    from framing.annotate.model import load_model
    from framing.lexicon.load import load_lexicons

    if not args.csv_path.is_file():
        print(f"error: {args.csv_path}: no such file", file=sys.stderr)
        return 2
    result = evaluate_babe(
        args.csv_path,
        load_model(),
        load_lexicons(),
        batch_size=args.batch_size,
        with_attributions=not args.no_attributions,
    )
    print(format_report(result, entries_split=args.entries_split, top_entries=args.top_entries))
    return 0


if __name__ == "__main__":
    sys.exit(main())

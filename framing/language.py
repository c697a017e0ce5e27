"""Which language an article is in, so that English rules are never applied to German text.

The lexicons are keyed by language (``lang: en`` in every file). An article detected as
another language is refused with a clear reason instead of being scored with the wrong
rules, which would give plausible-looking zeros.

Detection uses py3langid (a maintained fork of Lui & Baldwin's langid.py, ACL 2012 demo; BSD
licence): a naive Bayes model over byte n-grams, 97 languages, shipped inside the package, so it
works offline. It loads in well under a second, once per process, and classifies an article
in about a millisecond. Short texts are not judged: below :data:`MIN_WORDS` words a
detector's guess is noise (a headline of names reads as anything), so they pass.
"""

from __future__ import annotations

import re
from functools import lru_cache

DETECTOR = "py3langid"
#: Fewer words than this and the article is not judged.
MIN_WORDS = 20
#: A detection below this probability is not trusted enough to refuse an article.
MIN_PROBABILITY = 0.95

#: Characters looked at: a few paragraphs identify a language as well as a whole article,
#: and the detector's cost grows with the length of what it reads.
SAMPLE_CHARS = 1500

_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the text's language and the detector's probability for it."""
    code, probability = _identifier().classify(text)
    return str(code), float(probability)


def language_refusal(text: str, expected: str) -> str | None:
    """Why an article must not be scored with ``expected``-language lexicons, or None.

    None for short texts, uncertain detections, and texts in ``expected``.
    """
    sample = text[:SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return None
    code, probability = detect_language(sample)
    if code == expected or probability < MIN_PROBABILITY:
        return None
    return (
        f"detected language: {code} ({probability:.2f}, {DETECTOR}); the lexicons are for "
        f"{expected}: not scored"
    )

"""Is a report folder up to date? The digest of a report's inputs, written and read back.

A report folder made from the same inputs (texts, metadata, features, options, model,
lexicon and code versions) is not written again: :func:`inputs_digest` hashes them, the
report's writer stores the digest last, and :func:`report_is_current` compares it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from framing.compare.like_with_like import WITHIN_STORY
from framing.compare.profile import Criteria
from framing.compare.stories import StoryGrouping
from framing.report.description import Vocabularies
from framing.report.structure import DEFAULT_TITLE
from framing.run.corpus import CorpusResult

#: Written last into the report folder: the digest of everything the report was made from.
INPUTS_DIGEST_NAME = ".report-inputs"
#: The files every report has; a folder missing one is never taken as up to date.
REPORT_FILES = (
    "report.html",
    "report.md",
    "articles.csv",
    "articles.parquet",
    "attributions.csv",
    "terms.csv",
    "shared_copy.csv",
)


def inputs_digest(
    result: CorpusResult,
    *,
    by: str = "outlet",
    vocabularies: Vocabularies | None = None,
    criteria: Criteria | None = None,
    title: str = DEFAULT_TITLE,
    csv_raw: bool = False,
    comparison_basis: str = WITHIN_STORY,
    story_grouping: StoryGrouping | None = None,
) -> str:
    """A digest of everything a report is made from: each article's text, metadata and
    features, the failures, the options, the model, lexicon and code versions. Two runs with
    the same digest write the same report (but for its date)."""
    from framing.common.versions import code_version

    digest = hashlib.sha256()
    for part in (
        code_version(), result.model, result.lexicon_version, by, title, f"csv_raw={csv_raw}",
        f"comparison={comparison_basis}",
        criteria.model_dump_json() if criteria else "", _stable_repr(vocabularies),
        repr([(f.path, f.reason) for f in result.failures]), _stories_repr(story_grouping),
    ):  # fmt: skip
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x1f")
    for analysis in result.analyses:
        text = analysis.article.text.encode("utf-8", "surrogatepass")
        digest.update(hashlib.sha256(text).digest())
        digest.update(repr(sorted(analysis.row().items())).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _stories_repr(grouping: StoryGrouping | None) -> str:
    # The articles' stories are in their rows; where each story came from, and the window the
    # report names, are not.
    if grouping is None:
        return ""
    origins = sorted((name, story.origin) for name, story in grouping.stories.items())
    return repr((grouping.window_days, origins))


def _stable_repr(vocabularies: Vocabularies | None) -> str:
    # A frozenset's order changes from one process to the next (string hashing is salted).
    if vocabularies is None:
        return ""
    return repr((vocabularies.source_types, vocabularies.stances,
                 vocabularies.loaded_categories, sorted(vocabularies.known_terms)))  # fmt: skip


def report_is_current(out: Path, digest: str) -> bool:
    """True when ``out`` holds a complete report made from inputs with this digest."""
    out = Path(out)
    try:
        written = (out / INPUTS_DIGEST_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return written == digest and all((out / name).is_file() for name in REPORT_FILES)

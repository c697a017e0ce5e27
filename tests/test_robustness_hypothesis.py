"""Property (issue #15): whatever lies beside a good article, the good article comes out.

Hypothesis writes a folder holding the good seed article and one to three hostile inputs:
random bytes, random nesting (JSON and YAML, up to thousands deep), random names with rich
markup and control characters (as file names and as outlet names), and random front matter
(lists, mappings, numbers, impossible dates, ``!!set``). ``framing score`` and ``framing
report`` run on it, and the good article must be in their output, with no traceback and an
exit code of 0 or 1 (some inputs failed), never a crash.

The pipeline is the blank one in --fast mode, loaded once for the module: what is under test
is reading, printing and writing, which do not depend on the model. The example count is
kept small (CI runs the suite on 2 cores within a time budget); examples are derandomised, so
CI runs the same ones every time.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from framing.cli import app
from tests.conftest import SEEDS

GOOD = SEEDS / "002_68fb978512106583.txt"
ARGS = ["--model", "blank", "--fast", "--no-cache", "--jobs", "1"]
runner = CliRunner()

MARKUP = ["[", "]", "[/x]", "[bold]", "[/]", "[link=x]", "\\", "\x1b[31m", "\x07", "\r", "\u202e"]
# File names: no "/" or NUL (the file system refuses them), the markup pieces above welcome.
name_characters = st.characters(
    blacklist_characters="/\0", blacklist_categories=("Cs",), max_codepoint=0x2FFF
)
hostile_names = st.lists(
    st.sampled_from(MARKUP) | st.text(name_characters, min_size=1, max_size=4),
    min_size=1,
    max_size=6,
).map("".join)

yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.dates()
    | hostile_names
    | st.sampled_from(["2025-02-30", "!!set {a: null, b: null}", "!!float abc", "=1+2"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_names, inner, max_size=3),
    max_leaves=8,
)
FIELDS = ["outlet", "date", "title", "url", "story", "wire", "author", "id", "tags"]


def _front_matter(fields: dict) -> str:
    try:
        block = yaml.safe_dump(fields, allow_unicode=True)
    except yaml.YAMLError:
        block = "outlet: x\n"
    # Tags and impossible dates survive only unquoted: put some back as raw YAML.
    block = block.replace("'!!set {a: null, b: null}'", "!!set {a: null, b: null}")
    block = block.replace("'2025-02-30'", "2025-02-30").replace("'!!float abc'", "!!float abc")
    return f"---\n{block}---\nThe minister said the talks failed.\n"


def _nesting(opener: str, depth: int, suffix: str) -> tuple[str, bytes]:
    if suffix == ".jsonl":
        return suffix, ('{"text": "Some text.", "x": ' + opener * depth + "}\n").encode()
    return suffix, ("---\noutlet: " + opener * depth + "\n---\nSome text.\n").encode()


hostile_contents = st.one_of(
    st.tuples(st.sampled_from([".txt", ".md", ".html", ".jsonl", ".csv"]), st.binary(max_size=800)),
    st.builds(
        _nesting,
        st.sampled_from(["[", "{", "[{", "- "]),
        st.integers(1, 3000),
        st.sampled_from([".md", ".jsonl"]),
    ),  # fmt: skip
    st.builds(
        lambda fields: (".md", _front_matter(fields).encode("utf-8", "surrogatepass")),
        st.dictionaries(st.sampled_from(FIELDS), yaml_values, max_size=5),
    ),
    st.builds(
        lambda outlet, key: (
            ".jsonl",
            (
                pd.Series([{"text": "Officials said so.", "outlet": outlet, key: 1}]).to_json(
                    orient="records", lines=True, force_ascii=False
                )
                + "\n"
            ).encode(),
        ),
        hostile_names,
        hostile_names,
    ),  # fmt: skip
)
hostile_inputs = st.lists(st.tuples(hostile_names, hostile_contents), min_size=1, max_size=3)


@pytest.fixture(scope="module", autouse=True)
def _one_pipeline():
    """Both commands use one blank pipeline, loaded once (it is the same for every run)."""
    from framing.cli import options

    analyzer = options.load_analyzer(None, "blank", "fast")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(options, "load_analyzer", lambda *_args, **_kwargs: analyzer)
        yield


def _write_corpus(folder: Path, inputs) -> None:
    (folder / "good.txt").write_bytes(GOOD.read_bytes())
    for number, (name, (suffix, data)) in enumerate(inputs):
        stem = f"{number}{name}"[:60]  # unique, and short enough for any file system
        path = folder / f"{stem}{suffix}"
        try:
            path.write_bytes(data)
        except (OSError, ValueError):
            (folder / f"{number}{suffix}").write_bytes(data)  # a name the system refuses


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(hostile_inputs)
def test_the_good_article_always_comes_out(inputs):
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp, "corpus"), Path(tmp, "out")
        corpus.mkdir()
        _write_corpus(corpus, inputs)

        scored = runner.invoke(app, ["score", str(corpus), *ARGS, "--format", "csv"])
        assert scored.exit_code in (0, 1), scored.output
        assert "Traceback" not in scored.output
        assert "good" in set(pd.read_csv(io.StringIO(scored.stdout))["article_id"].astype(str))

        reported = runner.invoke(app, ["report", str(corpus), *ARGS, "--out", str(out)])
        assert reported.exit_code in (0, 1), reported.output
        assert "Traceback" not in reported.output
        assert "good" in set(pd.read_csv(out / "articles.csv")["article_id"].astype(str))

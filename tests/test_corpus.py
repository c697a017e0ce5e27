"""Tests for framing.read.corpus and framing.read.formats: every input kind, outlet names, wire
credits, size limits, Unicode, and bad input that never stops a batch."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.read.corpus import Article, ReadFailure, ReadOptions, decode_article_bytes, read_corpus
from framing.read.outlets import outlet_table
from tests.conftest import PROJECT_ROOT, SEEDS

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"


def test_seeds_folder_reads_manifest_metadata():
    articles = list(read_corpus([SEEDS]))
    assert len(articles) == 5
    assert all(isinstance(a, Article) for a in articles)
    by_id = {a.id: a for a in articles}
    assert by_id["002_68fb978512106583"].outlet == "Breitbart News"
    assert by_id["003_e767feebfdfeb732"].wire == "Reuters"
    assert by_id["004_9a472a8724e17024"].date == "2025-08-22"
    assert all(not a.warnings for a in articles)


@pytest.mark.parametrize(
    "data, text, warned",
    [
        (b"Kim said.", "Kim said.", False),
        (b"\xef\xbb\xbfKim said.", "Kim said.", False),  # UTF-8 byte-order mark dropped
        ("Café “quotes”".encode("cp1252"), "Café “quotes”", True),
        ("Kim said.".encode("utf-16"), "Kim said.", True),
    ],
)
def test_decoding(data, text, warned):
    decoded, warnings = decode_article_bytes(data)
    assert decoded == text
    assert bool(warnings) is warned


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 100, bytes(range(256)) * 4])
def test_binary_is_refused(data):
    with pytest.raises(ValueError, match="binary"):
        decode_article_bytes(data)


def test_bad_files_are_failures_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a_good.txt").write_text("Officials said the talks failed.", encoding="utf-8")
    (tmp_path / "b_binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(200))
    (tmp_path / "c_empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "d_latin1.txt").write_bytes("Le régime a déclaré.".encode("latin-1"))
    items = list(read_corpus([tmp_path, tmp_path / "missing.txt"], outlet="Test Outlet"))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "ReadFailure",
        "Article",
        "Article",
        "ReadFailure",
    ]
    good, binary, empty, latin1, missing = items
    assert good.outlet == "Test Outlet"
    assert "binary" in binary.reason and binary.path.endswith("b_binary.txt")
    assert any("empty" in w for w in empty.warnings)
    assert latin1.text == "Le régime a déclaré." and any("cp1252" in w for w in latin1.warnings)
    assert "no such file" in missing.reason


def test_article_without_metadata_gets_unknown_outlet_and_a_warning(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Text.", encoding="utf-8")
    (article,) = read_corpus([path])
    assert article.outlet == "unknown"
    assert any("no outlet" in w for w in article.warnings)


def test_too_large_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    (failure,) = read_corpus([path], max_bytes=100)
    assert isinstance(failure, ReadFailure) and "too large" in failure.reason


def test_stdin_uses_the_outlet_option():
    (article,) = read_corpus(["-"], outlet="NBC News", stdin=io.BytesIO(b"Kim said."))
    assert article.outlet == "NBC News" and article.text == "Kim said."


def test_malformed_manifest_is_reported_and_files_still_read(tmp_path):
    (tmp_path / "manifest.csv").write_text("name,outlet\nx.txt,NBC\n", encoding="utf-8")
    (tmp_path / "x.txt").write_text("Text.", encoding="utf-8")
    items = list(read_corpus([tmp_path]))
    assert isinstance(items[0], ReadFailure) and "'file' column" in items[0].reason
    assert isinstance(items[1], Article) and items[1].outlet == "unknown"


# --- saved web pages (tests/fixtures/html: nav bars, ads between paragraphs, bylines, <time>,
# OpenGraph), read through trafilatura

HTML = FIXTURES / "html"


@pytest.mark.parametrize(
    "name, outlet, title, date, author, wire, kept, dropped",
    [
        (  # og:site_name; body split by ads; byline; <time>; nav bar and footer
            "nytimes_article.html",
            "The New York Times",
            "Kim Welcomes Engineers Back From Kursk",
            "2025-12-13",
            "Choe Sang-Hun",
            None,
            ["held a ceremony in Pyongyang", '"heroic devotion"', "Analysts said the public"],
            ["Subscribe", "Advertisement", "ADVERTISEMENT", "Shop the sale", "Privacy", "©"],
        ),
        (  # no site name: the outlet comes from og:url's domain; wire copy credited in the text
            "korea_herald_wire.html",
            "The Korea Herald",
            "N. Korea's Kim meets families of soldiers killed in Russia",
            "2025-08-30",
            None,
            "Reuters",
            ["SEOUL (Reuters) - North Korean leader", "could not independently verify"],
            ["Log in", "Life&Culture", "All rights reserved"],
        ),
        (  # JSON-LD metadata; a byline in a plain <div>; a div navigation list; related links
            "bbc_jsonld.html",
            "BBC News",
            "North Korea: Kim honours soldiers who fought for Russia",
            "2025-08-22",
            "Jean Mackenzie",
            None,
            ["North Korea's leader Kim Jong Un has handed", "about 2,000 North Korean soldiers"],
            ["Seoul correspondent", "Sport", "More on this story", "Advertisement", "BBC."],
        ),
        (  # a site the alias table does not know keeps its own name
            "unknown_gazette.html",
            "Riverside Gazette",
            "Council approves new bridge",
            "2024-03-05",
            "Pat Lee",
            None,
            ["“This bridge will connect", "seek a referendum."],
            ["Obituaries", "Contact us", "Council approves new bridge"],  # headline is the title
        ),
    ],
)
def test_saved_page_text_and_metadata(name, outlet, title, date, author, wire, kept, dropped):
    (article,) = read_corpus([HTML / name])
    assert isinstance(article, Article), article
    assert (article.outlet, article.title, article.date) == (outlet, title, date)
    assert (article.author, article.wire) == (author, wire)
    assert all(phrase in article.text for phrase in kept), article.text
    assert not [phrase for phrase in dropped if phrase in article.text], article.text
    assert not article.warnings


def test_page_without_an_article_is_empty_not_its_menu():
    (article,) = read_corpus([HTML / "no_article.html"], outlet="X")
    assert article.text == "" and any("empty" in w for w in article.warnings)
    assert article.date is None  # no date guessed from "© 2025"


def test_page_in_its_declared_charset_needs_no_warning(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"><meta property="og:site_name" content="NYT">'
        "</head><body><article><p>Le régime a déclaré « non » et l’armée s’est retirée du "
        "front après trois jours de combats, selon des responsables.</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    (article,) = read_corpus([path])
    assert "Le régime a déclaré « non » et l’armée" in article.text
    assert article.outlet == "The New York Times" and not article.warnings


def test_html_on_stdin_is_extracted():
    page = (HTML / "korea_herald_wire.html").read_bytes()
    (article,) = read_corpus(["-"], stdin=io.BytesIO(page))
    assert article.text.startswith("SEOUL (Reuters)") and article.outlet == "The Korea Herald"


# --- front matter


@pytest.mark.parametrize(
    "name, outlet, title, date, story, wire, text_start, warned",
    [
        (
            "full.md",
            "The New York Times",
            "Kim welcomes engineers back from Kursk",
            "2025-12-13",
            "December 2025 welcome ceremony",
            None,
            "North Korea's leader",
            False,
        ),
        ("wire.txt", "Yonhap", None, None, None, "Yonhap", "SEOUL, Dec. 13 (Yonhap)", False),
        ("invalid_yaml.md", "X", None, None, None, None, "---\noutlet: [unclosed", True),
        ("rule_only.md", "X", None, None, None, None, "---\n\nA Markdown file", False),
    ],
)
def test_front_matter(name, outlet, title, date, story, wire, text_start, warned):
    (article,) = read_corpus([FIXTURES / "front_matter" / name], outlet="X")
    assert (article.outlet, article.title, article.date) == (outlet, title, date)
    assert (article.story, article.wire) == (story, wire)
    assert article.text.startswith(text_start)
    assert any("front matter ignored" in w for w in article.warnings) is warned


def test_manifest_wins_over_front_matter(tmp_path):
    (tmp_path / "a.md").write_text("---\noutlet: BBC\ntitle: Own\n---\nText.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet\na.md,CNN\n", encoding="utf-8")
    (article,) = read_corpus([tmp_path])
    assert (article.outlet, article.title) == ("CNN", "Own")


# --- JSONL and CSV corpora

CORPORA = FIXTURES / "corpora"


def test_jsonl_corpus_rows_become_articles_and_bad_lines_failures():
    items = list(read_corpus([CORPORA / "articles.jsonl"]))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [a.id for a in articles] == ["nyt-1", "bbc-1", "empty-1", "articles:7"]
    nyt, bbc, empty, unnamed = articles
    assert (nyt.outlet, nyt.date, nyt.title, nyt.wire) == (
        "The New York Times",
        "2025-08-22",
        "Talks fail",
        "Associated Press",
    )
    assert (bbc.outlet, bbc.story, bbc.url) == (
        "BBC News",
        "ceremony",
        "https://www.bbc.com/news/x",
    )
    assert empty.outlet == "Reuters" and any("empty" in w for w in empty.warnings)
    assert unnamed.wire == "Yonhap" and unnamed.outlet == "The Korea Herald"
    assert [(f.path.rsplit(":", 1)[1], f.reason.split(":")[0]) for f in failures] == [
        ("4", "invalid JSON"),
        ("5", "expected a JSON object, found list"),
    ]


def test_csv_corpus_with_its_own_column_names():
    options = ReadOptions(
        text_col="body", outlet_col="source", id_col="doc_id", date_col="published",
        title_col="headline", url_col="link",
    )  # fmt: skip
    guardian, rt, blank = read_corpus([CORPORA / "export.csv"], options=options)
    assert guardian.id == "a1" and guardian.outlet == "The Guardian"
    assert guardian.text == "“They are heroes,” Kim said.\nThe ceremony, «a show», lasted an hour."
    assert (guardian.title, guardian.date) == ("Kim’s “heroes”", "2025-12-14")
    assert (rt.outlet, rt.wire, rt.url) == ("RT", "AFP", None)
    assert blank.id == "a3" and any("empty" in w for w in blank.warnings)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_corpus_without_the_text_column_says_which_columns_it_has(tmp_path, suffix):
    path = tmp_path / f"c{suffix}"
    content = 'body,source\n"Kim said.",NYT\n' if suffix == ".csv" else '{"body": "Kim said."}\n'
    path.write_text(content, encoding="utf-8")
    (failure,) = read_corpus([path])
    assert isinstance(failure, ReadFailure)
    assert "no 'text' field (found: body" in failure.reason and "--text-col" in failure.reason


def test_cp1252_csv_corpus_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("text,outlet\n“Régime” said,CNN\n".encode("cp1252"))
    (article,) = read_corpus([path])
    assert article.text == "“Régime” said" and any("cp1252" in w for w in article.warnings)


def test_folder_reads_every_kind_but_not_its_manifest(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "Row."}\n', encoding="utf-8")
    (tmp_path / "c.html").write_bytes((HTML / "unknown_gazette.html").read_bytes())
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,NYT\n", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    ids = [item.id for item in read_corpus([tmp_path], outlet="X")]
    assert ids == ["a", "b:1", "c"]  # a row without an id is named by its line


# --- outlets: one canonical name per outlet, wire agencies marked


@pytest.fixture(scope="module")
def outlets():
    return outlet_table()


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("nytimes.com", "The New York Times"),
        ("https://www.nytimes.com/2025/12/13/world/asia/kim.html", "The New York Times"),
        ("The New York Times", "The New York Times"),
        ("new york times", "The New York Times"),
        ("NYT", "The New York Times"),
        ("  The\u00a0New York  Times ", "The New York Times"),
        ("edition.cnn.com", "CNN"),
        ("AP", "Associated Press"),
        ("The Associated Press", "Associated Press"),
        ("Agence France-Presse", "AFP"),
        ("Yonhap News Agency", "Yonhap"),
        ("en.yna.co.kr", "Yonhap"),
        ("People’s Daily", "People's Daily"),
        # negatives: unknown names and look-alike domains stay unknown
        ("Riverside Gazette", None),
        ("nytimes.com.example", None),
        ("co.uk", None),
        ("", None),
    ],
)
def test_outlet_aliases(outlets, name, canonical):
    assert outlets.canonical(name) == canonical


@pytest.mark.parametrize(
    "name, is_wire",
    [("Reuters", True), ("AP", True), ("afp.com", True), ("Yonhap", True), ("ANI", True),
     ("Xinhua", True), ("NYT", False), ("RT", False), ("Riverside Gazette", False)],
)  # fmt: skip
def test_wire_agencies_are_marked(outlets, name, is_wire):
    assert outlets.is_wire(name) is is_wire


@pytest.mark.parametrize(
    "text, wire",
    [
        ("SEOUL (Reuters) - North Korea said on Friday.", "Reuters"),
        ("WASHINGTON (AP) — Officials said.", "Associated Press"),
        ("Seoul [South Korea], December 13 (ANI): North Korea has held", "ANI"),
        ("BEIJING, Dec. 13 (Xinhua) -- China said.", "Xinhua"),
        ("SEOUL, Dec. 13 (Yonhap) -- North Korea said.", "Yonhap"),
        ("Kim said the troops were heroes.\n— AFP", "AFP"),
        ("Kim said the troops were heroes. -- AP\n", "Associated Press"),
        ("Officials said so. (ANI)", "ANI"),
        ("KYIV (AFP/Reuters) - Ukraine said.", "AFP, Reuters"),
        ("SEOUL (\u00a0Reuters\u00a0) - Kim said.", "Reuters"),
        # negatives
        ("Rates rose (APR) in May.", None),
        ("The AP Stylebook says to spell it out.", None),
        ("(AP Photo/Ahn Young-joon) Kim waves.", None),
        ("Reuters could not verify the report.", None),
        ("Kim spoke to reuters (reuters) on Friday.", None),  # credits are case-sensitive
        ("The ceremony happened." + " filler" * 100 + " the agency (AFP) said" + " x" * 200, None),
        ("", None),
    ],
)
def test_wire_credit_in_the_text(outlets, text, wire):
    assert outlets.wire_credit(text) == wire


def test_wire_from_metadata_is_canonical_and_wins_over_the_text(tmp_path):
    (tmp_path / "a.txt").write_text("SEOUL (Reuters) - Kim said.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet,wire\na.txt,NYT,AP\n", encoding="utf-8")
    (article,) = read_corpus([tmp_path])
    assert (article.outlet, article.wire) == ("The New York Times", "Associated Press")


def test_outlet_overlay_adds_aliases(tmp_path):
    (tmp_path / "outlets.yaml").write_text(
        "lexicon: outlets\ncategories: {outlet: An outlet.}\nentries:\n"
        "  - {id: outlet.gazette, term: Riverside Gazette, aliases: [riverside-gazette.example, "
        "RG], category: outlet, note: Local paper.}\n",
        encoding="utf-8",
    )
    options = ReadOptions(lexicon_overlays=(str(tmp_path),))
    (article,) = read_corpus(["-"], options=options, outlet="RG", stdin=io.BytesIO(b"Text."))
    assert article.outlet == "Riverside Gazette"


# --- size limits: refuse or truncate


@pytest.mark.parametrize("oversize", ["refuse", "truncate"])
@pytest.mark.parametrize("kind", ["txt", "jsonl", "html", "stdin"])
def test_oversize_article_is_refused_or_truncated(tmp_path, oversize, kind):
    text = "Officials said the talks failed. " * 40  # 1,320 bytes
    options = ReadOptions(max_bytes=500, oversize=oversize, outlet="X")
    if kind == "stdin":
        (item,) = read_corpus(["-"], options=options, stdin=io.BytesIO(text.encode()))
    else:
        path = tmp_path / f"a.{kind}"
        if kind == "jsonl":
            path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
        elif kind == "html":
            path.write_text(f"<html><body><article><p>{text}</p></article></body></html>")
        else:
            path.write_text(text, encoding="utf-8")
        (item,) = read_corpus([path], options=options)
    if oversize == "refuse":
        assert isinstance(item, ReadFailure) and "too large" in item.reason
        assert "limit 500" in item.reason
    else:
        assert isinstance(item, Article), item
        assert 400 < len(item.text.encode()) <= 500
        assert text.startswith(item.text) and item.text.endswith("failed.")  # between words
        assert any("truncated" in w for w in item.warnings)


def test_truncation_never_splits_a_character(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("é" * 300, encoding="utf-8")  # 600 bytes, two per character
    (article,) = read_corpus([path], options=ReadOptions(max_bytes=101, oversize="truncate"))
    assert article.text == "é" * 50 and not any("cp1252" in w for w in article.warnings)


@pytest.mark.parametrize(
    "kwargs, message",
    [({"oversize": "shorten"}, "refuse or truncate"), ({"max_bytes": 0}, "positive")],
)
def test_read_options_are_validated(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ReadOptions(**kwargs)


# --- Unicode edge cases survive reading untouched (clean-up happens in the analysis)


@pytest.mark.parametrize(
    "text",
    [
        "\u200fRTL mark\u200e and \u202bembedding\u202c said.",
        "zero\u200bwidth\u2060joiners and\u00a0NBSP.",
        "“Curly” ‘quotes’ and «guillemets» and „low-9“ marks.",
        '"An unbalanced quote, Kim said.',
        "Arabic قال المسؤولون and Hebrew אמר",
    ],
)
def test_unicode_text_is_kept_as_given(text):
    (article,) = read_corpus(["-"], outlet="X", stdin=io.BytesIO(text.encode("utf-8")))
    assert article.text == text and not article.warnings


@pytest.mark.parametrize("text", ["\u200b\u200b", "\u00a0 \u200f\n\ufeff", "\u2060"])
def test_invisible_only_article_is_empty(text):
    (article,) = read_corpus(["-"], outlet="X", stdin=io.BytesIO(text.encode("utf-8")))
    assert any("empty" in w for w in article.warnings)


# Property: reading any bytes gives exactly one article or one failure, never an exception.
@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=300).map(str.encode)))
def test_any_input_is_read_or_refused(data):
    items = list(read_corpus(["-"], outlet="X", stdin=io.BytesIO(data)))
    assert len(items) == 1 and isinstance(items[0], Article | ReadFailure)


@pytest.mark.parametrize(
    "charset, codec, words",
    [
        ("iso-8859-1", "cp1252", "“Le régime” a déclaré"),  # read as windows-1252, as browsers do
        ("windows-1251", "cp1251", "Кремль заявил"),
        ("koi8-r", "koi8-r", "Кремль заявил"),
        ("windows-1251", "cp1251", "Ђорђе Вучић је рекао"),  # bytes that cp1252 lacks
    ],
)
def test_page_in_the_charset_it_declares(tmp_path, charset, codec, words):
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"</head><body><article><p>{words} {'and so on, ' * 12}</p></article></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode(codec))
    (article,) = read_corpus([path], outlet="X")
    assert article.text.startswith(words) and not article.warnings


def test_wire_from_a_wire_agency_byline(tmp_path):
    page = (
        '<html><head><meta name="author" content="The Associated Press">'
        '<meta property="og:site_name" content="NBC News"></head><body><article>'
        "<p>Officials said the talks had failed after three days of meetings in Geneva, and "
        "both delegations left without a joint statement.</p></article></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (article,) = read_corpus([tmp_path / "p.html"])
    assert (article.outlet, article.wire) == ("NBC News", "Associated Press")


def test_seed_sign_off_names_its_wire_without_a_manifest(tmp_path):
    seed = tmp_path / "ani.txt"
    seed.write_bytes((SEEDS / "000_e1f794eecbe69765.txt").read_bytes())
    (article,) = read_corpus([seed], outlet="X")
    assert article.wire == "ANI"


FILLER = "Officials in Seoul said the talks had failed after three days of meetings in Geneva."


@pytest.mark.parametrize(
    "paragraph, kept",
    [
        ("Advertisement", False),
        ("SKIP ADVERTISEMENT", False),
        ("Advertisement - scroll to continue", False),
        ("Sponsored content", False),
        ("By Jane Doe", False),  # a byline opening the text
        # negatives: sentences that start like ad labels or bylines are article text
        ("Advertising revenue fell by half, the company said.", True),
        ("By Friday, the delegations had left without a joint statement.", True),
        ("Ad hoc talks resumed on Monday, officials said.", True),
    ],
)
def test_page_furniture_between_paragraphs(tmp_path, paragraph, kept):
    page = f"<html><body><article><p>{paragraph}</p><p>{FILLER}</p><p>{FILLER}</p>"
    page += "</article></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (article,) = read_corpus([tmp_path / "p.html"], outlet="X")
    assert (paragraph in article.text) is kept, article.text
    assert FILLER in article.text


@pytest.mark.parametrize(
    "data, ids",
    [
        (b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', ["a", "b"]),
        (b'{"text": "One."}\n\n{"text": "Two."}\n', ["stdin:1", "stdin:3"]),
        # negatives: text that merely starts with a brace is one article
        (b'{"note": "no text field"}\nKim said.', ["stdin"]),
        (b"{braces} open this article.", ["stdin"]),
    ],
)
def test_jsonl_on_stdin(data, ids):
    items = list(read_corpus(["-"], outlet="X", stdin=io.BytesIO(data)))
    assert [item.id for item in items] == ids


def test_reading_saved_pages_never_touches_the_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("a saved page was read with a network call")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    items = list(read_corpus([HTML]))
    assert len(items) == 5 and all(isinstance(item, Article) for item in items)


@pytest.mark.parametrize(
    ("files", "paths", "expected"),
    [
        ({"a.txt": "x", "b.md": "y", "manifest.csv": "file,outlet\n"}, ["."], 2),
        ({"c.jsonl": '{"text": "a"}\n{"text": "b"}\n{"text": "c"}'}, ["c.jsonl"], 3),
        ({"c.jsonl": '{"text": "a"}\n'}, ["c.jsonl", "-"], None),  # stdin: unknown
        ({}, ["missing.txt"], 0),
    ],
)
def test_estimate_article_count_for_the_progress_bar(tmp_path, files, paths, expected):
    from framing.read.corpus import estimate_article_count

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    resolved = [p if p == "-" else str(tmp_path / p) for p in paths]
    assert estimate_article_count(resolved) == expected

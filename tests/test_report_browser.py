"""The report in a real browser: headless Chromium opens report.html from file://.

Checks that the page logs no console error, makes no network request, runs no injected
script (article text, titles and outlets carrying ``<script>alert(1)</script>`` and
``"><img src=x onerror=alert(1)>``), shows its key content, and that an evidence link opens
the collapsed article at the highlighted sentence. Takes a screenshot as it goes.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``make test`` installs them)
and the ``selenium`` package; skipped with the reason when they are missing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy

from framing.lexicon.load import load_lexicons
from framing.measure.analyzer import Analyzer
from framing.read.corpus import Article
from framing.report import Vocabularies, write_report
from framing.run.corpus import CorpusResult

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
# Flags that keep Chromium from reaching the network on its own (updates, sync, metrics).
QUIET_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--window-size=1300,2000",
)  # fmt: skip
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
KIM = 'Officials said the regime had fallen, according to KCNA. "We won," Kim said.'


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM or not CHROMEDRIVER:
        pytest.skip("chromium and chromedriver not installed (apt-get install chromium "
                    "chromium-driver)")  # fmt: skip
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in QUIET_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _requests(driver) -> list[str]:
    """URLs the page asked for, from Chromium's DevTools performance log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _open(driver, path: Path) -> None:
    driver.get_log("performance")  # drop what came before
    driver.get_log("browser")
    driver.get(path.as_uri())


def _hostile_report(tmp_path: Path) -> Path:
    analyzer = Analyzer(spacy.blank("en"))
    articles = [
        Article("x1", f"{SCRIPT} {KIM} {IMG}", outlet=SCRIPT, title=IMG, date="2025-01-01"),
        Article("x2", f"{IMG} The regime said {SCRIPT} it won.", outlet=IMG, title=SCRIPT),
        Article("x3", KIM, outlet="Plain News", title="plain"),
    ]
    result = CorpusResult(list(analyzer.analyze_articles(articles)), [], "blank", "v1")
    write_report(tmp_path, result, vocabularies=Vocabularies.from_lexicons(load_lexicons()))
    return tmp_path / "report.html"


def _assert_clean_load(driver, page: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - an injected alert(1) would be open here
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors
    outside = [u for u in _requests(driver) if not u.startswith(("file:", "data:", "about:"))]
    assert outside == [], outside
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0


def test_hostile_text_renders_as_text_and_runs_nothing(browser, tmp_path):
    page = _hostile_report(tmp_path)
    _open(browser, page)
    _assert_clean_load(browser, page)
    body = browser.find_element("tag name", "body").text
    assert "Overview" in body
    # The payloads are shown as the text they are.
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    body = browser.find_element("tag name", "body").text
    assert SCRIPT in body
    assert "onerror=alert(1)" in body
    browser.save_screenshot(str(tmp_path / "hostile.png"))


@pytest.mark.model
def test_seeds_report_in_the_browser(browser, tmp_path, seed_result):
    write_report(tmp_path, seed_result,
                 vocabularies=Vocabularies.from_lexicons(load_lexicons()))  # fmt: skip
    page = tmp_path / "report.html"
    _open(browser, page)
    _assert_clean_load(browser, page)
    for heading in ("1. Overview", "2. Sourcing", "4. Loaded language", "6. Naming",
                    "10. Sourcing and framing profile", "11. How accurate are these measures",
                    "12. Articles"):  # fmt: skip
        element = browser.find_element("xpath", f"//h2[normalize-space()='{heading}']")
        assert element.is_displayed(), heading
    charts = browser.find_elements("css selector", "figure.chart svg")
    assert len(charts) >= 4 and all(c.is_displayed() for c in charts)
    assert "Breitbart News" in browser.find_element("id", "overview").text
    browser.save_screenshot(str(tmp_path / "seeds.png"))
    assert (tmp_path / "seeds.png").stat().st_size > 10_000

    # A header click sorts its table by that column (the page reads unsorted without scripts).
    table = browser.find_element("xpath", "//table[caption[starts-with(., 'Headline figures')]]")
    header = table.find_elements("css selector", "thead th")[1]
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    column = [
        row.find_elements("css selector", "td")[0].text.split(" ")[0]
        for row in table.find_elements("css selector", "tbody tr")
    ]
    numbers = [float(v) for v in column if v.replace(".", "", 1).lstrip("-").isdigit()]
    assert numbers == sorted(numbers) and len(numbers) >= 2

    # An evidence link opens the collapsed article and shows the highlighted sentence.
    link = browser.find_element("css selector", "#sourcing .refs a")
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    sentence = browser.find_element("id", target)
    assert sentence.is_displayed()
    assert browser.execute_script("return arguments[0].closest('details').open", sentence)

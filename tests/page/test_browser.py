"""The page in a real browser: `streamlit run` on the tiny checkpoint, driven by headless Chromium.

Screenshots and the measured cold start go to test-artifacts/. With BROWSER_TEST_DEFAULT=1 the
server runs the shipped checkpoints instead (how the README's cold start is measured). Skipped
where Debian's chromium and chromium-driver are not installed, except in CI (.ci/run installs them).
"""

from __future__ import annotations

import os
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.app_fixtures import csv_bytes, reviews_table
from tests.serving import CHROMEDRIVER, CHROMIUM, ROOT, chromium, streamlit_server
from views.score import EXAMPLES

ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("CI"),  # in CI a missing browser fails
    reason="chromium and chromedriver not installed",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(tiny_checkpoint, tiny_emotion_checkpoint, browser):
    """A fresh server; yields its URL and the seconds from its start until a linked text showed a verdict."""
    shipped = os.environ.get("BROWSER_TEST_DEFAULT")  # the shipped checkpoints: the README's cold start
    checkpoint = None if shipped else tiny_checkpoint
    start = time.perf_counter()
    with pytest.MonkeyPatch.context() as patch:
        if not shipped:
            patch.setenv("SENTIMENT_EMOTION_CHECKPOINT", str(tiny_emotion_checkpoint))
        with streamlit_server(checkpoint) as (url, _):
            browser.get(f"{url}/?lang=en&text={EXAMPLES['positive']}")
            verdict(browser)
            cold_start = time.perf_counter() - start
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / "cold_start.txt").write_text(f"{cold_start:.2f} s from server start to a verdict\n")
            print(f"\ncold start: {cold_start:.2f} s")
            yield url, cold_start


def verdict(driver, timeout: float = 30) -> str:
    """The verdict line once the page shows one."""
    found = WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located(
            (By.XPATH, "//h3[contains(., 'above') or contains(., 'below') or contains(., 'short of')]")
        )
    )
    return found.text


def link_threshold(driver, timeout: float = 30) -> float:
    """The threshold in the page's URL, once the page has written it there."""
    WebDriverWait(driver, timeout).until(lambda d: "t" in parse_qs(urlsplit(d.current_url).query))
    return float(parse_qs(urlsplit(driver.current_url).query)["t"][0])


def shot(driver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_cold_start_shows_a_verdict_quickly(server, browser) -> None:
    _, cold_start = server
    assert verdict(browser).startswith("positive")
    shot(browser, "1-cold-start")
    assert cold_start < 30  # target 5 s on an idle 2-core machine; see test-artifacts/cold_start.txt


def test_type_a_review_then_move_the_threshold(server, browser) -> None:
    url, _ = server
    browser.get(f"{url}/?lang=en")
    box = WebDriverWait(browser, 30).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "textarea")))
    box.send_keys("电脑很差，非常失望")
    box.send_keys(Keys.CONTROL, Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda d: verdict(d).startswith("negative"))
    assert "电脑" in browser.find_element(By.XPATH, "//*[contains(., 'What the model reads')]").text
    shot(browser, "2-typed-review")
    before = link_threshold(browser)
    thumb = browser.find_element(By.CSS_SELECTOR, "input[type='range'][aria-label='Threshold']")
    for _ in range(2):
        thumb.send_keys(Keys.PAGE_UP)
    WebDriverWait(browser, 30).until(lambda d: link_threshold(d) > before + 0.05)
    WebDriverWait(browser, 30).until(lambda d: verdict(d).startswith("negative") and "band" in verdict(d))
    shot(browser, "3-threshold-moved")
    assert "band=" in browser.current_url


def test_upload_a_labelled_file(server, browser, tmp_path) -> None:
    url, _ = server
    path = tmp_path / "评论.csv"
    path.write_bytes(csv_bytes(reviews_table(60), "gbk"))
    browser.get(f"{url}/?lang=en")
    field = WebDriverWait(browser, 30).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "input[type='file']"))
    )
    field.send_keys(str(path))
    WebDriverWait(browser, 60).until(lambda d: "Scores for" in d.page_source and "Accuracy" in d.page_source)
    assert "labels of the uploaded file (60 texts)" in browser.page_source
    shot(browser, "4-upload")


@pytest.mark.parametrize(
    ("tab", "shown", "name"),
    [
        ("How it reads", "P(positive) after each word", "5-how-it-reads"),
        ("Word vectors", "Odd one out", "6-word-vectors"),
        ("What if", "Word order", "7-what-if"),
        ("Behaviour", "Pass rate per capability", "9-behaviour"),
        ("Emotions", "Emotion probabilities after each word", "10-emotions"),
    ],
)
def test_teaching_tabs(server, browser, tab: str, shown: str, name: str) -> None:
    url, _ = server
    browser.get(f"{url}/?lang=en&text=虽然价格有点贵，但是真的很好用")
    verdict(browser)
    button = WebDriverWait(browser, 30).until(
        ec.element_to_be_clickable((By.XPATH, f"//*[@role='tab'][contains(., '{tab}')]"))
    )
    button.click()
    WebDriverWait(browser, 30).until(lambda d: shown in d.page_source)
    time.sleep(1)  # let plotly draw before the screenshot
    assert "Traceback" not in browser.page_source
    shot(browser, name)


MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def injected(driver) -> list[str]:
    """Script or image elements inside the app that carry the markup typed or uploaded."""
    app = driver.find_element(By.CSS_SELECTOR, "[data-testid='stApp']")
    scripts = [s for s in app.find_elements(By.TAG_NAME, "script") if "alert" in s.get_attribute("text")]
    images = [
        i
        for i in app.find_elements(By.TAG_NAME, "img")
        if i.get_attribute("onerror") or (i.get_attribute("src") or "").endswith("/x")
    ]
    return [e.get_attribute("outerHTML") for e in scripts + images]


def no_dialog(driver) -> bool:
    try:
        driver.switch_to.alert.accept()
    except NoAlertPresentException:
        return True
    return False


def open_tab(driver, name: str) -> None:
    tab = (By.XPATH, f"//*[@role='tab'][contains(., '{name}')]")
    WebDriverWait(driver, 30).until(ec.element_to_be_clickable(tab)).click()


def test_markup_typed_and_uploaded_is_shown_as_text(server, browser, tmp_path) -> None:
    url, _ = server
    browser.get(f"{url}/?lang=en")
    box = WebDriverWait(browser, 30).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "textarea")))
    for markup in MARKUP:
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.DELETE, markup)
        box.send_keys(Keys.CONTROL, Keys.ENTER)
        linked = lambda d, m=markup: parse_qs(urlsplit(d.current_url).query).get("text") == [m]  # noqa: E731
        WebDriverWait(browser, 30).until(linked)
        verdict(browser)
        open_tab(browser, "Word vectors")
        field = browser.find_element(By.CSS_SELECTOR, "input[aria-label^='Or type other words']")
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.DELETE, markup, Keys.ENTER)
        unknown = f"'{markup.split()[0]}' is not in the vocabulary"
        WebDriverWait(browser, 30).until(lambda d, u=unknown: u in d.find_element(By.TAG_NAME, "body").text)
        assert no_dialog(browser) and injected(browser) == []
        for tab, shown in (("How it reads", "P(positive) after each word"), ("What if", "Word order")):
            open_tab(browser, tab)
            WebDriverWait(browser, 30).until(lambda d, s=shown: s in d.find_element(By.TAG_NAME, "body").text)
            assert no_dialog(browser) and injected(browser) == []
        open_tab(browser, "Score")
    path = tmp_path / f"{MARKUP[1]}.csv"
    table = reviews_table(4).rename(columns={"cat": MARKUP[0]}).assign(review=MARKUP * 2)
    path.write_bytes(csv_bytes(table))
    browser.find_element(By.CSS_SELECTOR, "input[type='file']").send_keys(str(path))
    WebDriverWait(browser, 60).until(lambda d: "Scores for" in d.find_element(By.TAG_NAME, "body").text)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert f"Scores for {MARKUP[1]}.csv" in body
    assert browser.find_element(By.TAG_NAME, "textarea").get_attribute("value") == MARKUP[1]
    shot(browser, "8-markup-as-text")
    assert no_dialog(browser) and injected(browser) == []

"""The web widget in a real headless Chromium against real servers: a whole intake from free text, the advice
cards, the warning callout, escaping, reload with history, the downloaded report, keyboard use at phone width."""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshot-advies.png"
REPLY_TIMEOUT = 90_000  # ms; the first reply also loads the model's components


def expect():
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def open_chat(page, url):
    page.goto(url)
    expect()(page.locator(".app[data-ready=true]")).to_have_count(1, timeout=30_000)


def say(page, text, then):
    """Type a message and press Enter; wait until a bot message containing `then` appears after it."""
    box = page.get_by_label("Je bericht aan de adviseur")
    box.fill(text)
    box.press("Enter")
    expect()(page.locator(".msg-user .bubble").last).to_have_text(text)
    reply = page.locator(".msg-user").last.locator("xpath=following-sibling::*").filter(has_text=then)
    expect()(reply.first).to_be_visible(timeout=REPLY_TIMEOUT)
    return reply.first


class TextOf(HTMLParser):
    """The visible text of an HTML document, and whether it holds a script."""

    def __init__(self):
        super().__init__()
        self.parts, self.scripts = [], 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self):
        return re.sub(r"\s+", " ", " ".join(self.parts))


def test_intake_advice_warning_reload_and_report(web, new_page, tmp_path):
    page = new_page()
    open_chat(page, web.page_url)
    expect()(page.get_by_role("log", name="Gesprek met de adviseur")).to_be_visible()
    expect()(page.locator("#download-advies")).to_be_hidden()  # nothing to download before the advice

    say(page, "ik wil advies", "Om welke ruimte gaat het")
    say(page, "het gaat om de binnentuin", "Wie nam het initiatief")
    say(page, "de bewoners zelf kwamen met het idee", "Wat willen de bewoners zelf oppakken")
    say(page, "ze willen zelf schoffelen en maaien", "Is het een kwetsbare wijk")
    card = say(page, "nee, geen kwetsbare wijk", "Advies uit de menukaart zelfbeheer").locator(".card.advies")

    # the advice as cards: title, why, effort, what the organisation provides, a source link
    options = card.locator("li.optie")
    assert options.count() >= 3
    first = options.first
    expect()(first.get_by_role("heading", level=3)).to_have_text("Zelf tuinonderhoud (maaien, wieden, snoeien)")
    expect()(first.locator(".waarom")).to_contain_text("Waarom:")
    expect()(first.locator("dt", has_text="Inspanning")).to_be_visible()
    expect()(first.locator("dt", has_text="Organisatie biedt")).to_be_visible()
    expect()(first.locator("dd").nth(1)).not_to_be_empty()
    link = first.locator(".bron a")
    expect()(link).to_have_attribute("href", re.compile(r"^https?://"))
    expect()(link).to_have_attribute("rel", "noopener noreferrer")
    expect()(card.locator(".profiel")).to_contain_text("binnentuin")  # labels come lower case with the payload
    expect()(card.locator(".callout-waarschuwing[data-code=veiligheid]")).to_be_visible()
    titles = [t.strip() for t in options.locator("h3").all_inner_texts()]
    expect()(page.locator("#download-advies")).to_be_visible()
    expect()(page.get_by_role("button", name="Vertel meer over optie 1")).to_be_visible()

    page.wait_for_timeout(400)  # let the smooth scroll settle
    page.screenshot(path=str(tmp_path / "advies.png"))
    if os.environ.get("UPDATE_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))

    # the organisation's own goals: a distinct warning callout
    say(page, "wij als corporatie willen bezuinigen, de bewoners moeten het groen maar overnemen", "Waarschuwing")
    callout = (
        page.locator(".msg-user")
        .last.locator("xpath=following-sibling::*")
        .locator(".callout-waarschuwing[data-code=eigen_doelen_corporatie]")
        .first
    )
    expect()(callout).to_be_visible()
    expect()(callout).to_have_attribute("role", "note")
    expect()(callout.locator(".bron")).to_contain_text("Bron:")
    # with the intake complete, the goals reshape the advice at once: the report follows the latest one
    expect()(page.locator(".card.advies")).to_have_count(2)
    latest = [t.strip() for t in page.locator(".card.advies").last.locator("li.optie h3").all_inner_texts()]

    # reload: the conversation comes back from the server
    session = page.locator(".app").get_attribute("data-session")
    page.reload()
    expect()(page.locator(".app[data-ready=true]")).to_have_count(1, timeout=30_000)
    assert page.locator(".app").get_attribute("data-session") == session
    expect()(page.locator(".msg-user .bubble", has_text="het gaat om de binnentuin")).to_be_visible()
    expect()(page.locator(".card.advies").first).to_be_visible()
    expect()(page.locator(".callout-waarschuwing[data-code=eigen_doelen_corporatie]").first).to_be_visible()
    assert page.locator(".card.advies").first.locator("li.optie h3").all_inner_texts()[: len(titles)] == titles

    # download the report and read it
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download het advies").first.click()
    download = download_info.value
    assert re.match(r"advies-zelfbeheer-\d{4}-\d{2}-\d{2}\.html$", download.suggested_filename)
    report = Path(download.path()).read_text(encoding="utf-8")
    parsed = TextOf()
    parsed.feed(report)
    text = parsed.text
    assert parsed.scripts == 0
    for heading in ("Profiel", "Aanbevolen opties", "Waarschuwingen", "Bronnen"):
        assert heading in text
    assert "binnentuin" in text and "de bewoners zelf" in text
    assert "Volgende stappen" in text
    for title in latest:
        assert title in text
    assert "Veiligheid" in text and "De doelen van de organisatie staan voorop" in text
    assert re.search(r'href="https?://[^"]+"', report) and "platform31" in report.lower()
    assert "@media print" in report
    assert not page.errors, page.errors


def test_user_and_bot_text_are_escaped(web, new_page):
    page = new_page()
    open_chat(page, web.page_url)
    attack = "<img src=x onerror=alert(1)>"
    box = page.get_by_label("Je bericht aan de adviseur")
    box.fill(attack)
    box.press("Enter")
    bubble = page.locator(".msg-user .bubble").last
    expect()(bubble).to_have_text(attack)
    reply = page.locator(".msg-user").last.locator("xpath=following-sibling::*[contains(@class, 'msg-bot')]")
    expect()(reply.first).to_be_visible(timeout=REPLY_TIMEOUT)
    assert page.locator("#gesprek img").count() == 0
    assert not page.errors, page.errors


def test_keyboard_and_phone_width(web, new_page):
    page = new_page(width=360, height=740)
    open_chat(page, web.page_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.get_by_label("Je bericht aan de adviseur")
    expect()(box).to_be_focused()  # the page opens ready to type
    # the skip link, first in the tab order, leads to the labelled input
    first = page.evaluate(
        "document.querySelector('a[href], button:not([hidden]), textarea, input, [tabindex]').textContent"
    )
    assert first == "Ga naar het invoerveld"
    page.get_by_role("link", name="Ga naar het invoerveld").focus()
    page.keyboard.press("Enter")
    expect()(box).to_be_focused()
    # quick replies are buttons that work from the keyboard
    start = page.get_by_role("button", name="Start het advies")
    start.focus()
    page.keyboard.press("Enter")
    expect()(page.locator(".msg-user .bubble").last).to_have_text("Start het advies")
    question = page.locator(".msg-bot .bubble", has_text="Om welke ruimte gaat het")
    expect()(question).to_be_visible(timeout=REPLY_TIMEOUT)
    expect()(box).to_be_focused()
    expect()(
        page.get_by_role("group", name="Snelle antwoorden").get_by_role("button", name="Binnentuin")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not page.errors, page.errors


def test_a_notice_shows_as_a_notice_and_the_chat_goes_on(web, new_page):
    """A notice arrives as its text, then its `melding` payload alone: the widget shows the text as a notice."""
    from bot.channels.cleaning import GEEN_WOORDEN, TEXTS

    page = new_page()
    open_chat(page, web.page_url)
    box = page.get_by_label("Je bericht aan de adviseur")
    box.fill("🎉👍")
    box.press("Enter")
    notice = page.locator(f".msg-bot.msg-notice[data-melding={GEEN_WOORDEN}]")
    expect()(notice).to_be_visible(timeout=REPLY_TIMEOUT)
    expect()(notice.locator(".bubble")).to_have_text(TEXTS[GEEN_WOORDEN])
    expect()(notice).to_have_attribute("role", "status")
    say(page, "hallo", "zelfbeheer")
    assert page.locator(".msg-notice").count() == 1 and not page.errors, page.errors

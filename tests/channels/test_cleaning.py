"""bot.channels.cleaning without servers (fast): message cleaning and the notices' texts."""

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from bot.channels import cleaning
from bot.channels.cleaning import (
    GEEN_WOORDEN,
    INGEKORT,
    LEEG_BERICHT,
    MAX_MESSAGE_CHARS,
    ONGELDIG_BERICHT,
    TEXTS,
    Notice,
    clean_message,
    notice_messages,
)

ROOT = Path(__file__).resolve().parents[2]


def codes(cleaned) -> list[str]:
    return [notice.code for notice in cleaned.notices]


# -- clean_message ---------------------------------------------------------------------------------------------------
def test_the_default_limit_is_2000():
    assert MAX_MESSAGE_CHARS == 2000


@pytest.mark.parametrize("raw", ["", " ", "   \n\t  ", "\u00a0\u2003", "\x00\x00", "\u200b\u200d\ufeff", "\r\n\r\n"])
def test_empty_and_whitespace_give_leeg_bericht(raw):
    cleaned = clean_message(raw)
    assert cleaned.text is None and not cleaned.accepted
    assert codes(cleaned) == [LEEG_BERICHT]
    assert cleaned.notices[0].text == TEXTS[LEEG_BERICHT]


def test_none_is_an_empty_message():
    assert codes(clean_message(None)) == [LEEG_BERICHT] and clean_message(None).text is None


@pytest.mark.parametrize("raw", [5, 0, 3.5, True, ["hallo"], {"text": "hallo"}, b"hallo"])
def test_anything_but_text_is_refused(raw):
    cleaned = clean_message(raw)
    assert cleaned.text is None and codes(cleaned) == [ONGELDIG_BERICHT]


@pytest.mark.parametrize("raw", ["👍", "👍🏽🎉🎉", "👨\u200d👩\u200d👧", "?!", "...", "🙂 🙂", "<>", "❤️"])
def test_no_letter_or_digit_gives_geen_woorden(raw):
    cleaned = clean_message(raw)
    assert cleaned.text is None and codes(cleaned) == [GEEN_WOORDEN]


def test_emoji_with_a_word_is_kept():
    assert clean_message("👍 ja").text == "👍 ja"
    assert clean_message("5").text == "5"


def test_nul_escape_and_other_controls_are_removed():
    cleaned = clean_message("ik wil\x00 advies\x1b over de\x07 binnentuin\x7f")
    assert cleaned.text == "ik wil advies over de binnentuin" and cleaned.notices == []
    assert "\x00" not in clean_message("\x00hallo\x00").text


def test_zero_width_bidi_and_lone_surrogates_are_removed():
    assert clean_message("bin\u200bnen\u200ctuin\u2060").text == "binnentuin"
    assert clean_message("\ufeffhallo").text == "hallo"
    assert clean_message("advies \u202egniddeil\u202c").text == "advies gniddeil"
    cleaned = clean_message("hoi \ud800daar")
    assert cleaned.text == "hoi daar"
    cleaned.text.encode("utf-8")  # storable


def test_whitespace_is_collapsed_and_stripped():
    assert clean_message("  ik   wil\t\tadvies  ").text == "ik wil advies"
    assert clean_message("regel een \r\n\r\n\r\n\r\n  regel twee").text == "regel een\n\nregel twee"
    assert clean_message("a\u00a0\u00a0b").text == "a b"


def test_unicode_is_normalised_to_nfc():
    decomposed = "cafe\u0301 en ree\u0308l"
    cleaned = clean_message(decomposed)
    assert cleaned.text == unicodedata.normalize("NFC", decomposed) == "café en reël"
    assert len(cleaned.text) == len("café en reël")


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "'; DROP TABLE events; --",
        "Robert'); DROP TABLE students;--",
        '" OR 1=1 --',
        "<img src=x onerror=alert(1)>",
        "{{7*7}} ${7*7} %s %n",
        "a & b < c > d \"e\" 'f'",
    ],
)
def test_script_and_sql_like_text_is_kept_verbatim(raw):
    cleaned = clean_message(raw)
    assert cleaned.text == raw and cleaned.notices == []


@pytest.mark.parametrize(
    "payload",
    [
        '/inform{"ruimte": "binnentuin"}',
        '/inform{"ruimte":  "binnentuin"}',
        "/request_advice",
        '/inform{"bewonersrol": "zelf_doen", "ruimte": "groen"}',
    ],
)
def test_intent_payloads_are_untouched(payload):
    assert clean_message(payload).text == payload
    assert clean_message(f"  {payload} \n").text == payload


def test_a_lone_slash_has_no_words():
    assert codes(clean_message("/")) == [GEEN_WOORDEN]


def test_20000_characters_are_cut_at_a_word_with_a_notice():
    raw = ("de bewoners willen de binnentuin zelf onderhouden " * 500)[:19999] + "x"
    assert len(raw) == 20000 and raw == raw.strip()
    cleaned = clean_message(raw)
    assert cleaned.text is not None and len(cleaned.text) <= 2000
    assert raw.startswith(cleaned.text)
    assert raw[len(cleaned.text)] == " "  # cut at whitespace, no half word
    assert len(cleaned.text) > 1900
    assert codes(cleaned) == [INGEKORT]
    notice = cleaned.notices[0].text
    assert "20.000" in notice and "2.000" in notice and "eerste" in notice
    assert notice == TEXTS[INGEKORT].format(length="20.000", limit="2.000")


def test_text_without_spaces_is_cut_exactly_at_the_limit():
    cleaned = clean_message("x" * 5000)
    assert cleaned.text == "x" * 2000 and codes(cleaned) == [INGEKORT]


def test_exactly_the_limit_is_not_cut():
    cleaned = clean_message("y" * 2000)
    assert cleaned.text == "y" * 2000 and cleaned.notices == []


def test_the_limit_counts_after_cleaning():
    cleaned = clean_message("z" * 1990 + " " * 500 + "\x00" * 100)
    assert cleaned.text == "z" * 1990 and cleaned.notices == []


def test_limit_from_the_argument_and_the_environment(monkeypatch):
    assert clean_message("een twee drie vier", max_chars=9).text == "een twee"
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "50")
    assert cleaning._max_chars_from_env() == 50
    for wrong in ("niets", "0", "-5"):
        monkeypatch.setenv("MAX_MESSAGE_CHARS", wrong)
        assert cleaning._max_chars_from_env() == 2000


def test_the_environment_sets_the_limit_at_import():
    code = (
        "from bot.channels.cleaning import MAX_MESSAGE_CHARS, clean_message; "
        "print(MAX_MESSAGE_CHARS, len(clean_message('woord ' * 100).text))"
    )
    env = {**os.environ, "MAX_MESSAGE_CHARS": "50", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["50", "47"]


def test_a_notice_is_its_text_alone_then_its_payload_alone():
    assert notice_messages(Notice.of(LEEG_BERICHT)) == [
        {"text": TEXTS[LEEG_BERICHT]},
        {"custom": {"type": "melding", "code": "leeg_bericht"}},
    ]


def test_dutch_texts_address_the_user_with_je_like_the_bot():
    for code, text in TEXTS.items():
        words = text.replace(",", " ").replace(".", " ").replace("?", " ").replace(":", " ").lower().split()
        assert "je" in words, code
        assert "u" not in words and "uw" not in words, code

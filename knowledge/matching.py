"""Finding knowledge vocabulary in free Dutch text with spaCy (blank Dutch pipeline, lookup lemmas).

No model download is needed: `spacy.blank("nl")` gives the tokenizer, the lookup lemmatizer takes its
table from spacy-lookups-data, and a PhraseMatcher on LEMMA is built from the options' titles and
keywords, the archetype names and the intake vocabulary of the knowledge store. Before matching, the
text's words are put onto the vocabulary by knowledge.normalise (typos, diminutives, compounds).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

import spacy
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from knowledge.normalise import KnownWords, Normaliser
from knowledge.schema import ORDINARY_WORDS
from knowledge.store import KnowledgeStore

# Words that show a message says who started the initiative (so "bewoners" is not read as the initiator
# in "de bewoners willen zelf schoffelen").
INITIATIVE_CUES = re.compile(
    r"\b(initiatief\w*|bedacht|(begonnen|gestart)(?! als\b)|(?<!geen )idee|kwam(en)? (er )?(zelf )?mee|kwam(en)? met|"
    r"(komt|komen|kwam|kwamen) (\w+ ){0,2}zelf met|"
    r"aangedragen|voortgekomen|opgericht|"
    r"aangekaart|aankaartten|aankaartte|aangeklopt|naar ons toe|vroegen|aangevraagd|opgezet|ingediend|aanvraag|"
    r"trekkers?|voorgesteld|"
    r"(komt|kwam|komen|kwamen) (\w+ )?(er )?(van|vanuit|uit)|begon(nen)?(?! als\b)|gevraagd|getrokken|geopperd|"
    r"uitgegaan|(een )?(vraag|verzoek) (van|uit)(?! (mij|me)\b)|aangesproken door|benaderd door|"
    r"(kwam|kwamen) bij (mij|ons)|klopten? aan)\b"
)
# Words that show the text says what residents want (so a named option tells their role).
WISH_CUES = re.compile(
    r"\b(wil|willen|wilden|graag|zouden|zou|plan|plannen|beginnen|starten|opzetten|oppakken|doen|zelf|"
    r"overnemen|idee|wens|wensen|zien zitten|bereid)\b"
)
ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "laatste": -1}
NUMBER_PATTERN = re.compile(
    r"\b(?:optie|nummer|nr\.?|keuze|punt)\s*#?(\d{1,2})\b|^\s*#?(\d{1,2})\s*[.)]?\s*$|\b(\d)e\b"
)
ORDINAL_PATTERN = re.compile(r"\b(" + "|".join(ORDINALS) + r")\b")
INTAKE_CATEGORIES = ("ruimte", "initiatiefnemer", "bewonersrol", "kwetsbare_wijk", "onbekend")


def build_pipeline() -> spacy.Language:
    """A blank Dutch pipeline with the lookup lemmatizer (tables from spacy-lookups-data)."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@dataclass(frozen=True)
class Mention:
    """A canonical value found in the text, with the character span it was found at."""

    value: str
    start: int
    end: int


@dataclass
class Analysis:
    """What the matcher found in one text: per category the mentions in text order."""

    text: str
    mentions: dict[str, list[Mention]] = field(default_factory=dict)

    def all(self, category: str) -> list[str]:
        """Every value of one category in text order, repeats included."""
        return [m.value for m in self.mentions.get(category, [])]

    def values(self, category: str) -> list[str]:
        """The values of one category, in the order they occur, without repeats."""
        return list(dict.fromkeys(self.all(category)))


class PhraseIndex:
    """Phrase matching over the knowledge vocabulary; one instance per store."""

    def __init__(self, store: KnowledgeStore, nlp: spacy.Language | None = None):
        self.store = store
        self.nlp = nlp or build_pipeline()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        phrase_table: dict[str, dict[str, list[str]]] = {}
        for category, value, phrases in self._phrases(store):
            label = f"{category}|{value}"
            docs = [self._doc(p) for p in dict.fromkeys(p.lower() for p in phrases if p.strip())]
            self.matcher.add(label, [d for d in docs if len(d)])
            phrase_table.setdefault(category, {})[value] = phrases
        lemmas = cast(Lemmatizer, self.nlp.get_pipe("lemmatizer")).lookups.get_table("lemma_lookup")
        # Every phrase the matcher knows (option titles and keywords too) is a word the normaliser keeps.
        ordinary = store.vocabulary.get(ORDINARY_WORDS, {}).get(ORDINARY_WORDS, ())
        self.normaliser = Normaliser({**phrase_table, ORDINARY_WORDS: list(ordinary)}, KnownWords(lemmas))

    @staticmethod
    def _phrases(store: KnowledgeStore) -> Iterable[tuple[str, str, list[str]]]:
        for option in store.options.values():
            yield "optie", option.id, [option.titel, option.id.replace("-", " "), *option.trefwoorden]
        for archetype in store.archetypes.values():
            yield "archetype", archetype.id, [archetype.naam, archetype.id.replace("-", " ")]
        for category, values in store.vocabulary.items():
            for value, phrases in values.items():
                if category != ORDINARY_WORDS:  # words to leave alone, not phrases to find: the normaliser's
                    yield category, value, list(phrases)

    def _doc(self, text: str) -> Doc:
        return self.nlp(text.lower())

    def analyse(self, text: str) -> Analysis:
        """Find every category's phrases in the normalised text; within a category the longest match wins.

        The analysis keeps the normalised text: mention offsets refer to it ('niet kwetsbaar' beats 'kwetsbaar').
        """
        text = self.normaliser.correct(text or "")
        doc = self.nlp(text)
        spans_by_category: dict[str, list[Span]] = {}
        for match_id, start, end in self.matcher(doc):
            label = self.nlp.vocab.strings[match_id]
            spans_by_category.setdefault(label.split("|", 1)[0], []).append(Span(doc, start, end, label=label))
        analysis = Analysis(text=text)
        for category, spans in spans_by_category.items():
            kept = sorted(filter_spans(spans), key=lambda s: s.start)
            analysis.mentions[category] = [Mention(s.label_.split("|", 1)[1], s.start_char, s.end_char) for s in kept]
        return analysis

    def find_options(self, text: str) -> list[str]:
        """Option ids named in the text, most mentioned first (ties in text order)."""
        values = self.analyse(text).all("optie")
        return sorted(dict.fromkeys(values), key=lambda v: -values.count(v))

    def find_archetype(self, text: str) -> str | None:
        """The archetype id named in the text, if any."""
        values = self.analyse(text).values("archetype")
        return values[0] if values else None


def option_number(text: str) -> int | None:
    """The position the user refers to ('optie 2', 'nummer 3', 'de tweede', '2'); -1 means the last one."""
    lowered = (text or "").lower()
    match = NUMBER_PATTERN.search(lowered)
    if match:
        return int(next(group for group in match.groups() if group))
    ordinal = ORDINAL_PATTERN.search(lowered)
    return ORDINALS[ordinal.group(1)] if ordinal else None


def initiative_cues(text: str) -> list[tuple[int, int]]:
    """Character spans where the text speaks about who started the initiative."""
    return [match.span() for match in INITIATIVE_CUES.finditer((text or "").lower())]


def has_wish_cue(text: str) -> bool:
    """True when the text speaks about what residents want."""
    return bool(WISH_CUES.search((text or "").lower()))

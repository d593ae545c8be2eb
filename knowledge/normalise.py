"""Putting professionals' spelling onto the knowledge vocabulary: typos, diminutives, plurals and compounds.

One implementation serves both readers of free text: the NLU component that canonicalises the `ruimte`
entity (bot/nlu/) and the intake reader of the knowledge layer (knowledge/intake.py), so "protieken",
"bewonerscommisie", "wijkzwembad" and "speeltuintje" are read the same everywhere.

A word is left as it is when it is in the vocabulary or a known Dutch word form (the lemma table of
spacy-lookups-data). Otherwise, in this order: a diminutive or plural ending is stripped ("portiekjes"), the head
of a compound is taken (Dutch compounds are head-final: "wijkzwembad" -> "zwembad"), or the nearest vocabulary word
is taken for words of six letters or more that start with the same letter, within one edit, or two for words of
nine letters or more (rapidfuzz's Damerau-Levenshtein distance, so a swapped pair of letters is one edit; typos
seldom hit the first letter, names such as "Lindenhof" often differ there from "binnenhof").
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.schema import ORDINARY_WORDS, read_vocabulary

WORD = re.compile(r"\w+", re.UNICODE)
# Longest first, so "portiekjes" loses "jes" before "s" is tried.
# Spoken short forms written out, so phrases match: "een oogje in 't zeil", "'n paar bewoners".
CLITICS = {"t": "het", "n": "een"}
CLITIC = re.compile(r"(?<!\w)['’](t|n)\b")
ENDINGS = ("etjes", "tjes", "pjes", "jes", "etje", "tje", "pje", "je", "en", "s")
MIN_FUZZY_LENGTH = 6
MAX_EDITS = 2
LONG_WORD = 9  # two edits from this length on, one below it ("beginnen" is not "bergingen")
MIN_HEAD_LENGTH = 5
MIN_MODIFIER_LENGTH = 3
MIN_STEM = 3  # the shortest vocabulary word an ending is taken off for
MIN_KNOWN_STEM = 4  # the same for a word spaCy knows ("zes" is not "ze" + s)
Vocabulary = Mapping[str, Any]  # category -> {value: phrases}, or a plain list (onbekend, gewone_woorden)


@dataclass(frozen=True)
class Found:
    """A canonical value found in a text, with the character span of the words it was read from."""

    value: str
    start: int
    end: int


class Normaliser:
    """Maps words onto the vocabulary's words and phrases onto canonical values, per category."""

    def __init__(self, vocabulary: Vocabulary, known_words: Container[str] = frozenset()):
        self.phrases: dict[str, dict[tuple[str, ...], str]] = {}
        for category, values in vocabulary.items():
            if isinstance(values, Mapping):
                table = {tuple(WORD.findall(p.lower())): value for value, phrases in values.items() for p in phrases}
                self.phrases[category] = {words: value for words, value in table.items() if words}
        self.lexicon = frozenset(w for table in self.phrases.values() for words in table for w in words)
        self.ordinary = frozenset(vocabulary.get(ORDINARY_WORDS, []))
        self.known_words: Container[str] = _Either(known_words, self.ordinary) if self.ordinary else known_words
        self._fuzzy_choices: dict[str, list[str]] = {}
        for w in sorted(self.lexicon):
            if len(w) >= MIN_FUZZY_LENGTH - MAX_EDITS:
                self._fuzzy_choices.setdefault(w[0], []).append(w)
        self._heads = sorted((w for w in self.lexicon if len(w) >= MIN_HEAD_LENGTH), key=len, reverse=True)
        self._longest = max((len(words) for table in self.phrases.values() for words in table), default=1)

    def word(self, token: str, heads: bool = True) -> str:
        """The vocabulary word a (lower-case) token stands for, or the token itself; with `heads` off, a compound
        stays as it is ("zorgorganisatie" is not "organisatie")."""
        if token in self.lexicon or token in self.ordinary or not token.isalpha():
            return token
        # Also for known words ("moestuintje" is a moestuin), but not onto a short word ("willen" is not "wil").
        shortest = MIN_KNOWN_STEM if token in self.known_words else MIN_STEM
        for ending in ENDINGS:
            stem = token[: -len(ending)]
            if token.endswith(ending) and len(stem) >= shortest and stem in self.lexicon:
                return stem
            doubled = len(stem) > shortest and stem[-2:-1] == stem[-1:]
            if token.endswith(ending) and doubled and stem[:-1] in self.lexicon:
                return stem[:-1]  # a consonant doubled before the ending: traphallen
        if token in self.known_words:
            return token
        head = heads and next(
            (h for h in self._heads if token.endswith(h) and len(token) - len(h) >= MIN_MODIFIER_LENGTH), None
        )
        if head:
            return head
        return self._nearest(token) or token

    def _nearest(self, token: str) -> str | None:
        choices = self._fuzzy_choices.get(token[0], []) if len(token) >= MIN_FUZZY_LENGTH else []
        edits = MAX_EDITS if len(token) >= LONG_WORD else 1
        match = process.extractOne(token, choices, scorer=DamerauLevenshtein.distance, score_cutoff=edits)
        return match[0] if match else None

    def correct(self, text: str, heads: bool = True) -> str:
        """The text in lower case with every word put onto the vocabulary where it stands for a vocabulary word
        (compounds onto their head unless `heads` is off)."""
        lowered = CLITIC.sub(lambda m: CLITICS[m.group(1)], (text or "").lower())
        return WORD.sub(lambda m: self.word(m.group(0), heads), lowered)

    def find(self, category: str, text: str) -> list[Found]:
        """Every value of a category named in the text, in text order; the longest phrase wins where they overlap.

        A word that is no phrase itself but opens with one of the category's words also names it: in
        "de portiekschoonmaak" the message is about the portiek, although the compound's head is the cleaning.
        """
        table = self.phrases.get(category, {})
        tokens = [(self.word(m.group(0)), m.start(), m.end(), m.group(0)) for m in WORD.finditer((text or "").lower())]
        found: list[Found] = []
        position = 0
        while position < len(tokens):
            for size in range(min(self._longest, len(tokens) - position), 0, -1):
                words = tuple(t[0] for t in tokens[position : position + size])
                if words in table:
                    found.append(Found(table[words], tokens[position][1], tokens[position + size - 1][2]))
                    position += size
                    break
            else:
                modifier = self._modifier(category, tokens[position][3])
                if modifier:
                    found.append(Found(modifier, tokens[position][1], tokens[position][2]))
                position += 1
        return found

    def _modifier(self, category: str, token: str) -> str | None:
        """The value of a category word that opens an unknown compound ("portiekschoonmaak", "groenonderhoud")."""
        if token in self.known_words or token in self.lexicon:
            return None
        for words, value in self.phrases.get(category, {}).items():
            if (
                len(words) == 1
                and len(words[0]) >= MIN_HEAD_LENGTH
                and token.startswith(words[0])
                and len(token) - len(words[0]) >= MIN_MODIFIER_LENGTH + 1
            ):
                return value
        return None

    def canonical(self, category: str, phrase: str) -> str | None:
        """The canonical value a short phrase (an entity's text) names: a phrase of the category, else a word in it.

        A word that merely contains a vocabulary word of the category also counts here ("speeltuinvereniging"
        is about the speeltuin), because the phrase is already known to name one.
        """
        found = self.find(category, phrase)
        if found:
            return found[0].value
        singles = {words[0]: value for words, value in self.phrases.get(category, {}).items() if len(words) == 1}
        for token in WORD.findall((phrase or "").lower()):
            inside = [w for w in singles if len(w) >= MIN_HEAD_LENGTH and w in token]
            if inside:
                return singles[max(inside, key=len)]
        return None


class _Either:
    """Words in either of two containers."""

    def __init__(self, first: Container[str], second: Container[str]) -> None:
        self._first, self._second = first, second

    def __contains__(self, word: object) -> bool:
        return word in self._first or word in self._second


class KnownWords:
    """Dutch word forms spelled right (so never 'corrected'): the forms and lemmas of a spaCy lemma table."""

    def __init__(self, lemma_table: Any):
        self._table = lemma_table
        self._lemmas = frozenset(lemma_table.values())

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self._table or word in self._lemmas)


@lru_cache(maxsize=1)
def spacy_known_words() -> KnownWords:
    """The known Dutch words of spacy-lookups-data's lemma table (read once per process)."""
    from spacy.lookups import load_lookups

    return KnownWords(load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup"))


@lru_cache(maxsize=1)
def vocabulary_normaliser() -> Normaliser:
    """The normaliser over the knowledge vocabulary shipped with the code (read once per process)."""
    return Normaliser(read_vocabulary(), spacy_known_words())

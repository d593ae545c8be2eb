"""Maintainers' command line: `python -m knowledge validate|load|export|stats|explain|advise`.

`advise` and `explain` read only the store; spaCy (the phrase index) is loaded only for `--motivatie`, because
importing it takes seconds and the rest of the advice does not need it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.loader import (
    CONTENT_DIR,
    KnowledgeDatabaseError,
    database_url,
    ensure_database,
    export,
    fingerprint,
    load,
    make_engine,
)
from knowledge.presentation import advice_payload, advice_text
from knowledge.recommend import Profile, rank, recommend
from knowledge.schema import INITIATIEFNEMERS, ROLLEN, RUIMTES, UNKNOWN, ContentError, read_content
from knowledge.store import KnowledgeStore

if TYPE_CHECKING:
    from knowledge.matching import PhraseIndex

KWETSBAAR = {"ja": True, "nee": False}


def _validate(args: argparse.Namespace) -> int:
    content = read_content(args.content)
    counts = ", ".join(f"{name}: {len(entries)}" for name, entries in content.entries.items())
    print(f"Inhoud in {args.content} is geldig ({counts}).")
    return 0


def _load(args: argparse.Namespace) -> int:
    engine = make_engine(args.db)
    load(read_content(args.content), engine, fingerprint(args.content))
    print(f"Inhoud geladen in {engine.url.render_as_string(hide_password=True)}.")
    return 0


def _export(args: argparse.Namespace) -> int:
    engine = ensure_database(args.db, args.content)
    for path in export(engine, args.out):
        print(f"geschreven: {path}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    store = KnowledgeStore(ensure_database(args.db, args.content))
    findings = Counter(kind for a in store.archetypes.values() for kind, items in a.findings.items() for _ in items)
    print(f"bronnen                  {len(store.sources)}")
    print(f"archetypen               {len(store.archetypes)}")
    for kind, count in sorted(findings.items()):
        print(f"  {kind:<23}{count}")
    print(f"menukaartopties          {len(store.options)}")
    print(f"praktijkvoorbeelden      {len(store.examples)}")
    print(f"cijfers                  {len(store.figures)}")
    print(f"facilitering             {len(store.facilitation)}")
    print(f"waarschuwingen           {len(store.warnings)}")
    print(f"stappen                  {len(store.steps)}")
    print(f"woordenschat             {sum(len(p) for v in store.vocabulary.values() for p in v.values())} termen")
    return 0


def _phrase_index(store: KnowledgeStore, motivatie: str | None) -> PhraseIndex | None:
    """The spaCy phrase index, built only when there are residents' own words to read."""
    if not motivatie:
        return None
    from knowledge.matching import PhraseIndex  # imports spaCy: seconds, so only when needed

    return PhraseIndex(store)


def _profile(args: argparse.Namespace) -> Profile:
    """The profile given on the command line; a missing argument or 'onbekend' is not known."""
    return Profile(
        args.ruimte,
        args.initiatiefnemer,
        args.rol,
        KWETSBAAR.get(args.kwetsbaar or ""),
        args.corporatie_doel,
        args.motivatie or "",
    )


def _explain(args: argparse.Namespace) -> int:
    store = KnowledgeStore(ensure_database(args.db, args.content))
    profile = _profile(args)
    index = _phrase_index(store, profile.motivatie)
    advice = recommend(store, profile, index)
    chosen = {r.option.id for r in advice.options}
    for position, ranked in enumerate(rank(store, profile, index), start=1):
        parts = "  ".join(f"{c.factor}={c.punten:.2f}" for c in ranked.bijdragen)
        why_not = "" if ranked.past else f"  (past niet: {ranked.bijdragen[0].reden})"
        mark = "*" if ranked.option.id in chosen else " "
        print(f"{mark}{position:>3}. {ranked.score:.2f}  {ranked.option.id:<26} {parts}{why_not}")
    print(
        f"\n* = in het advies ({advice.fitting} passend). "
        "Waarschuwingen: " + (", ".join(w.code for w in advice.warnings) or "geen")
    )
    print("Stappen: " + ", ".join(s.id for s in advice.steps))
    return 0


def _advise(args: argparse.Namespace) -> int:
    store = KnowledgeStore(ensure_database(args.db, args.content))
    profile = _profile(args)
    advice = recommend(store, profile, _phrase_index(store, profile.motivatie))
    if args.json:
        print(json.dumps(advice_payload(advice), ensure_ascii=False, indent=2))
    else:
        print(advice_text(advice))
    return 0


def _profile_arguments(parser: argparse.ArgumentParser) -> None:
    """The profile arguments shared by `explain` and `advise`; each may be left out or 'onbekend'."""
    parser.add_argument("--ruimte", choices=(*RUIMTES, UNKNOWN))
    parser.add_argument("--initiatiefnemer", choices=(*INITIATIEFNEMERS, UNKNOWN))
    parser.add_argument("--rol", choices=(*ROLLEN, UNKNOWN))
    parser.add_argument("--kwetsbaar", choices=("ja", "nee", UNKNOWN))
    parser.add_argument("--corporatie-doel", action="store_true", help="de organisatie noemde eigen doelen")
    parser.add_argument("--motivatie", help="de woorden van de bewoners zelf (laadt spaCy)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the maintainers' command line."""
    parser = argparse.ArgumentParser(prog="python -m knowledge", description="Beheer van de kennisbank zelfbeheer.")
    parser.add_argument("--content", type=Path, default=CONTENT_DIR, help="map met de YAML-bestanden")
    parser.add_argument("--db", default=None, help="SQLAlchemy-URL (standaard KNOWLEDGE_DB_URL of de SQLite in var/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="controleer de YAML zonder iets te laden").set_defaults(func=_validate)
    sub.add_parser("load", help="laad de YAML in de database (in één transactie)").set_defaults(func=_load)
    exp = sub.add_parser("export", help="schrijf de database terug als YAML")
    exp.add_argument("out", type=Path, help="doelmap")
    exp.set_defaults(func=_export)
    sub.add_parser("stats", help="tel wat er in de kennisbank staat").set_defaults(func=_stats)
    explain = sub.add_parser("explain", help="laat zien hoe de opties voor een profiel scoren")
    _profile_arguments(explain)
    explain.set_defaults(func=_explain)
    advise = sub.add_parser("advise", help="het advies voor een profiel, zoals de bot het geeft")
    _profile_arguments(advise)
    advise.add_argument("--json", action="store_true", help="het custom-object menukaart_advies van de bot")
    advise.set_defaults(func=_advise)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; invalid content or an unusable database gives a Dutch message and exit code 1."""
    args = build_parser().parse_args(argv)
    args.db = args.db or database_url()
    try:
        return args.func(args)
    except (ContentError, KnowledgeDatabaseError) as err:
        print(err, file=sys.stderr)
        return 1

"""Maintainers' command line: `python -m knowledge validate|load|export|stats|explain`."""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import List, Optional

from knowledge.loader import (CONTENT_DIR, KnowledgeDatabaseError, database_url, ensure_database, export, fingerprint,
                              load, make_engine)
from knowledge.matching import PhraseIndex
from knowledge.recommend import Profile, rank, recommend
from knowledge.schema import INITIATIEFNEMERS, ROLLEN, RUIMTES, ContentError, read_content
from knowledge.store import KnowledgeStore


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
    print(f"woordenschat             {sum(len(p) for v in store.vocabulary.values() for p in v.values())} termen")
    return 0


def _explain(args: argparse.Namespace) -> int:
    store = KnowledgeStore(ensure_database(args.db, args.content))
    index = PhraseIndex(store)
    kwetsbaar = {"ja": True, "nee": False}.get(args.kwetsbaar or "")
    profile = Profile(args.ruimte, args.initiatiefnemer, args.rol, kwetsbaar, args.corporatie_doel, args.motivatie or "")
    advice = recommend(store, profile, index)
    chosen = {r.option.id for r in advice.options}
    for position, ranked in enumerate(rank(store, profile, index), start=1):
        parts = "  ".join(f"{c.factor}={c.punten:.2f}" for c in ranked.bijdragen)
        mark = "*" if ranked.option.id in chosen else " "
        print(f"{mark}{position:>3}. {ranked.score:.2f}  {ranked.option.id:<22} {parts}")
    print("\n* = in het advies. Waarschuwingen: " + (", ".join(w.code for w in advice.warnings) or "geen"))
    return 0


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
    exp = sub.add_parser("explain", help="laat zien hoe de opties voor een profiel scoren")
    exp.add_argument("--ruimte", choices=RUIMTES)
    exp.add_argument("--initiatiefnemer", choices=INITIATIEFNEMERS)
    exp.add_argument("--rol", choices=ROLLEN)
    exp.add_argument("--kwetsbaar", choices=("ja", "nee"))
    exp.add_argument("--corporatie-doel", action="store_true")
    exp.add_argument("--motivatie", help="de woorden van de bewoners zelf")
    exp.set_defaults(func=_explain)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line; invalid content or an unusable database gives a Dutch message and exit code 1."""
    args = build_parser().parse_args(argv)
    args.db = args.db or database_url()
    try:
        return args.func(args)
    except (ContentError, KnowledgeDatabaseError) as err:
        print(err, file=sys.stderr)
        return 1

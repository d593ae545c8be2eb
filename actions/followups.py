"""Answers to follow-up questions, straight from the knowledge store and always with sources."""

from __future__ import annotations

import abc

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.formatting import Citations, statements_text
from actions.intake import IntakeAwareAction
from actions.knowledge_access import index, store
from actions.profile import advised_option_ids, latest_text
from knowledge.matching import option_number
from knowledge.recommend import INSPANNING_LABELS, ROL_LABELS, RUIMTE_LABELS
from knowledge.store import ArchetypeInfo, Option, PracticeExample, Statement

DEFAULT_ARCHETYPE = "zelfbeheer"
MAX_ITEMS = 5


def _context_archetype(tracker: Tracker, named: str | None) -> ArchetypeInfo:
    """`named` (the archetype in the user's text), else that of the best advised option, else zelfbeheer."""
    kb = store()
    advised = [kb.option(i) for i in advised_option_ids(tracker)]
    candidates = [named] + [o.archetype_id for o in advised if o] + [DEFAULT_ARCHETYPE]
    return next(a for a in (kb.archetype(c) for c in candidates if c) if a is not None)


def _evidence_context(tracker: Tracker) -> tuple[ArchetypeInfo, tuple[str, ...]]:
    """The archetype in context and the options to look up evidence for (none when an archetype is named)."""
    named = index().find_archetype(latest_text(tracker))
    archetype = _context_archetype(tracker, named)
    if named:
        return archetype, ()
    option = resolve_option(tracker)
    return archetype, (option.id,) if option else tuple(advised_option_ids(tracker))


def _example_label(example: PracticeExample) -> str:
    """Title, place, organisation and year of a practice example."""
    year = f", {example.jaar}" if example.jaar else ""
    return f"{example.titel} ({example.plaats}; {example.organisatie}{year})"


def _option_buttons(option_ids: list[str]) -> list[dict]:
    kb = store()
    return [
        {"title": kb.options[i].titel, "payload": f'/ask_option_details{{"optie": "{i}"}}'}
        for i in option_ids
        if i in kb.options
    ]


def resolve_option(tracker: Tracker) -> Option | None:
    """The option the user asks about: a button's id, a name in the text, or a number in the latest advice."""
    kb = store()
    for value in tracker.get_latest_entity_values("optie"):
        if isinstance(value, str) and value in kb.options:
            return kb.options[value]
    text = latest_text(tracker)
    named = index().find_options(text)
    if named:
        return kb.options[named[0]]
    advised = advised_option_ids(tracker)
    number = option_number(text)
    if number and advised:
        position = len(advised) if number == -1 else number
        if 1 <= position <= len(advised):
            return kb.option(advised[position - 1])
    return None


class ActionOptionDetails(IntakeAwareAction):
    """Details of one menukaart option, by name or by its number in the advice."""

    def name(self) -> str:
        return "action_option_details"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        option = resolve_option(tracker)
        advised = advised_option_ids(tracker)
        if option is None:
            if advised:
                dispatcher.utter_message(
                    text=f"Welke optie bedoel je? Je kunt een nummer van 1 tot {len(advised)} "
                    "noemen of de naam van de optie.",
                    buttons=_option_buttons(advised),
                )
            else:
                names = ", ".join(o.titel.lower() for o in list(store().options.values())[:4])
                dispatcher.utter_message(
                    text="Welke optie van de menukaart bedoel je? Noem de naam, bijvoorbeeld: "
                    f"{names}. Of vraag eerst om advies, dan nummer ik de opties."
                )
            return []
        cite = Citations()
        ruimtes = ", ".join(RUIMTE_LABELS.get(r, r) for r in option.ruimtes)
        lines = [
            f"{option.titel}: {option.samenvatting} {cite.mark(option.bron)}",
            f"- Wat bewoners doen: {option.bewoners_doen}",
            f"- Wat de organisatie biedt: {option.organisatie_biedt}",
            f"- Past bij: {ruimtes}",
            f"- Rol van bewoners: {ROL_LABELS.get(option.rol, option.rol)}; "
            f"inspanning {INSPANNING_LABELS.get(option.inspanning, option.inspanning)}",
        ]
        if option.veiligheid:
            warning = store().warnings.get("veiligheid")
            if warning:
                lines.append(f"- Let op: {warning.tekst} {cite.mark(warning.bron)}")
        examples = store().examples_for((option.id,))[:2]
        lines += [f"- Voorbeeld: {_example_label(x)} {cite.mark(x.bron)}" for x in examples]
        dispatcher.utter_message(text="\n".join(lines + ["", cite.block()]))
        return []


class _ArchetypeListAction(IntakeAwareAction):
    """Lists one kind of finding of the archetype in context (abstract: not registered as an action)."""

    kind = ""
    intro = ""
    outro: str | None = None

    @abc.abstractmethod
    def name(self) -> str:
        """The action's name."""

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        archetype = _context_archetype(tracker, index().find_archetype(latest_text(tracker)))
        statements = self.statements(archetype)[:MAX_ITEMS]
        dispatcher.utter_message(
            text=statements_text(self.intro.format(naam=archetype.naam.lower()), statements, self.outro)
        )
        return []

    def statements(self, archetype: ArchetypeInfo) -> list[Statement]:
        """The statements to list."""
        return list(archetype.findings[self.kind])


class ActionSuccessFactors(_ArchetypeListAction):
    """Success factors and active ingredients of the archetype in context."""

    intro = "Wat volgens de praktijk en het onderzoek werkt bij {naam}:"
    outro = "Wil je ook weten wat er vaak misgaat? Vraag dan naar de valkuilen."

    def name(self) -> str:
        return "action_success_factors"

    def statements(self, archetype: ArchetypeInfo) -> list[Statement]:
        factors = list(archetype.findings["succesfactoren"])
        return factors[:3] + list(archetype.findings["werkzame_bestanddelen"])[:2] + factors[3:]


class ActionPitfalls(_ArchetypeListAction):
    """Pitfalls of the archetype in context."""

    kind = "valkuilen"
    intro = "Valkuilen bij {naam} om op te letten:"
    outro = "Vraag gerust naar de succesfactoren of naar wat jullie organisatie kan bieden."

    def name(self) -> str:
        return "action_pitfalls"


class ActionArchetype(IntakeAwareAction):
    """An archetype: summary, strength of evidence and what makes it work; or the list of archetypes."""

    def name(self) -> str:
        return "action_archetype"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        kb = store()
        named = index().find_archetype(latest_text(tracker))
        cite = Citations()
        if named:
            archetype = kb.archetypes[named]
            lines = [f"Archetype {archetype.naam}: {archetype.samenvatting} {cite.mark(archetype.bron)}"]
            if archetype.bewijskracht:
                lines.append(f"Bewijskracht: {archetype.bewijskracht}")
            lines.append("Werkzame bestanddelen:")
            lines += [
                f"- {s.tekst} {cite.mark(s.bron)}" for s in archetype.findings["werkzame_bestanddelen"][:MAX_ITEMS]
            ]
            lines += ["Randvoorwaarden:"] + [
                f"- {s.tekst} {cite.mark(s.bron)}" for s in archetype.findings["randvoorwaarden"][:3]
            ]
        else:
            core = kb.archetypes.get(DEFAULT_ARCHETYPE)
            marker = f" {cite.mark(core.bron)}" if core else ""
            lines = [
                "Een archetype beschrijft een type aanpak in de wijk dat op veel plaatsen is uitgeprobeerd, met wat "
                f"erin werkt{marker}. Ik ken deze archetypen van Platform31 / Wat Werkt in de Wijk:"
            ]
            lines += [f"- {a.naam}: {a.samenvatting} {cite.mark(a.bron)}" for a in kb.archetypes.values()]
            lines.append("Vraag naar een van deze archetypen voor de werkzame bestanddelen.")
        dispatcher.utter_message(text="\n".join(lines + ["", cite.block()]))
        return []


class ActionExamples(IntakeAwareAction):
    """Practice examples that fit the advised options or the archetype in context."""

    def name(self) -> str:
        return "action_examples"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        archetype, option_ids = _evidence_context(tracker)
        cite = Citations()
        lines = ["Voorbeelden uit de praktijk:"]
        lines += [
            f"- {_example_label(x)}: {x.beschrijving} {cite.mark(x.bron)}"
            for x in store().examples_for(option_ids, archetype.id)[:3]
        ]
        dispatcher.utter_message(text="\n".join(lines + ["", cite.block()]))
        return []


class ActionEvidence(IntakeAwareAction):
    """Figures from studies and the strength of evidence, for the advice or archetype in context."""

    def name(self) -> str:
        return "action_evidence"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        archetype, option_ids = _evidence_context(tracker)
        cite = Citations()
        lines = ["Wat cijfers en onderzoek zeggen:"]
        lines += [
            f"- {f.waarde}: {f.tekst} {cite.mark(f.bron)}" for f in store().figures_for(option_ids, archetype.id)[:4]
        ]
        if archetype.bewijskracht:
            lines.append(
                f"- Bewijskracht van het archetype {archetype.naam.lower()}: "
                f"{archetype.bewijskracht} {cite.mark(archetype.bron)}"
            )
        dispatcher.utter_message(text="\n".join(lines + ["", cite.block()]))
        return []


class ActionFacilitation(IntakeAwareAction):
    """What the corporation or municipality can offer, with the facilitation of the option in context."""

    def name(self) -> str:
        return "action_facilitation"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        kb = store()
        statements = list(kb.facilitation[:MAX_ITEMS])
        option = resolve_option(tracker) or next(
            (kb.option(i) for i in advised_option_ids(tracker) if kb.option(i)), None
        )
        if option:
            statements.insert(0, Statement(f"Bij '{option.titel}': {option.organisatie_biedt}", option.bron))
        dispatcher.utter_message(
            text=statements_text(
                "Wat jullie als organisatie kunnen bieden:",
                statements,
                "Wil je weten wat er vaak misgaat? Vraag dan naar de valkuilen.",
            )
        )
        return []

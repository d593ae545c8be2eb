"""Reading intake answers from free Dutch text (knowledge.intake.read_intake)."""

from __future__ import annotations

import pytest

from knowledge.intake import UNKNOWN, corrected_part, read_intake

CASES = [
    # text, asked, expected (exactly)
    # a conclusion closes the answer; who joined later or only helped did not start it; someone else's role
    (
        "wij eigenlijk, al had de huurdersvereniging het ook al eens genoemd. dus toch de hv",
        "initiatiefnemer",
        {"initiatiefnemer": "bewoners"},
    ),
    ("de stad dus, dat is hun besluit geweest", "initiatiefnemer", {"initiatiefnemer": "gemeente"}),
    (
        "een buurman van drie hoog, ze zijn er als bewoners mee begonnen en de gemeente is later aangesloten",
        "initiatiefnemer",
        {"initiatiefnemer": "bewoners"},
    ),
    ("de gemeente heeft de plantenbakken betaald en wij ondersteunen", "initiatiefnemer", {"ruimte": "groen"}),
    (
        "vorig jaar vroegen de huurders mij of ze het speelveldje mochten bijhouden",
        None,
        {"ruimte": "speelplek", "initiatiefnemer": "bewoners"},
    ),
    (
        "dat komt ons wel heel goed uit, wij als corporatie hebben er een doel voor",
        "initiatiefnemer",
        {"organisatie": "corporatie"},
    ),
    # the role: a refusal after what is refused, what stays with someone else, what a residents' group does
    (
        "meepraten over het ontwerp graag. vegen en poetsen hebben de meesten weinig zin in",
        "bewonersrol",
        {"bewonersrol": "meedenken"},
    ),
    (
        "koffie schenken wel. de zaalverhuur willen ze bij het welzijnswerk houden",
        "bewonersrol",
        {"bewonersrol": "zelf_doen"},
    ),
    (
        "een groepje bewoners dat elke maand de galerij controleert en meldt wat stuk is. ze willen ook meepraten",
        "bewonersrol",
        {"ruimte": "trappenhuis", "bewonersrol": "toezicht"},
    ),
    ("ze willen het budget van de hovenier zelf ontvangen", "bewonersrol", {"bewonersrol": "zelf_beheren"}),
    ("zelf planten en water geven", "bewonersrol", {"bewonersrol": "zelf_doen"}),
    ("they would like to keep an eye on it", "bewonersrol", {"bewonersrol": "toezicht"}),
    # a say in general, said in passing, leaves the role question open; what they might do later gives way
    ("kun je me helpen met een hofje waar de huurders meer invloed op willen", None, {"ruimte": "binnentuin"}),
    ("meer invloed, dat willen ze", "bewonersrol", {"bewonersrol": "meedenken"}),
    (
        "nu willen ze alleen maandelijks de schoonmaak controleren. later misschien zelf een bedrijf kiezen",
        "bewonersrol",
        {"bewonersrol": "toezicht"},
    ),
    (
        "het buurtwerk trekt zich terug en een paar buren hebben toen een vereniging opgericht",
        "initiatiefnemer",
        {"initiatiefnemer": "bewoners"},
    ),
    ("mwah nee, gewone buurt met veel starters", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
    ("tsja ja, er is best veel armoede", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    (
        "huurders willen de galerij zelf in de gaten houden. mooi meegenomen: ons team moet drie flats omzetten",
        None,
        {"ruimte": "trappenhuis", "bewonersrol": "toezicht"},
    ),
    # what a plan is or whom the speaker lets do something names no initiator; what only suits the organisation neither
    (
        "plan is dat huurders het beheer krijgen, dat hoort bij ons jaarplan",
        "initiatiefnemer",
        {"initiatiefnemer": "corporatie"},
    ),
    (
        "een paar huurders belden erover. voor ons kwam dat prima uit, de directie zoekt bezuinigingen",
        "initiatiefnemer",
        {"initiatiefnemer": "bewoners"},
    ),
    ("de verhuurder zag er wel een kans in, vertelde de opzichter tegen me", "initiatiefnemer", {}),
    (
        "wij zouden het als gemeente prima vinden als ze ook het onderhoud doen",
        "initiatiefnemer",
        {"organisatie": "gemeente"},
    ),
    ("de woonstichting", "initiatiefnemer", {"initiatiefnemer": "corporatie"}),
    (
        "wij hebben hier als woonstichting geen eigen doel mee. het plan kwam echt uit de wijk",
        "initiatiefnemer",
        {"initiatiefnemer": "bewoners", "organisatie": "corporatie"},
    ),
    # what stays with someone else refuses only its own subject
    (
        "lichte klussen doen ze zelf, harken en schoffelen, het zware snoeiwerk blijft bij de aannemer",
        "bewonersrol",
        {"bewonersrol": "zelf_doen"},
    ),
    ("een paar buren willen wel een stukje adopteren en bijhouden", "bewonersrol", {"bewonersrol": "zelf_doen"}),
    (
        "eerst alleen controleren, op den duur willen ze zelf een aannemer uitkiezen",
        "bewonersrol",
        {"bewonersrol": "zelf_beheren"},
    ),
    ("leefbaarometer zegt onvoldoende", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    (
        "volgens ons jaarplan moeten huurders de plantsoenen adopteren; dat drukt de kosten",
        None,
        {"ruimte": "groen"},
    ),
    (
        "de huurdersvereniging, omdat de tuinman steeds te vroeg in het seizoen alles weg komt maaien",
        "initiatiefnemer",
        {"initiatiefnemer": "bewoners"},
    ),
    # a self-correction with "of eigenlijk"
    ("nee, of eigenlijk wel, er is veel armoede", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    # green gives way to the more specific space it lies in or comes with; "naast" names another place
    ("de plantenbakken op de galerij", "ruimte", {"ruimte": "trappenhuis"}),
    ("een pluktuin in het hofje", "ruimte", {"ruimte": "binnentuin"}),
    ("het gras met een paar voetbaldoeltjes", "ruimte", {"ruimte": "speelplek"}),
    ("het plantsoen naast de speeltuin", "ruimte", {"ruimte": "groen"}),
    ("de koffiekamer in het complex", "ruimte", {"ruimte": "gemeenschappelijke_ruimte"}),
    ("de gangen van de flat", "ruimte", {"ruimte": "trappenhuis"}),
    ("een buurtvader wil de speeltuin opknappen", "ruimte", {"ruimte": "speelplek"}),  # no typo of buurtkamer
    # after a self-correction only what follows counts; whom someone asked, sought, works with or means is no initiator
    (
        "de huurdersvereniging, o wacht, eigenlijk hebben wij het zelf opgestart",
        "initiatiefnemer",
        {"initiatiefnemer": "corporatie"},
    ),
    (
        "de wijkmanager heeft een paar huurders benaderd of ze mee wilden doen",
        "initiatiefnemer",
        {"initiatiefnemer": "gemeente"},
    ),
    ("mijn vraag is vooral hoe we de huurders enthousiast krijgen", "initiatiefnemer", {}),
    (
        "volgens de afspraken met het stadsdeel moeten we hier zelfbeheer invoeren",
        "initiatiefnemer",
        {"initiatiefnemer": "corporatie"},
    ),
    ("het wijkteam vroeg me huurders te activeren voor de tuin", "initiatiefnemer", {"initiatiefnemer": "gemeente"}),
    ("ik werk bij de welzijnsstichting", None, {"organisatie": "gemeente"}),
    # vulnerability: hardship in everyday words, a verdict that closes the answer, a short yes
    ("er wonen veel gezinnen die nauwelijks rondkomen", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    ("de meeste mensen kunnen prima rondkomen", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
    ("mensen blijven er maar kort wonen en er is drugsoverlast", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    ("hier en daar wat eenzame ouderen, maar al met al niet", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
    ("lastig te zeggen, er speelt van alles, dus ik zou zeggen ja", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    ("jep", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    # "alles" is the top rung; work in the passive is done by someone else; a no right after a role denies it
    ("alles eigenlijk", "bewonersrol", {"bewonersrol": "zelf_beheren"}),
    ("ze willen meebeslissen over hoe vaak er gemaaid wordt", "bewonersrol", {"bewonersrol": "meedenken"}),
    ("meepraten over de beplanting graag, zelf schoffelen, nee", "bewonersrol", {"bewonersrol": "meedenken"}),
    ("gaat er een lamp kapot, dan appen ze mij", "bewonersrol", {"bewonersrol": "toezicht"}),
    ("ze willen een eigen kas voor de koffie en de bingo", "bewonersrol", {"bewonersrol": "zelf_beheren"}),
    # a self-correction turns the vulnerability answer round; an intensified yes is a yes
    (
        "ja, o wacht, ik haal twee buurten door elkaar: nee, dit is een welgestelde buurt",
        "kwetsbare_wijk",
        {"kwetsbare_wijk": False},
    ),
    ("heel erg ja", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    # not knowing, with whoever is named set aside; what was set up in the passive; a petition; a new job
    (
        "geen flauw idee, mijn voorganger heeft er niets over opgeschreven",
        "initiatiefnemer",
        {"initiatiefnemer": "onbekend"},
    ),
    ("vanuit het stadsdeel is vorig jaar een huurdersgroep opgericht", None, {"initiatiefnemer": "gemeente"}),
    ("er kwam een petitie uit de straat", "initiatiefnemer", {"initiatiefnemer": "bewoners"}),
    # an answer that opens with the first person is the speaker's side; a mention tied to the start beats the opening
    (
        "wij, na een hoop gedoe met de buren. ik heb toen een avond georganiseerd",
        "initiatiefnemer",
        {"initiatiefnemer": "corporatie"},
    ),
    (
        "de corporatie wilde het veldje sluiten, toen kwamen de ouders in actie; dat kwam echt vanuit henzelf",
        "initiatiefnemer",
        {"initiatiefnemer": "bewoners"},
    ),
    (
        "deels met de huurdersraad samen, maar wij hebben het onderwerp op tafel gelegd",
        "initiatiefnemer",
        {"initiatiefnemer": "corporatie"},
    ),
    (
        "wij hebben het voorgesteld als corporatie, maar het moet uit de huurders zelf komen",
        "initiatiefnemer",
        {"organisatie": "corporatie", "initiatiefnemer": "corporatie"},
    ),
    (
        "een paar vrouwen uit de flat zijn ermee naar de gemeente gestapt",
        "initiatiefnemer",
        {"initiatiefnemer": "bewoners"},
    ),
    # not knowing, unless it is followed by a guess
    (
        "geen idee, ik zit hier pas sinds maart; het stadsdeel betaalt wel mee",
        "initiatiefnemer",
        {"initiatiefnemer": "onbekend"},
    ),
    ("weet ik niet precies, de bewonerscommissie denk ik", "initiatiefnemer", {"initiatiefnemer": "bewoners"}),
    (
        "er zijn een paar bewoners gestart met een moestuin",
        "initiatiefnemer",
        {"ruimte": "groen", "initiatiefnemer": "bewoners"},
    ),
    ("er is onrust onder de huurders sinds de gemeente de bankjes weghaalde", None, {}),
    (
        "ik ben in mei begonnen als wijkconsulent en er is een groepje vrijwilligers actief",
        None,
        {"organisatie": "corporatie"},
    ),
    # the menukaart for a space is a document, not the space
    ("we hebben ze de menukaart groen gegeven voor hun hofje", "ruimte", {"ruimte": "binnentuin"}),
    # an example of what residents want a say in is no role; a refusal pointing forward, or leaving it with the
    # organisation, denies; what the organisation would like to see is not the residents' wish
    (
        "ze willen inspraak in het groenplan, bijvoorbeeld de heg vaker snoeien",
        "bewonersrol",
        {"ruimte": "groen", "bewonersrol": "meedenken"},
    ),
    (
        "dat doen ze echt niet, zelf ramen lappen. schade melden willen ze wel",
        "bewonersrol",
        {"bewonersrol": "toezicht"},
    ),
    ("bardiensten draaien ze al, de verhuur laten ze liefst bij ons", "bewonersrol", {"bewonersrol": "zelf_doen"}),
    ("ze willen mee bepalen welke planten er komen", "bewonersrol", {"bewonersrol": "meedenken"}),
    (
        "meepraten over het meubilair willen ze, al zou de corporatie graag zien dat ze later alles beheren",
        "bewonersrol",
        {"bewonersrol": "meedenken"},
    ),
    ("eigenlijk niet, op een paar oudere mensen na", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
    ("het buurtbad naast de school", "ruimte", {"ruimte": "zwembad"}),
    # what the organisation wants of residents names no initiator; a new subject after an introduction is not the
    # speaker's employer; an initiative that suits the organisation says nothing about who started it
    (
        "wij willen eigenlijk dat een huurdersgroep het zaaltje overneemt, dan zijn we er vanaf",
        "initiatiefnemer",
        {"ruimte": "gemeenschappelijke_ruimte", "initiatiefnemer": "corporatie"},
    ),
    (
        "ik ben woonconsulent en het stadsdeel heeft bij ons aangeklopt",
        None,
        {"organisatie": "corporatie", "initiatiefnemer": "gemeente"},
    ),
    ("voor ons komt het trouwens goed uit, we moeten flink besparen", "initiatiefnemer", {}),
    (
        "we willen van het groenonderhoud af, al weet ik niet wie dat ooit begonnen is",
        "initiatiefnemer",
        {"initiatiefnemer": "onbekend"},
    ),
    # residents quoted in the first person; what they would report; the passive with a typo; the organisation's aim
    ("ze zeiden letterlijk: we lopen wel mee en we bellen als er wat is", "bewonersrol", {"bewonersrol": "toezicht"}),
    (
        "melden waar de stoeptegels los liggen of waar het onkruid hoog staat, meer niet",
        "bewonersrol",
        {"bewonersrol": "toezicht"},
    ),
    ("er word nooit gedweild, ze willen vooral meedenken", "bewonersrol", {"bewonersrol": "meedenken"}),
    (
        "wij hebben als doel dat de recreatieruimte straks door de huurders zelf beheerd wordt",
        None,
        {"ruimte": "gemeenschappelijke_ruimte"},
    ),
    ("we bungelen onderaan de leefbaarometer", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    # a wish that announces a list after a colon covers the whole list; "ho maar" denies
    (
        "ze willen de boel zelf draaien: de bardienst, de verhuur, de begroting",
        "bewonersrol",
        {"bewonersrol": "zelf_beheren"},
    ),
    (
        "meedenken over de inrichting willen ze wel, de tuin zelf bijhouden ho maar",
        "bewonersrol",
        {"bewonersrol": "meedenken"},
    ),
    ("het gaat om de portiek", None, {"ruimte": "trappenhuis"}),
    ("hofje", None, {"ruimte": "binnentuin"}),
    ("geveltuin", None, {"ruimte": "groen"}),
    ("de galerij van de flat", "ruimte", {"ruimte": "trappenhuis"}),
    ("het trappenhuis van de portiekflat", None, {"ruimte": "trappenhuis"}),
    ("de binnenplaats tussen de blokken", "ruimte", {"ruimte": "binnentuin"}),
    ("de gezamenlijke tuin achter het complex", None, {"ruimte": "binnentuin"}),
    ("een klein parkje in de wijk", "ruimte", {"ruimte": "groen"}),
    ("de speeltuin om de hoek", None, {"ruimte": "speelplek"}),
    ("het wijkcentrum", "ruimte", {"ruimte": "buurthuis"}),
    ("het openluchtbad dat dicht dreigt te gaan", "ruimte", {"ruimte": "zwembad"}),
    ("de ontmoetingsruimte op de begane grond", "ruimte", {"ruimte": "gemeenschappelijke_ruimte"}),
    ("wij als corporatie", "initiatiefnemer", {"initiatiefnemer": "corporatie", "organisatie": "corporatie"}),
    ("de woningbouwcorporatie", "initiatiefnemer", {"initiatiefnemer": "corporatie"}),
    ("het stadsdeel", "initiatiefnemer", {"initiatiefnemer": "gemeente"}),
    ("de huurdersvereniging", "initiatiefnemer", {"initiatiefnemer": "bewoners"}),
    ("de bewoners willen zelf schoffelen", None, {"bewonersrol": "zelf_doen"}),
    ("de bewonerscommissie kwam met het idee", None, {"initiatiefnemer": "bewoners"}),
    ("het initiatief komt van de gemeente", None, {"initiatiefnemer": "gemeente"}),
    ("ze willen vooral meepraten", None, {"bewonersrol": "meedenken"}),
    ("ze willen de schoonmaak controleren", "bewonersrol", {"bewonersrol": "toezicht"}),
    ("ze willen het beheer overnemen", None, {"bewonersrol": "zelf_beheren"}),
    ("niet alleen meedenken maar ook zelf doen", "bewonersrol", {"bewonersrol": "zelf_doen"}),  # last mention
    ("niet kwetsbaar", None, {"kwetsbare_wijk": False}),
    ("ja een kwetsbare wijk", None, {"kwetsbare_wijk": True}),
    ("het is een achterstandswijk", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    ("nee hoor, een rustige wijk", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
    ("weet ik niet", "ruimte", {"ruimte": UNKNOWN}),
    ("weet ik eigenlijk niet", "ruimte", {"ruimte": UNKNOWN}),
    ("geen idee", "kwetsbare_wijk", {"kwetsbare_wijk": UNKNOWN}),
    ("dat weet ik nog niet", "bewonersrol", {"bewonersrol": UNKNOWN}),
    ("geen idee", None, {}),
    ("weet ik niet", "motivatie", {}),  # not an intake slot
    ("goedemiddag", "ruimte", {}),
    # found by replaying the test stories at run time
    ("het zwembad", "ruimte", {"ruimte": "zwembad"}),
    ("de moestuin", "ruimte", {"ruimte": "groen"}),
    ("kun je me adviseren over de binnentuin", None, {"ruimte": "binnentuin"}),
    (
        "bewoners willen de speeltuin in de gaten houden en het initiatief kwam van de gemeente",
        None,
        {"ruimte": "speelplek", "bewonersrol": "toezicht", "initiatiefnemer": "gemeente"},
    ),
    ("een groepje senioren uit het complex", "initiatiefnemer", {"initiatiefnemer": "bewoners"}),
    ("ze willen het groen zelf onderhouden", "bewonersrol", {"ruimte": "groen", "bewonersrol": "zelf_doen"}),
    ("de bewoners zijn zelf naar ons toe gekomen", None, {"initiatiefnemer": "bewoners"}),
    ("nee hoor, redelijk welgestelde buurt", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
    ("de bewoners willen daar een moestuin beginnen", None, {"ruimte": "groen"}),  # an option says the role only
    (
        "een moestuin met een tuincommissie",
        "bewonersrol",
        {"ruimte": "groen", "bewonersrol": "zelf_doen"},
    ),  # when asked
    (
        "de gemeente, samen met de corporatie, maar de trekker zijn wij",
        "initiatiefnemer",
        {"initiatiefnemer": "gemeente"},
    ),
    ("ze willen meepraten, zelf onderhouden hoeft niet", "bewonersrol", {"bewonersrol": "meedenken"}),
    (
        "ze willen zelf de bar draaien, de exploitatie blijft bij de gemeente",
        "bewonersrol",
        {"bewonersrol": "zelf_doen"},
    ),
    ("een eigen budget en een eigen vereniging", "bewonersrol", {"bewonersrol": "zelf_beheren"}),
    (
        "de bewoners kwamen bij mij als wijkconsulent met het idee",
        None,
        {"initiatiefnemer": "bewoners", "organisatie": "corporatie"},
    ),
    ("hoi, ik ben opbouwwerker in tilburg", None, {"organisatie": "gemeente"}),
    # who started it: not who is said not to have, not whom it is for, not the speaker's new job
    ("de woningcorporatie, de huurders vroegen er niet om", "initiatiefnemer", {"initiatiefnemer": "corporatie"}),
    ("de gemeente heeft mij gevraagd om huurders te betrekken", None, {"initiatiefnemer": "gemeente"}),
    ("ik ben pas begonnen als buurtbeheerder", None, {}),
    ("dat waren wij hoor, de woningstichting", "initiatiefnemer", {"initiatiefnemer": "corporatie"}),
    ("bij de start hebben we de buren gevraagd mee te doen", "initiatiefnemer", {"initiatiefnemer": "corporatie"}),
    ("wij. de bewoners wisten er niks van", "initiatiefnemer", {"initiatiefnemer": "corporatie"}),
    (
        "we zijn als woningstichting zelf begonnen",
        "initiatiefnemer",
        {"initiatiefnemer": "corporatie", "organisatie": "corporatie"},
    ),
    (
        "geen idee, misschien de gemeente, misschien de buren zelf",
        "initiatiefnemer",
        {"initiatiefnemer": UNKNOWN},
    ),
    ("ik vraag me af of de huurders hier iets in zien", "initiatiefnemer", {}),
    ("een paar huurders van de portiekflat willen iets met het hofje", None, {"ruimte": "binnentuin"}),
    ("het gaat om een portiekflat in de wijk", "ruimte", {"ruimte": "trappenhuis"}),
    # not knowing, and not knowing how
    ("weet ik eerlijk gezegd niet", "kwetsbare_wijk", {"kwetsbare_wijk": UNKNOWN}),
    ("ik weet niet precies hoe ik dit aanpak", "ruimte", {}),
    ("kwetsbaar, bedoel je de buurt of de mensen?", "kwetsbare_wijk", {}),
    ("kwetsbaar is de buurt niet, vooral jonge gezinnen", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
    # the space: set aside, or part of a job title
    ("niet de speeltuin, het gaat om het hofje", "ruimte", {"ruimte": "binnentuin"}),
    ("het plantsoen, daar gaat het niet om. de buurtkamer wel", "ruimte", {"ruimte": "gemeenschappelijke_ruimte"}),
    (
        "ik ben beheerder groen bij de gemeente, het gaat om een speelveldje",
        None,
        {"ruimte": "speelplek", "organisatie": "gemeente"},
    ),
    # the residents' role
    (
        "ze doen de bardienst en vegen na afloop. de boekhouding, de verzekering, daar willen ze niks mee",
        "bewonersrol",
        {"bewonersrol": "zelf_doen"},
    ),
    (
        "meepraten over de inrichting. de kas bijhouden, daar heeft niemand zin in",
        "bewonersrol",
        {"bewonersrol": "meedenken"},
    ),
    (
        "ze doen de bar en de kassa, de overige klussen blijven bij de aannemer",
        "bewonersrol",
        {"bewonersrol": "zelf_doen"},
    ),
    ("ze willen koffie zetten, vegen en zelf de begroting doen", "bewonersrol", {"bewonersrol": "zelf_beheren"}),
    ("er is een club die de hele exploitatie wil doen", "bewonersrol", {"bewonersrol": "zelf_beheren"}),
    (
        "ze kijken of de hovenier het gras wel maait en melden het",
        "bewonersrol",
        {"bewonersrol": "toezicht", "ruimte": "groen"},
    ),
    ("ze willen doorgeven wat niet deugt", "bewonersrol", {"bewonersrol": "toezicht"}),
    (
        "vegen doen ze wel, maar een eigen budget, daar moeten ze niks van hebben",
        "bewonersrol",
        {"bewonersrol": "zelf_doen"},
    ),
    ("in ons plan staat dat alle tuinen door bewoners zelf beheerd worden", None, {}),
    ("dat we het zelf onderhouden vinden de huurders prima", None, {}),
    ("dat hoor ik pas na de inloopavond, weet ik nog niet", "bewonersrol", {"bewonersrol": UNKNOWN}),
]


@pytest.mark.parametrize("text,asked,expected", CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_read_intake(index, text, asked, expected):
    assert read_intake(index, text, asked) == expected


def test_residents_as_subject_are_not_the_initiator(index):
    found = read_intake(index, "de bewoners willen zelf schoffelen")
    assert "initiatiefnemer" not in found


def test_initiator_read_when_asked_even_without_cue(index):
    assert read_intake(index, "de bewoners", "initiatiefnemer") == {"initiatiefnemer": "bewoners"}
    assert read_intake(index, "de bewoners", None) == {}


def test_an_answer_beats_unknown_for_the_asked_slot(index):
    assert read_intake(index, "weet ik niet, het trappenhuis denk ik", "ruimte") == {"ruimte": "trappenhuis"}


def test_several_slots_in_one_message(index):
    # the initiator is the first one named once the text speaks about who started it
    text = (
        "de corporatie kwam met het idee: in de binnentuin willen de bewoners zelf tuinieren, het is een kwetsbare wijk"
    )
    assert read_intake(index, text) == {
        "ruimte": "binnentuin",
        "initiatiefnemer": "corporatie",
        "bewonersrol": "zelf_doen",
        "kwetsbare_wijk": True,
    }


def test_geen_idee_is_not_an_initiative_cue(index):
    assert read_intake(index, "ik heb geen idee wat de bewoners willen") == {}


def test_an_everyday_word_is_not_read_as_a_vocabulary_word(index):
    # "wilden" is one letter from "wieden" (a zelf_doen phrase) and "binnenkort" two from "binnenkoer": the
    # vocabulary's gewone_woorden keep them as they are
    assert read_intake(index, "ze wilden binnenkort alleen meepraten", "bewonersrol") == {"bewonersrol": "meedenken"}
    assert "ruimte" not in read_intake(index, "we beginnen binnenkort", None)


def test_what_the_organisation_wants_is_not_the_residents_role(index):
    text = "eigenlijk alleen meepraten. maar ons mt wil dat ze het complete beheer overnemen"
    assert read_intake(index, text, "bewonersrol") == {"bewonersrol": "meedenken"}
    assert "bewonersrol" not in read_intake(index, "onze manager wil dat de huurders de galerij zelf vegen")
    # the residents' own wish after the organisation's still counts
    text = "de gemeente wil dat ze alles overnemen, maar de bewoners willen alleen meedenken"
    assert read_intake(index, text, "bewonersrol") == {"bewonersrol": "meedenken"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("nee, wel veel alleenstaanden met schulden", False),  # the plain answer opens the message
        ("ja hoor, al valt de armoede mee", True),
        ("een gemengde buurt, niet heel erg kwetsbaar", False),  # a sign denied in its clause
        ("er is weinig armoede", False),
    ],
)
def test_vulnerability_answers(index, text, expected):
    assert read_intake(index, text, "kwetsbare_wijk") == {"kwetsbare_wijk": expected}


def test_plural_with_a_doubled_consonant_and_initiative_of_their_own(index):
    assert read_intake(index, "de traphallen", "ruimte") == {"ruimte": "trappenhuis"}
    assert read_intake(index, "dat kwam van hen zelf", "initiatiefnemer") == {"initiatiefnemer": "bewoners"}


@pytest.mark.parametrize(
    "text, asked, organisation, expected",
    [
        ("wij", "initiatiefnemer", "gemeente", "gemeente"),  # the first person is the speaker's organisation
        ("wij", "initiatiefnemer", None, "corporatie"),  # unknown: the corporation, as the question offers
        ("ons, de gemeente dus", "initiatiefnemer", "corporatie", "gemeente"),  # named next to it
        ("het plan kwam van ons, de gemeente", "initiatiefnemer", None, "gemeente"),
        ("het initiatief ligt bij ons als corporatie", "initiatiefnemer", None, "corporatie"),
        ("we hebben een paar huurders benaderd of ze de tuin willen bijhouden", None, "gemeente", "gemeente"),
        ("de bewonerscommissie, ik ben zelf alleen gevraagd om mee te helpen", "initiatiefnemer", None, "bewoners"),
    ],
)
def test_the_speakers_side_in_the_first_person(index, text, asked, organisation, expected):
    assert read_intake(index, text, asked, organisation)["initiatiefnemer"] == expected


def test_an_introduction_names_the_speakers_organisation_not_the_initiator(index):
    found = read_intake(index, "goedemiddag, ik werk als beleidsmedewerker bij de gemeente arnhem")
    assert found == {"organisatie": "gemeente"}


@pytest.mark.parametrize(
    "text, asked, expected",
    [
        ("hmm, wat versta je onder kwetsbaar?", "kwetsbare_wijk", {}),  # a question back is no answer
        ("het trappenhuis, hoe noemen jullie dat?", "ruimte", {"ruimte": "trappenhuis"}),
        ("bijna 80% sociale huur en hoge werkloosheid", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
        ("wij willen 80.000 euro per jaar besparen en zien graag dat de huurders het overnemen", "bewonersrol", {}),
    ],
)
def test_questions_back_figures_and_signs(index, text, asked, expected):
    assert read_intake(index, text, asked) == expected


def test_keeping_track_of_whether_the_work_is_done_is_supervision(index):
    assert read_intake(index, "ze willen zelf bijhouden of het goed gebeurt", "bewonersrol") == {
        "bewonersrol": "toezicht"
    }
    assert read_intake(index, "ze willen het trappenhuis zelf bijhouden", "bewonersrol")["bewonersrol"] == "zelf_doen"


@pytest.mark.parametrize(
    "text, expected",
    [
        # notes that list different spaces on different lines do not say which one it is about
        ("verslag overleg:\n- het speelveldje: hek ligt eruit\n- de galerijen: veel zwerfvuil", None),
        # plain "groen" gives way to the more specific space named after it
        ("een paar gezinnen willen het groen opknappen. dat is een hofje met twaalf woningen", "binnentuin"),
        # a space named only as where another one lies
        ("op het binnenplein ligt achter de bankjes een trapveldje waar de jeugd iets mee wil", "speelplek"),
    ],
)
def test_the_space_said_in_passing(index, text, expected):
    assert read_intake(index, text).get("ruimte") == expected


@pytest.mark.parametrize(
    "text",
    [
        "niet meer, de wijk is flink opgeknapt",
        "als geheel niet, op een paar straten na",
        "de buurt zelf niet, wel een paar gezinnen met zorgen",
    ],
)
def test_a_no_that_opens_with_niet(index, text):
    assert read_intake(index, text, "kwetsbare_wijk") == {"kwetsbare_wijk": False}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("de club runt alles: kantine, ledenadministratie, de boekhouding", "zelf_beheren"),
        ("ze willen zeggen wat de hovenier eerst aanpakt, de heg, het gazon en zo", "meedenken"),  # examples
        ("zelf het gras maaien zien ze niet zitten, meepraten wel", "meedenken"),
        ("ze willen bijhouden hoe vaak de glazenwasser komt en het melden", "toezicht"),  # keeping track
        (
            "ze willen de reserveringen doen, bijhouden wie welke avond de zaal krijgt, en zelf het geld beheren",
            "zelf_beheren",
        ),
    ],
)
def test_roles_told_by_work_examples_and_refusals(index, text, expected):
    assert read_intake(index, text, "bewonersrol")["bewonersrol"] == expected


def test_what_the_organisation_wants_for_itself_is_no_role_in_passing(index):
    assert "bewonersrol" not in read_intake(
        index, "de exploitatie van de zaal kost ons te veel en dat willen we omlaag"
    )


@pytest.mark.parametrize(
    "text, organisation, expected",
    [
        # not knowing, then more than one possibility
        ("weet ik niet, het kan de huurdersvereniging geweest zijn of iemand van de gemeente", None, UNKNOWN),
        ("nou, daar kwamen twee dames van driehoog mee", None, "bewoners"),
        ("ik zit bij team wijken, gemeente breda. in maart zijn wij met bloembakken gestart", None, "gemeente"),
        # what began long ago gives way to who comes with it now
        ("dat hebben we in 2015 zelf opgezet, maar nu komen de huurders zelf met een plan", "corporatie", "bewoners"),
        ("wij als corporatie hebben bij de start van het complex de hv gevraagd of ze iets wilden", None, "corporatie"),
    ],
)
def test_who_started_it_told_at_length(index, text, organisation, expected):
    assert read_intake(index, text, "initiatiefnemer", organisation)["initiatiefnemer"] == expected


def test_an_introduction_at_a_desk_names_the_organisation(index):
    assert read_intake(index, "morgen, ik zit bij de gemeente zwolle, afdeling wijken")["organisatie"] == "gemeente"


def test_residents_sought_for_a_task_are_the_seekers_wish(index):
    text = "de stad vroeg ons buurtbewoners te vinden die de zaal gaan beheren"
    assert "bewonersrol" not in read_intake(index, text)
    assert read_intake(index, text, "initiatiefnemer")["initiatiefnemer"] == "gemeente"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ons doel is dat huurders het plein straks zelf schoonhouden", "corporatie"),  # the goal is theirs: ours
        ("misschien de tuinclub of toch de wijkraad, ik weet het echt niet", UNKNOWN),  # doubt closes the answer
    ],
)
def test_a_goal_or_doubt_as_the_answer_to_who_started_it(index, text, expected):
    assert read_intake(index, text, "initiatiefnemer")["initiatiefnemer"] == expected


def test_a_job_that_opens_a_sentence_is_the_speakers(index):
    found = read_intake(
        index, "middag. woonconsulent bij havensteder. in de wijk heeft iemand een moestuin voorgesteld"
    )
    assert found.get("organisatie") == "corporatie"
    assert "initiatiefnemer" not in found


def test_an_ordinary_neighbourhood_told_by_facts_is_not_vulnerable(index):
    assert read_intake(index, "doorsnee wijk eigenlijk, niks bijzonders", "kwetsbare_wijk") == {"kwetsbare_wijk": False}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ooit wel, maar nu niet, daar heeft de nieuwbouw voor gezorgd", False),
        ("dit deel niet, aan de overkant van het spoor wel", False),
        ("het oude deel is kwetsbaar, het nieuwe deel niet; dat kan ik echt niet zeggen", UNKNOWN),  # doubt closes it
        ("overvecht. nee, daar is de laatste jaren veel verbeterd", False),  # the area's name first
        ("nee, zeker niet", False),
        ("staat hoog in de lijstjes van slechtste wijken", True),
    ],
)
def test_vulnerability_told_by_time_place_name_ranking_or_doubt(index, text, expected):
    assert read_intake(index, text, "kwetsbare_wijk")["kwetsbare_wijk"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("vegen en dweilen doen ze, alles eigenlijk behalve de jaarlijkse keuring, dat willen ze niet", "zelf_doen"),
        ("sleutels uitgeven, de planning, het kasboek: kortom het hele beheer.", "zelf_beheren"),
        ("als er geld komt, willen ze de zaal zelf verhuren aan verenigingen", "zelf_beheren"),
    ],
)
def test_roles_with_an_exception_or_a_conclusion(index, text, expected):
    assert read_intake(index, text, "bewonersrol")["bewonersrol"] == expected


def test_what_the_speaker_is_asked_to_do_is_no_role_of_the_residents(index):
    text = "in het hofje willen de bewoners alles zelf regelen en de eigenaar vroeg mij mee te denken"
    assert read_intake(index, text)["bewonersrol"] == "zelf_beheren"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("wij hebben het op de bewonersavond ter sprake gebracht", "corporatie"),
        ("in de wijkkrant hebben we een oproep gedaan", "corporatie"),
        ("het begon bij ons, daarna sloten buren aan", "corporatie"),
        ("na de verbouwing zijn we met een voorstel gekomen", "corporatie"),
    ],
)
def test_the_speakers_side_started_it_in_more_words(index, text, expected):
    assert read_intake(index, text, "initiatiefnemer")["initiatiefnemer"] == expected


def test_the_speakers_organisation_named_with_we_or_here(index):
    assert (
        read_intake(index, "wij als gemeente hebben een adoptieplan voor de plantsoenen")["organisatie"] == "gemeente"
    )
    found = read_intake(
        index, "wijkbeheerder gemeente hier. via facebook hebben we een oproep gedaan", "initiatiefnemer"
    )
    assert found["organisatie"] == found["initiatiefnemer"] == "gemeente"
    # a disclaimer is no answer to who started it
    assert "initiatiefnemer" not in read_intake(
        index, "wij als verhuurder hebben hier geen belang bij", "initiatiefnemer"
    )


@pytest.mark.parametrize(
    "text",
    [
        "terzijde: het stadsbestuur wil van het clubhuis af om geld te besparen",  # an aside
        "de stad wil vooral minder uitgeven, dat is hun doel; ik werk vanuit het buurtwerk",  # another's goal
    ],
)
def test_an_aside_or_another_organisations_goal_does_not_say_who_started_it(index, text):
    assert "initiatiefnemer" not in read_intake(index, text, "initiatiefnemer")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ons nieuwe speelbeleid is dat alle speeltuinen voortaan door ouders beheerd worden", "corporatie"),
        ("de woningstichting begon ermee en vroeg ons de huurders erbij te betrekken", "corporatie"),
        ("wij hebben het pleintje vorig jaar aangelegd en toen de buren om hulp gevraagd", "corporatie"),
    ],
)
def test_the_plan_its_maker_and_whom_they_asked(index, text, expected):
    assert read_intake(index, text, "initiatiefnemer")["initiatiefnemer"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("het bestuur van de buurtvereniging wil de zaal zelf verhuren en de kas doen", "zelf_beheren"),  # their board
        ("ze willen controleren of de glazenwasser langskomt en zijn ladder weer meeneemt", "toezicht"),
        ("ze willen alles zelf doen, de planning, de sleutels, de kas en de verhuur", "zelf_beheren"),
    ],
)
def test_roles_of_a_club_board_a_contractors_work_and_everything(index, text, expected):
    assert read_intake(index, text, "bewonersrol")["bewonersrol"] == expected


def test_a_correction_after_the_answer_is_read_for_itself():
    assert corrected_part("ze willen wieden. oh, correctie: het is een grasveld") == ": het is een grasveld"
    assert corrected_part("ze willen wieden") == ""

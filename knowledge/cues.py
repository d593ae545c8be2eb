"""Cues in professionals' Dutch: who wants something, and what the organisation's own goals are made of.

One home for these patterns: the NLU guard that keeps `corporation_goal` for stated goals
(bot/nlu/intent_boundary.py) and the intake reader that keeps the organisation's wishes out of the residents'
role (knowledge/intake.py) both read them. They match lower-case text after typo correction.
"""

from __future__ import annotations

import re

RESIDENTS = (
    r"bewoners|huurders|bewonerscommissie|bc|huurdersvereniging|hv|bewonersgroep|buurtbewoners|bewonersvereniging|"
    r"tuincommissie|vve|ouders|moeders|inwoners|dorpsbewoners|buren|omwonenden|vrijwilligers|mensen|buurt|wijk|straat|"
    r"straten|ze|zij|comité|buurtcomité|wijkcomité|bewonerscomité|wijkraad|buurtraad|dorpsraad|vereniging|stichting|bewonersstichting|"
    r"vzw|groep|groepje"
)
# The residents are the subject of a wish or a complaint ("de bewoners willen", "in de tuin willen de bewoners").
WANT = (
    r"wil|willen|wilde|wilden|vragen|vroegen|klagen|klaagden|eisen|eisten|hopen|hoopten|zouden graag|zien het zitten|"
    r"met de vraag|graag|beloofd|beloven|beloofden|in actie|in verzet|in de benen|"
    r"de vraag of|mogen|begonnen|gestart|opgericht|georganiseerd"
)
RESIDENTS_WISH = (
    rf"\b({RESIDENTS})\b[^.?!]{{0,60}}?(?<!\bwe )(?<!\bwij )\b({WANT})\b(?!\s+(we|wij|ik)\b)"
    rf"|(^|[.;,]\s*|\ben\s+)die\s+(\w+\s+)?({WANT})\b"
    rf"|\b({RESIDENTS})\s+gaan\s+(een|zelf)\b"
    rf"|\b(wil|willen|wilden|vragen|klagen|eisen) (de |die |alle )?({RESIDENTS})\b"
)
# ... or a plan in which they are the ones who act: "het plan is dat de bewoners een budget aanvragen" (which is the
# organisation's plan where it speaks of its own goals in the first person).
RESIDENTS_PLAN = rf"\b(het plan|het idee|de bedoeling) is (dat|om) (de |die )?({RESIDENTS})\b"
RESIDENTS_WANT = re.compile(rf"{RESIDENTS_WISH}|{RESIDENTS_PLAN}")
RESIDENTS_WISH_ONLY = re.compile(RESIDENTS_WISH)
# Anything that speaks for the organisation keeps the goal: its people, its policy, its targets, an obligation.
# (Saving money is not among them: "de bc wil besparen door zelf te poetsen" is the residents' own wish.)
# What the organisation only has to do is its support, not its goal: "wij moeten enkel voor materiaal zorgen".
# The board of the residents' own club is theirs: "het bestuur van de oranjevereniging".
CLUB_BOARD = r"(?! van (de|het|een) \w*(vereniging|stichting|club|commissie|comité))"
ONLY_OURS = r"(?!\s+(alleen|enkel|slechts|maar|nog wel)\b)"
ORGANISATION = re.compile(
    r"\b(directie|management|mt|(?<!een )(?<!eigen )"
    r"bestuur(?!\s+(\w+\s+)?(willen|wil|zien|doen)\s+(ze|zij)\s+(niet|geen|nooit)\b)"
    rf"{CLUB_BOARD}|"
    r"beleid|wethouder|"
    r"corporatie wil|gemeente wil|afdeling|"
    r"organisatie|manager|leidinggevende|prestatieafspraken|targets?|kpi\w*)\b"
    rf"|\b(wij|we)\s+(moeten{ONLY_OURS}|willen|wil|gaan|hebben besloten|als)\b|\bwillen\s+(wij|we)\b"
    r"|\bons\s+(beleid|doel|plan)\b"
)

# The organisation's people: a goal they state is the organisation's ("een bestuur" or "een eigen bestuur" is the
# residents' own board).
BOSS = (
    rf"directie|management|mt|(?<!een )(?<!eigen )bestuur{CLUB_BOARD}|stadsbestuur|wethouder|college|manager|"
    r"leidinggevende|"
    r"teamleider|afdeling|organisatie|hogerop|bovenaf|hogerhand"
)
ORGANISATION_ACTOR = rf"wij|we|ons|onze|ik|corporatie|woningcorporatie|gemeente|stad|{BOSS}"
TASK = (
    r"zelf|doen|schoonmaken|schoonhouden|onderhouden|bijhouden|vegen|maaien|beheren|regelen|draaien|draaiende|runnen|"
    r"exploiteren|uitbaten|oppakken|opruimen|adopteren|adopteert|overnemen|gerund|beheerd|vervangen|repareren|"
    r"eigenaarschap"
)
CLAUSE = r"[^.?!]"
# Works the organisation has to carry out are no goal for self-management: "we moeten de strook opnieuw inrichten".
NOT_WORKS = (
    r"(?!(\s+\w+){0,6}\s+(inrichten|herinrichten|renoveren|vervangen|opknappen|aanleggen|bouwen|slopen|verbouwen|"
    r"herstellen|repareren)\b)"
)
# What the organisation's own goals are made of, by kind. One match keeps `corporation_goal`.
# Saving money, not money as such ("wij hebben het geld vrijgemaakt" is no goal).
SAVING = (
    r"\w*bezuinig\w*|\w*bespa\w*|goedkoper|budget\w* (omlaag|gekort|krimpt)|minder budget|taakstelling\w*|"
    r"efficiën\w*|efficien\w*|kort(en|ing)|gekort|opzeggen|opgezegd|rendab\w*|(ge)?halve(er|ren)\w*|zonder subsidie|"
    r"krimp\w*|\w*kost\w*( \w+){0,3} (omlaag|drukken|verlagen|terugdringen)|"
    r"\w*(contract|kosten|budget)\w* (\w+ ){0,4}(kleiner|lager|goedkoper) (wordt|worden|maken)|"
    r"kost(en|t)? ons (\w+ )?(te ?veel|een vermogen)|ons blauw|"
    r"(is|wordt) (\w+ )?te duur|"
    r"(personeel|medewerkers|mensen|capaciteit) (\w+ )?(anders |elders )?inzetten|"
    r"(kosten|budget|uitgaven|rekening|bedrag|dat) (\w+ )?moet(en)? (\w+ )?omlaag|minder \w*kosten"
)
MONEY = (
    rf"{SAVING}|\w*kost(en|t)?|\w*geld\w*|financ(?!iën)\w*|aanbested\w*|meebetal\w*|eigen benen|"
    r"boven (het |ons )?budget|budget\w* overschreden|budgettekort"
)
FIRM_TARGETS = (
    r"\w*beleid(?!s(adviseur|medewerker|maker|ambtenaar))\w*|prestatieafspra\w*|kpi\w*|targets?|"
    r"(ondernemings|jaar|beleids|koers|meerjaren|uitvoerings)plan\w*|zelfredza\w*|"
    r"on(s|ze) (\w+ )?(plan|doel)\w*|doel\w* van (ons|onze)\b|visitatie\w*|afgerekend|jaarverslag\w*|"
    r"(?<!in )opdracht|\w*akkoord"
)
# Participation is a target the organisation sets, and also what a professional asks advice about.
TARGETS = rf"{FIRM_TARGETS}|\w*participati(?!etraject|eproces|eavond|ebijeenkomst)\w*"
HANDING_OVER = (
    rf"over ?(te )?nemen|overname|overgenomen door|(wordt|worden) (\w+ )?overgenomen|overneemt|stopgezet|stopzetten|"
    rf"afbouwen|afgebouwd|neemt{CLAUSE}{{0,30}}\bover|nemen{CLAUSE}{{0,30}}\bover|"
    rf"overdra\w*|afstoten|afgestoten|neer ?(te )?leggen|legt{CLAUSE}{{0,60}}\bneer|afschuiven|"
    rf"erva?n ?af|(wil|willen) ((we|wij) )?(er|daar) ?(\w+ )?(van)? ?af|"
    rf"terug ?trek\w*|trek(t|ken){CLAUSE}{{0,20}}\bterug|"
    rf"(wil|willen|wilt) (\w+ ){{0,5}}af van|uit ons beheer|uit handen|overlaten|schrappen|inzetten als|"
    rf"niet langer zelf (exploiteren|beheren|onderhouden|runnen|draaien|betalen|doen)|"
    rf"(uit|vanuit|van) (de|onze) (organisatie|directie|top)|"
    rf"(?<!waar )(?<!hoe )(?<!wat )(we|wij|ik) moet(en)?{ONLY_OURS}{NOT_WORKS}|"
    rf"moet(en)? (we|wij){ONLY_OURS} (\w+ ){{0,4}}(\d+|twee|drie|vier|vijf|tien|alle|meer|minder)\b|"
    rf"moet(en)? (ik |we |wij )?van(?! (de |die )?({RESIDENTS}|onderop)\b)|"
    rf"({RESIDENTS})\b{CLAUSE}{{0,40}}(?<!betrokken )(?<!gehoord )\bmoeten|laten ({TASK})|({BOSS}){CLAUSE}{{0,40}}\b"
    rf"(wil|willen|wilt|wens|vindt|eist|verwacht|zegt|besloten|beloofd)\b(?!\s+(ze|zij)\s+(niet|geen|nooit)\b)|"
    rf"({ORGANISATION_ACTOR}){CLAUSE}{{0,40}}\b(wil|willen|wilt|verwacht|verwachten|eist|eisen|vraagt|vragen|hoopt|"
    rf"hopen|bedoeling|wens){CLAUSE}{{0,25}}\b(dat|om){CLAUSE}{{0,80}}\b({TASK})"
)
# Words that state a goal only when the organisation speaks in the same message: "de doelen van het trapveld"
# (goalposts), "de cijfers van de wijkmonitor", "minder kale plekken" and "de helft van de bewoners" are no goals;
# nor is "niet meer" that opens an answer ("niet meer, sinds de renovatie").
WEAK = (
    rf"doel(?!tje)\w*|visie|ambitie\w*|procent|afgesproken|maatregel\w*|de helft|verdubbel\w*|uitrol\w*|invoeren|"
    rf"invoering|"
    rf"besloten|besluit|verantwoordelijkheid\w*|standaard|\w*programma|scoren|aantal|huurcontract\w*|"
    rf"wens|streven\w*|streeft|minimaal|resultaten|laten zien|eis|voorwaarde\w*|afspraken?|cijfers|belo\w*d|insteek|"
    rf"(in|voor) (al|alle|elke|ieder)\w* (onze |de )?\w*(complex|wijk|buurt|flat|portiek)\w*|"
    rf"uitgeven|uitgaven|duur|dure|kwijt|gratis|\w*contract\w*|scheelt|"
    rf"van{CLAUSE}{{0,50}}\baf|gaat er{CLAUSE}{{0,20}}\baf|vanaf|zover|overhalen|over te halen|overhaal|overtuig\w*|"
    rf"motiveren|(?<=\w )niet meer|geen{CLAUSE}{{0,40}}\bmeer|stop(pen|t)? met|minder|tenzij|"
    rf"alleen{CLAUSE}{{0,40}}\bals|leggen|exit"
)
ORGANISATION_SIDE = re.compile(
    rf"\b(wij|we|ons|onze|corporaties?|corpo|woningcorporaties?|gemeenten?|gemeentes|stad|regio|{BOSS}|beleid|"
    rf"prestatieafspraken)\b"
)
# The organisation wants the residents to do a task: "wij willen dat de huurders het speelveld zelf bijhouden",
# "de directie wil de schoonmaker opzeggen en de huurders de galerij laten vegen". Not where the residents are the
# ones who want ("bij ons willen de bewoners ...") or the speaker asks for advice about them ("ik wil advies over ...").
ORGANISATION_PUSHES = (
    rf"(wij|we|ons|onze|corporatie|corpo|woningcorporatie|gemeente|stad|{BOSS})\b{CLAUSE}{{0,40}}?"
    rf"\b(wil|willen|wilt|verwacht|verwachten|eist|eisen|hoopt|hopen|graag zien|zien graag|ziet graag|bedacht|besloten|"
    rf"beslist|"
    rf"bedoeling)\b(?! (de |die |alle )?({RESIDENTS})\b){CLAUSE}{{0,50}}?"
    rf"(\b(dat|om|door|laten)\b{CLAUSE}{{0,30}}?\b({RESIDENTS})\b{CLAUSE}{{0,80}}?"
    rf"\b({TASK}|in de gaten|openen|afsluiten)"
    rf"|\b({RESIDENTS})\b{CLAUSE}{{0,80}}?\blaten ({TASK}))"
)
STRONG_GOAL = re.compile(rf"\b({MONEY}|{TARGETS}|{HANDING_OVER}|{ORGANISATION_PUSHES})\b")
WEAK_GOAL = re.compile(rf"\b({WEAK})\b|\d ?%")
# The organisation saves money by it: "dat bespaart ons een ton", "wij moeten flink besparen".
OUR_SAVING = (
    r"(scheelt|bespaart|bespaard)\s+(ons|de corporatie|de gemeente|de stad)"
    r"(?!\s+(amper|nauwelijks|niks|niets|weinig|geen)\b)|"
    r"(we|wij)\s+(\w+\s+){0,3}(moeten|willen|gaan)\s+(\w+\s+){0,4}(besparen|bezuinigen)|"
    r"(hoeven|hoeft) (wij|we|ik) (er |daar |hier )?(niet|minder|nooit) (meer )?(elke|iedere|zo vaak|zelf|langs|heen)"
)
PUSHES = re.compile(rf"\b({ORGANISATION_PUSHES}|{OUR_SAVING})\b")
# "wij als gemeente gaan het dorpshuis overdragen", "onze kpi is ...": the first person with a firm goal.
WE = re.compile(
    r"\b(wij|we)\b|\b(ons|onze)\b(?!\s+(dorp|wijk|wijken|buurt|stad|straat|complex|complexen|flat|flats)\b)"
)
FIRM_GOAL = re.compile(rf"\b({SAVING}|{FIRM_TARGETS}|{HANDING_OVER})\b")
# Residents quoted: "de huurders vinden: wij betalen servicekosten, dus wij willen het budget zelf".
RESIDENTS_SAY = re.compile(
    rf"\b({RESIDENTS})\b[^.?!:]{{0,30}}?\b(zeggen|zeiden|zegt|zei|gezegd|vinden|vonden|vond|roepen|vragen|"
    rf"gestuurd|gemaild|geschreven|gebeld|gemeld)\b"
    rf"|(^|[.;,]\s*)die\s+(hebben\s+)?(gezegd|zeggen|zeiden|vonden|vinden)\b"
)
# Another organisation's goal, reported by someone who does not speak for it: "de gemeente wil dat bewoners meer
# gaan meedoen, dat staat in hun wijkplan" (from a welfare worker). Only where nothing in the message speaks for
# the speaker's own organisation: "wij", "onze directie", "mijn manager", "de corporatie waar ik werk".
THIRD_PARTY = re.compile(
    r"\b(de|het|die) (corporatie|woningcorporatie|gemeente|stad|verhuurder|corpo|woningbouw|huisvestingsmaatschappij)\b"
    r"|\b(hun|haar) (\w+ )?\w*(plan|beleid|doel|programma)\w*"
)
OWN_SIDE = re.compile(
    rf"\b(wij|we)\b|\bonze?\s+(\w+\s+)?(doel\w*|beleid|plan\w*|budget|kosten|organisatie|corporatie|gemeente|kpi\w*|"
    rf"targets?|begroting|{BOSS})\b|\bmijn\s+(werkgever|baas|directeur|{BOSS})\b|\b({BOSS})\b|\bwaar ik (voor )?werk\b|"
    rf"\b(scheelt|bespaart) ons\b"
)
# A goal said not to exist: "er is nog geen doel of plan".
NO_GOALS = re.compile(
    r"\b(nog )?geen (\w+ )?(plannen|plan|doel\w*|targets?|kpi\w*|bezuiniging\w*|besparing\w*|agenda|beleid)"
    r"( of (\w+ )?(plannen|plan|doel\w*|targets?|agenda|bezuiniging\w*|besparing\w*))?\b"
    # ... or a wish disowned: "we willen de speeltuin echt niet afstoten", "wij hoeven daar niets van".
    r"|\b(wij|we|ik)\s+(willen|wil|hoeven|hoef)\s+(\w+\s+){0,3}?(niet\s+(kwijt|van\s+af|af|afstoten|overdragen|"
    r"afschuiven|sluiten)|(niks|niets)\s+(mee|aan|van))\b"
)


# Jobs that say which side the speaker is on.
WELFARE_JOBS = r"opbouwwerker|buurtwerker|welzijnswerker|sociaal werker|jongerenwerker|buurtsportcoach|wijkwerker"
CORPORATION_JOBS = (
    r"woonconsulent|wijkconsulent|huurdersconsulent|bewonersconsulent|complexbeheerder|buurtbeheerder|huismeester|"
    r"sociaal beheerder|leefbaarheidsconsulent"
)
MUNICIPAL_JOBS = r"gebiedsregisseur|wijkregisseur|gebiedsmakelaar|wijkmanager|beleidsmedewerker|beleidsadviseur"
# What shows the goal is reported, not the speaker's own: "hun wijkplan", a speaker from welfare or "niet van de
# corporatie", or a speaker introduced as one organisation who names the other.
REPORTED = re.compile(
    r"\b(hun|haar) (\w+ )?\w*(plan|beleid|doel|programma|idee|verhaal|agenda)\w*|"
    r"\bniet van de (corporatie|gemeente|stad)\b|"
    r"\bniet (het|de) onze\b|\bniet van ons\b|\bvolgens (de|het) (corporatie|gemeente|stad|verhuurder)\b|"
    r"\b(ik|wij|we)\s+(zit|zitten|ben|zijn|werk|werken)\s+(\w+\s+){0,3}(bij|van|voor)\s+(de |het |een )?(\w+ )?"
    r"(welzijn\w*|buurtteam|wijkteam|opbouwwerk\w*|buurtwerk\w*|samenlevingsopbouw|sociaal team)\b|"
    r"\b(ik ben|ik werk|ik zit)\b[^.?!]{0,40}\b(corporatie|woningcorporatie)\b[^?!]*\b(de|het) (gemeente|stad)\b|"
    r"\b(ik ben|ik werk|ik zit)\b[^.?!]{0,40}\b(gemeente|stad)\b[^?!]*\b(de|het) (corporatie|woningcorporatie)\b|"
    r"\b(de|het) (corporatie|woningcorporatie|gemeente|stad|verhuurder) hier\b|"
    r"\b(zei|zegt|zeiden|vertelde|vertelt|liet|meldde)\b[^.?!]{0,40}\btegen (me|mij)\b|"
    rf"\bik ben (\w+ )?({WELFARE_JOBS})\b|"
    rf"\bik ben (\w+ )?({CORPORATION_JOBS})\b[^?!]*\b(de|het) (gemeente|stad)\b|"
    rf"\bik ben (\w+ )?({MUNICIPAL_JOBS})\b[^?!]*\b(de|het) (corporatie|woningcorporatie|woonstichting)\b|"
    r"\b(ik|we|wij)\b[^.?!]{0,30}\b(de bewoners|de huurders|ze|hen|de buurt)\s+(\w+\s+)?(aanraden|adviseren|helpen|"
    r"ondersteunen|bijstaan)\b"
)


# The speaker's side only joins another's plan, stands by, is what the other wants something of or has no goal of its
# own: "wij doen ook mee", "wij zijn alleen eigenaar", "de stad vraagt van ons ...", "wij hebben geen ...".
BYSTANDER = re.compile(
    r"\b(wij|we)\b(\s+als\s+\w+)?\s+(doen|zijn|zitten|sluiten)\s+(daar\s+|hier\s+|er\s+)?((ook|toen|later|pas|daarna)\s+){0,2}"
    r"(aan\s+mee|mee|in|aan|aangehaakt|aangesloten|partner|(alleen|maar|slechts|gewoon)\s+(de\s+)?\w+)\b"
    r"|\bniet (wij|ons)\b"
    r"|\b(wil|wilt|willen|vraagt|vragen|verwacht|verwachten|eist|eisen)\s+(\w+\s+)?(dat|van)\s+(wij|we|ons)\b"
    r"|\b(wij|we|wijzelf)(\s+als\s+\w+)?\s+(hebben|heb)\s+(daar\s+|er\s+|hier\s+)?(als\s+\w+\s+)?(zelf\s+)?(nog\s+)?geen\b"
    r"|\b(heeft|hebben|had)\s+ons\s+gevraagd\b|\bvroeg(en)?\s+ons\b"
    r"|\b(is|zijn)\s+van\s+ons(\s+als\s+\w+)?\b"
    r"|\b(wij|we)\s+(kijken|staan)\s+(\w+\s+){0,2}(anders|kritisch|sceptisch|neutraal)\b"
    r"|\b(wij|we)\s+staan\s+(\w+\s+)?(naast|achter)\s+(de\s+)?(bewoners|huurders|buurt)\b"
    r"|\b(wij|we)(\s+als\s+\w+)?\s+(werken|staan)\s+(daar\s+|hier\s+)?los\s+van\b"
)


def someone_elses_goal(text: str) -> bool:
    """Whether the goal in the (lower-case, corrected) text is another organisation's, reported by the speaker; one
    the speaker's side only joins or stands by ("wij doen ook mee") is another's too."""
    third = THIRD_PARTY.search(text)
    if third is None:
        return False
    # Residents answering the other's plan, with nothing said for the speaker's own side: "de stad wil het buurthuis
    # sluiten en nu willen de huurders het zelf openhouden".
    answered = RESIDENTS_WISH_ONLY.search(text, third.end()) is not None and not OWN_SIDE.search(text)
    rest = BYSTANDER.sub(" ", text)
    return bool(REPORTED.search(text) or BYSTANDER.search(text) or answered) and not OWN_SIDE.search(rest)


def states_a_goal(text: str) -> bool:
    """Whether the (lower-case, corrected) text states a goal of the organisation: money, targets or policy,
    handing work over; the weaker words only where the organisation speaks too."""
    text = NO_GOALS.sub(" ", text)
    return bool(STRONG_GOAL.search(text) or (WEAK_GOAL.search(text) and ORGANISATION_SIDE.search(text)))


# The organisation is the one that wants or asks something of the residents: "de directie wil dat ze alles
# overnemen", "wij zien graag dat een vereniging het bad overneemt", "we hebben ze uitgenodigd om mee te doen".
# What follows is its wish, not the residents' role.
ORGANISATION_WANTS = re.compile(
    rf"\b(wij|we|onze \w+|corporatie|woningcorporatie|gemeente|stad|{BOSS})\b[^.?!:;,]{{0,70}}?"
    r"\b(wil|willen|wilt|verwacht|verwachten|eist|eisen|hoopt|hopen|zien graag|ziet graag|wil graag|willen graag|"
    r"graag zien|als doel|het doel|streven|gevraagd|uitgenodigd|benaderd|gezocht|vragen|vraagt)\b"
    rf"(?! (de |die |alle )?({RESIDENTS})\b)"
)


# A passage in quotation marks ("'t" and "z'n" are no quotation marks), or a letter from its greeting to its closing.
QUOTED_PASSAGE = re.compile(
    r"(?<![\w'])[\"“”‘'](?![ts]\s)[^\"“”]{25,}?[\"“”’'](?!\w)"
    r"|\b(beste|geachte|hoi|hallo|lieve)\b[^,\n]{1,40},[^\n]{25,}?(\b(groet(en)?|gr)\b[^.\n]{0,60}|$)",
    re.S,
)
# The residents wrote it: "namens een aantal bewoners", "wij als bewonerscommissie", "wij hebben met twaalf
# buurtbewoners ...". Nothing of the organisation between the first person and the residents.
RESIDENT_NOUNS = (
    r"bewoners|huurders|bewonerscommissie|bc|huurdersvereniging|hv|bewonersgroep|buurtbewoners|bewonersvereniging|"
    r"buren|omwonenden|vve|buurtvereniging|bewonersstichting"
)
RESIDENTS_WRITE = re.compile(
    rf"\bnamens\b[^.?!]{{0,60}}\b({RESIDENT_NOUNS})\b"
    rf"|\b(wij|we)\b(?:(?!corporatie|gemeente|organisatie|directie)[^.?!]){{0,40}}?\b(als|met)\b[^.?!]{{0,30}}?"
    rf"\b({RESIDENT_NOUNS})\b"
)


def without_residents_words(text: str) -> str:
    """The (lower-case) text without the passages the residents wrote (a pasted e-mail or app message): their "wij"
    is not the speaker's organisation."""
    return QUOTED_PASSAGE.sub(lambda m: " " if RESIDENTS_WRITE.search(m.group(0)) else m.group(0), text)


# Organisations in general, not the speaker's own: "veel gemeenten", "wat doet een corporatie als ...".
IN_GENERAL = re.compile(
    r"\b(een|andere|veel|sommige|meeste|alle)\s+(woning)?(corporatie|corporaties|gemeente|gemeenten|gemeentes)\b"
    r"|\b(woning)?corporaties\b|\bgemeenten\b"
)

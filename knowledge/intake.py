"""Reading intake answers (ruimte, initiatiefnemer, bewonersrol, kwetsbare_wijk) from free Dutch text."""

from __future__ import annotations

import re
from typing import Any

from knowledge.clauses import CLAUSE_BREAK, SENTENCE_BREAK, before
from knowledge.cues import (
    CORPORATION_JOBS,
    FIRM_GOAL,
    MUNICIPAL_JOBS,
    ORGANISATION_WANTS,
    RESIDENTS,
    RESIDENTS_WANT,
    RESIDENTS_WISH_ONLY,
    WE,
    WELFARE_JOBS,
    someone_elses_goal,
    states_a_goal,
)
from knowledge.matching import Analysis, Mention, PhraseIndex, has_wish_cue, initiative_cues
from knowledge.schema import ROLLEN, UNKNOWN
from knowledge.spaces import leaves_doubt, the_space

INTAKE_SLOTS = ("ruimte", "initiatiefnemer", "bewonersrol", "kwetsbare_wijk")
ORGANISATION = "organisatie"  # the speaker's own organisation (corporatie or gemeente), read from an introduction
ORGANISATIONS = ("corporatie", "gemeente")
# "ik ben wijkconsulent", "bij mij als opbouwwerker": the speaker's own job, not who started the initiative
# ("wij als corporatie" and "ons als gemeente" do answer who started it).
SELF_DESCRIPTION = re.compile(
    r"(?<!wij )(?<!we )(?<!ons )\b(als|ben|werk|werkzaam|werk bij|werkzaam bij|ik zit bij|zit ik bij)\s+"
    r"(een\s+|de\s+|het\s+)?$"
)
# ... unless someone else is the subject: "hij startte het als huurder".
THEIR_ROLE = re.compile(r"\b(ze|zij|hij|die)\b(?![^,;.!?]*\b(ik|mij|me)\b)")
# "hoi, ik ben Noor en werk als woonconsulent", "ik werk als beleidsadviseur bij de gemeente".
INTRODUCTION = re.compile(
    r"\b(ik ben|ik werk|werk ik|ben ik|werkzaam|ik zit bij|zit ik bij)\b(?![^.?!]*\b(door|gevraagd|benaderd|samen)\b)"
)
# The speaker's side in the first person: "wij", "van ons", "vanuit onze kant".
FIRST_PERSON = re.compile(r"\b(wij|we|ons|onze|wijzelf|ikzelf|ik|mijn|mezelf|mijzelf)\b")
ORGANISATION_NOUN = re.compile(r"corporatie|corpo|gemeente|stad|woning|maatschappij|verhuurder")
# The speaker's side started it: "wij hebben de bewoners gevraagd", "het initiatief ligt bij ons".
STARTED = (
    r"(gevraagd|uitgenodigd|benaderd|gezocht|gestart|opgestart|begonnen|opgezet|voorgesteld|aangeboden|bedacht|"
    r"georganiseerd|aangekaart|mee gekomen|ingebracht|aangedragen|op tafel gelegd|op de agenda gezet|aangezwengeld|"
    r"in gang gezet|ter sprake gebracht|een oproep gedaan|oproep gedaan|aangelegd|heringericht)\b"
    r"(?!\s+(als(?!\s+(\w+\s+)?(corporatie|woningcorporatie|gemeente|organisatie|team))|bij|in|op|hier|"
    r"worden|te worden)\b)"
)
NOT_ASKED_US = r"(?<!\bmij )(?<!\bme )(?<!\bons )"  # "de huurders hebben me gevraagd": they asked
WE_STARTED = re.compile(
    rf"\b(wij|we|ik)\b[^.?!]{{0,60}}?\b(hebben|heb|zijn|ben)\b[^.?!]{{0,60}}?{NOT_ASKED_US}\b{STARTED}"
    rf"|\b(hebben|heb|zijn|ben)\s+(wij|we|ik)\b[^.?!]{{0,80}}?\b{STARTED}"
    r"|\b(dat|die)\s+(zijn|waren|was|ben)\s+(wij|we|ik)\b"
    r"|\b(wij|we)\b[^.?!]{0,60}?\b(zijn|hebben)\b[^.?!]{0,30}?\bmet\s+[^.?!]{1,40}?\b(begonnen|gestart|gekomen)\b"
    r"|\b(zijn|hebben)\s+(wij|we)\s+met\s+[^.?!]{1,40}?\b(begonnen|gestart|gekomen)\b"
    r"|\b(begon|begonnen|startte|kwam|komt)\s+(het\s+)?(bij|van|vanuit)\s+ons\b"
    r"|\b(initiatief|idee|voorstel)\b[^.?!]{0,15}?\b(bij|van|vanuit) ons\b"
)
NOW = re.compile(r"\b(maar|nu|inmiddels|tegenwoordig|sinds kort)\b")
# What the speaker's side is ("wij zijn eigenaar van ...") and a new subject after an introduction ("ik ben
# woonconsulent en het wijkteam van de gemeente ..."), whose organisation is not the speaker's.
OUR_IDENTITY = re.compile(r"\b(wij|we)\s+zijn\s+(\w+\s+)?$")
NEW_SUBJECT = re.compile(r"\ben\s+((het|de|die|dat|er|zij|ze|hun|mijn)\b|$)")
EMPLOYER_GAP = re.compile(r"\s+((bij|van|voor)\s+)?((de|het|een)\s+)?")
WE_AS_NAMED = re.compile(r"(wij|we|ons)(\s+\w+){0,2}\s+als\s+")
WE_AS = re.compile(r"\b(wij|we|ons)\b(\s+\w+){0,2}\s+als\s+(een\s+|de\s+|het\s+)?$")
# "opbouwwerker hier", "wijkregisseur bij de gemeente hier.": the speaker introducing themselves.
SPEAKER_HERE = re.compile(
    r"(\s+(bij|van)\s+(de|het|een)\s+\w+|\s+(gemeente|corporatie|stad|corpo))?\s+hier\b\s*([.,!;:]|$)"
)
# A job that opens a sentence, with the employer after it: "goeiemiddag. woonconsulent bij woonbron."
JOB = re.compile(rf"({WELFARE_JOBS}|{CORPORATION_JOBS}|{MUNICIPAL_JOBS}|buurtbeheerder|wijkbeheerder|gebiedsmanager)")
JOB_OPENING = re.compile(r"(^|[.!?]\s*)(\w+[,!]?\s+)?$")
JOB_AT = re.compile(r"\s+bij\s+(\w+\s+){0,3}\w+\s*([.?!,;]|$)")
# An answer that is just the first person: "wij.", "tja, wij eigenlijk", "ikzelf eigenlijk" (not "ik wil ze helpen").
OPENS_FIRST_PERSON = re.compile(
    r"^\W*((nou|ja|tja|eh|uh)\b[\s,]*)*(wij|we|ik|ikzelf|wijzelf|ons|onszelf)\b"
    r"(\s+(zelf|dus|hoor|natuurlijk|eigenlijk|toch|gewoon))*\s*([,.;:!]|$)"
)
# A question back instead of an answer: its words are not the answer.
COUNTER_QUESTION = re.compile(r"\W*(wat|hoe|wie|welke|waarom|wanneer|bedoel|bedoelt|telt|geldt|valt)\b")
NEARBY = 25  # characters between "wij" and the organisation it names ("wij, de gemeente")
LEADING = 4  # characters before the first mention for it to open the answer ("de ", "nou ")
# The initiative suits the organisation, which says nothing about who started it.
SUITS_US = re.compile(
    r"\b(komt|kwam)\s+(\w+\s+){0,3}(goed|mooi|prima)\s+uit\b|\bgoed\s+uitkomt\b|"
    r"\b(prima|fijn|mooi|goed)\s+vinden\s+als\b|\b(ziet|zien|zag|zagen)\s+(er|daar|hier)\s+(\w+\s+)?(een\s+)?kans\s+in\b"
)
SUITS_NEAR = 15  # characters between a mention and what it says suits it ("de woonstichting ziet er wel een kans in")
# Not knowing how it began, anywhere in the answer: "ik weet niet hoe dat begon".
ORIGIN_UNKNOWN = re.compile(
    r"\bweet\s+(ik\s+)?(\w+\s+)?niet\s+(\w+\s+)?(hoe|wie|waar)\s+(het|dat|dit)\s+(\w+\s+)?"
    r"(begon|begonnen|ontstaan|ontstond|gestart|vandaan|kwam|komt)\b"
)
ANSWER_END = re.compile(r"\s*([,.;:!]|$)")
# An aside, no answer to the open question: "kleine kanttekening: ...", "trouwens, ...".
ASIDE = re.compile(
    r"^\W*((kleine|even een)\s+)?(kanttekening|overigens|trouwens|terzijde|los daarvan|tussendoor|ter info)\b"
)
# An alternative offered: "de bc of toch de gemeente".
ALTERNATIVE = re.compile(r"\bof\s+((toch|misschien|juist|anders)\s+)?(de|het|een|die)\b")
# A guess after not knowing: "weet ik niet precies, de bc denk ik" names the initiator after all.
GUESS = re.compile(r"\b(denk|volgens mij|geloof|waarschijnlijk|vermoed\w*|gok|zal wel|wss|vast)\b")
TIED = 2  # characters between a mention and an initiative cue for the text to tie them ("kwam vanuit henzelf")
# The conclusion that closes an answer: "..., al hielp de wijkagent mee. dus toch de hv", "kortom: wij".
CONCLUSION = re.compile(r"(^|[,;.:!?]\s*)(dus|kortom|al met al|samengevat|conclusie)\b(?=[^.;!?]{0,40}[.!]?\s*$)")
# A plain yes or no that answers "is het een kwetsbare wijk?" when no vocabulary phrase says it.
HESITATION = r"((mwah|mwa|mja|mjah|tja|tsja|hm+|eh+|uh+|nou)\W+)*"
# The neighbourhood's name first: "lombok. nee hoor, ...".
PLACE_FIRST = r"((?!(nee|neen|nope|ja|jawel|niet|no|zeker)\b)\w+[.,:]\s+)?"
YES = re.compile(
    rf"^\W*{PLACE_FIRST}{HESITATION}((heel erg|heel|zeer|echt|nou|oh|o)\s+)?(ja|jazeker|jawel|zeker|klopt|inderdaad|"
    r"best wel|absoluut|yes|yep|jup|jep|eigenlijk wel|toch wel)\b"
)
# ... or a verdict that closes the answer after the facts: "..., al met al wel", "dus ik zou zeggen nee".
VERDICT = re.compile(r"\b(dus|zou zeggen|kortom|al met al)\b[^.;!?,]{0,25}?\b(?P<verdict>ja|wel|nee|niet)\W*$")
# A role named in a clause that says residents do not want it, or that it stays with someone else:
# "zelf onderhouden hoeft niet", "de exploitatie blijft bij de gemeente", "niet alleen meedenken".
# ("wat niet deugt doorgeven" describes a defect, not a refusal.)
NOT_WANTED = re.compile(
    r"\b(niet|geen|niks|niets|hoeft|hoeven|nooit|niemand|blijft bij|blijven bij|laten ze aan|laten ze liever|"
    r"liever niet|wegblijven|ho maar|laten ze (\w+ )?bij|weinig (zin|behoefte|animo|trek)|behalve|uitgezonderd|"
    r"bij (\w+ ){1,2}(laten|houden))\b"
    r"(?!\s+(deugt|klopt|werkt|in orde|gemaaid|gedaan|opgeruimd|gebeurt|gerepareerd|heel)\b)"
)
# A denial later in the sentence that points back at what was listed: "de zaalverhuur, de facturen, daar willen ze
# niet aan", "de kas bijhouden, daar heeft niemand zin in", "de financiën moet de stichting blijven doen".
BACK_DENIAL = re.compile(
    r"\b(dat|daar|die|dit)\s+(willen|wil|zien|hoeven|gaan|doen|heeft|hebben|vinden|moeten)\s+(ze|zij|niemand)\b[^.;!?,]{0,20}?"
    r"\b(niet|nooit|geen|niks|niets|te veel|teveel|wegblijven|afblijven)\b|\bdaar (heeft|hebben|wil|willen) niemand\b|"
    r"\b(dat|daar|die|dit)\s+laten\s+ze\s+(\w+\s+){0,2}(bij|aan|over)\b|\bgeen (sprake|denken) (van|aan)\b|"
    r"\bmoet(en)?\s+(\w+\s+){0,3}blijven\b|\bblijven bij\b|\bbij (\w+ ){1,2}(laten|houden)\b|"
    r"\bzien\s+(ze|zij)\s+(\w+\s+){0,2}niet\s+zitten\b"
)
# Work someone else does in the clause: "kijken of de hovenier het gras wel maait", "wat de schoonmaker doet".
OTHERS_WORK = re.compile(
    r"\b(aannemer|hovenier|schoonmaker|schoonmaakbedrijf|bedrijf|tuinman|huismeester|opzichter|gemeente|corporatie|"
    r"buitendienst|exploitant)\b(\s+\w+){0,5}\s*$"
)
# Residents sought for a task: what they would do is the seeker's wish ("we zoeken huurders die het beheer overnemen",
# "gevraagd bewoners te vinden die de zaal openhouden").
SOUGHT_FOR = re.compile(
    rf"\b(zoeken|zoekt|zochten|werven|werft)\s+(\w+\s+)?({RESIDENTS})\s+die\b"
    rf"|\b({RESIDENTS})\s+te\s+(zoeken|vinden|werven)\s+die\b"
)
# What the speaker is asked to do: "de corporatie vroeg mij mee te denken".
ASKED_OF_US = re.compile(r"\b(vroeg|vraagt|vroegen|vragen|gevraagd)\s+(mij|me|ons)\s+(om\s+)?(\w+\s+)?$")
# Keeping track of who or when, not keeping up the place: "bijhouden hoe vaak de glazenwasser langs is geweest".
KEEPING_TRACK = re.compile(r"\bbijhouden\s+(wie|wanneer|wat|hoe vaak|of|welke|hoe laat)\b")
# ... or further back in the sentence, with the contractor still the subject: "... of de glazenwasser langskomt en
# de ramen lapt".
CONTRACTOR_DOES = re.compile(
    r"\b(of|dat|wat|wanneer|hoe)\s+(de|het)\s+(aannemer|hovenier|schoonmaker|schoonmaakbedrijf|tuinman|glazenwasser)\b"
    r"(\s+\w+){1,8}\s+en(\s+\w+){0,3}\s*$"
)
# The whole answer is "everything": "alles", "alles eigenlijk".
EVERYTHING = re.compile(r"^\W*((nou|eh|tja|eigenlijk)\W+)*alles(\W+(eigenlijk|wel|zelf|gewoon|zo ongeveer))*\W*$")
# A participle in the passive: "wanneer er gemaaid wordt", "er wordt nu slecht gemaaid".
PASSIVE_AFTER = re.compile(r"\s+(wordt|word|worden|werd|werden)\b")
PASSIVE_WORD = re.compile(r"\b(wordt|word|worden|werd|werden)\b(\s+\w+){0,3}\s*$")
# Residents quoted: after "ze zeiden letterlijk:" the first person is theirs.
QUOTED = re.compile(r"\b(zeiden|zeggen|zegt|zei|vinden|vonden)\b[^.?!]{0,15}:")
# What residents would report, after a word of watching: "melden waar tegels los liggen of waar de heg te hoog wordt".
REPORTED_THING = re.compile(r"\W{0,3}(wat|waar|of|als|wanneer|dat)\b")
NO_CLAUSE_TURN = re.compile(r"[,;.!?]|\b(en|maar|want)\b")
# An example given after the subject it belongs to: "bv", "bijvoorbeeld", "zoals".
EXAMPLE = re.compile(r"\b(bv|bijv|bijvoorbeeld|zoals|denk aan)\b")
# ... or a list closed as examples: "meepraten over het plantsoen, andere struiken, een bankje en zo".
EXAMPLES_CLOSED = re.compile(r"[^.;!?]{0,40}?\b(en zo|enzo|enz|etc|e\.d)\b")
# A role named just after a refusal that points forward: "dat doen ze echt niet, zelf de ramen lappen".
REFUSED_BEFORE = re.compile(r"\b(dat|dit)\s+(willen|wil|doen|zien)\s+ze\s+(\w+\s+){0,2}(niet|geen)\b(\s+\w+)?[\s,:]*$")
# A role answered with a no right after it: "zelf schoffelen, nee".
NO_RIGHT_AFTER = re.compile(r"[\s,.:;!-]*(nee|neen|ho maar)\b")
# "de overige klussen blijven bij de aannemer" sets aside everything else, not what was named.
THE_REST = re.compile(r"\b(rest|overige|andere|anders)\b")
EXCEPT = re.compile(r"\b(behalve|uitgezonderd)\b")
# The tail a back-pointing denial covers: up to the end of the sentence, or to "maar" / "wel" that turn it round.
SEGMENT_BREAK = re.compile(r"[.;!?]|\b(maar|wel)\b")
# What residents must do is someone's plan for them, not their wish: "huurders moeten de perken bijhouden".
MUST_DO = re.compile(r"\b(moeten|moet)\s+((gaan|zelf|ook)\s+)?$")
# A mention the speaker's own side does: "dat we het zelf onderhouden", "ik doe het maaien" (first person just before).
OUR_WORK = re.compile(r"\b(we|wij|ik)\b(\s+\w+){0,2}\s*$")
RESIDENT_WORD = re.compile(rf"\b({RESIDENTS})\b")
# Where a denial stops: "zelf de bar of de schoonmaak doen willen ze niet" denies both; "wel willen ze ..."
# and a condition ("als het niet goed gaat") start anew; "ho maar" denies.
NEGATION_BREAK = re.compile(r"[,;.!?:]|\b((?<!\bho )maar|want|als|omdat|wanneer|zodat|dus|wel|wat)\b")
# What residents want: from a wish to the end of its clause ("ze willen vooral meedenken over de bankjes").
WISH = (
    r"\b(wil|willen|wilde|wilden|graag|zien het zitten|zien zitten|zouden|bereid|zin in|zin om|boden aan|bieden aan)\b"
)
# The scope runs on through a list ("ze willen koffie zetten, vegen en zelf de begroting doen") and
# stops at a condition or where a new subject starts ("ze willen meepraten, de corporatie blijft het onderhoud doen").
WISH_SCOPE = re.compile(
    rf"{WISH}[^.;!?:]*:[^.;!?]*"  # a wish that announces a list: "ze willen de boel zelf draaien: bar, zalen, de kas"
    rf"|{WISH}[^.;!?:]*\balles\b[^.;!?]*"  # "alles willen ze regelen, het rooster, de kas, de sleutels"
    rf"|{WISH}(?:(?!\b((?<!wie )wanneer|als|omdat|zodat)\b)(?![,:]\s*(de|het|die|dat|ze|zij|wij|we|ik|hun|er|maar)\b)"
    r"[^.;!?])*"
)
WISHED = re.compile(WISH)
# A say in general ("meer zeggenschap", "invloed", "inspraak"): it answers the role question when asked, but said in
# passing it does not tell how far residents want to go, so the question is still asked.
VAGUE_ROLE = re.compile(r"\b(zeggenschap|invloed|inspraak|te zeggen)\b")
# What they might take on later: "later willen ze misschien ook de hovenier kiezen" gives way to what they want now.
TENTATIVE = re.compile(
    r"\b(later|misschien|mss|wellicht|eventueel|op termijn|in de toekomst|ooit|tzt|te zijner tijd)\b"
)
# What a residents' group does, in the clause that describes it: "een huurdersploeg die maandelijks de hal controleert".
GROUP_DOES = re.compile(rf"\b({RESIDENTS}|bewoners\w+|buurt\w+|huurders\w+)\s+(dat|die)\b[^.;!?]*")
# The speaker corrects themselves: what follows is the answer ("de huurders, o wacht, eigenlijk kwam het van ons").
SELF_CORRECTION = re.compile(
    r"\b(nee|o|oh|of)\s+wacht\b|\bik bedoel\b|\bof nee\b|\bcorrectie\b|\bdat klopt niet\b|\bexcuseer\b|"
    r"\bik vergis me\b|\b(haal|haalde|gooi|gooide)\s+(\w+\s+){0,4}door elkaar\b|\bof eigenlijk\b"
)
# A later statement corrects an earlier one: "eerst wilden ze snoeien, maar het bleek dat ze willen controleren".
CORRECTION = re.compile(rf"\bmaar\b(?! ook)|\buiteindelijk\b|\bbleek\b|{SELF_CORRECTION.pattern}")
QUALIFIED = r"(zelf|als geheel|over het geheel|in het algemeen|over het algemeen|op zich|an sich)"
NO = re.compile(
    rf"^\W*{PLACE_FIRST}{HESITATION}(nee|neen|nope|niet echt|niet bepaald|valt (wel )?mee|welnee|no|eigenlijk niet|"
    r"toch niet|"
    r"niet( meer)?(?=\s*([,.;!]|$))|"
    r"(vroeger|ooit|destijds) (wel|ja)\W+(maar )?nu (niet|nee)|"
    rf"(de|het|dit|deze|dat) (wijk|buurt|dorp|complex|straat|flat|gebied|stuk|deel|blok) ({QUALIFIED} )?niet|"
    rf"{QUALIFIED} niet)\b"
)
# What a side says it does not have: "wij als verhuurder hebben daar zelf geen belang bij".
DISCLAIMS = re.compile(r"\s+(hebben|heeft)\s+((hier|daar|er)\s+)?(\w+\s+)?(geen|niks|niets)\b")
# Who did not start it: "de huurders vroegen er niet om", "niet iets waar de buurt om vroeg".
NOT_THEM = re.compile(r"\b(niet|geen|nooit|niemand|niks|niets)\b")
# The people an idea or request is for: "gevraagd om huurders te betrekken", "het idee om de huurders ...".
FOR_WHOM = re.compile(r"\b(om|hoe\s+(ik|we|wij|je|jullie))\s+(de\s+|die\s+|onze\s+)?$")
# ... or said after them: "vroeg ons huurders te activeren".
FOR_WHOM_AFTER = re.compile(
    r"\s+((meer|beter|actief|goed)\s+)?te\s+(betrekken|activeren|motiveren|enthousiasmeren|bereiken|helpen|"
    r"ondersteunen|stimuleren|verleiden|interesseren|mobiliseren|informeren|benaderen|zoeken|vinden|werven)\b"
    r"|\s+erbij\s+te\s+(halen|betrekken|krijgen)\b"
)
# Whom someone asked or approached ("ze hebben de tuinclub gepolst", "heeft twee huurders aangeschreven") and whom
# the organisation works with ("de afspraken met het stadsdeel"): not who started it.
ASKED_ONES = re.compile(
    r"\s+(\w+\s+){0,2}?(gevraagd|benaderd|aangeschreven|uitgenodigd|gepolst|aangesproken|opgeroepen|betrokken)\b"
)
# What was set up, in the passive: "door het buurtwerk is een huurdersgroepje samengesteld" (set up by someone else).
# Only verbs whose active perfect takes "hebben": "er zijn bewoners gestart" is active, so "gestart" is not here.
SET_UP = re.compile(r"\s+(\w+\s+){0,2}?(opgezet|opgericht|samengesteld|geformeerd)\b")
PASSIVE_BEFORE = re.compile(r"\b(is|werd|wordt|zijn|werden)\b(\s+\w+){0,4}\s*$")
# Who joined later, only helped or pulls out: "de wijkagent is later aangesloten", "de moskee heeft een lokaal
# beschikbaar gesteld", "het buurtwerk trekt zich terug".
HELPED = re.compile(
    r"\s+[^,;.!?]{0,40}?\b(aangehaakt|aangesloten|bijgekomen|ingestapt|aangeschoven|beschikbaar gesteld|"
    r"gesponsord|sponsort|meebetaald|betaalt mee|ondersteunt|ondersteunen|ondersteund|gefaciliteerd|faciliteert|"
    r"faciliteren|uitgeleend|leent|lenen|betaald|betaalt|betalen|"
    r"trekt zich\s+(\w+\s+)?terug|trok zich\s+(\w+\s+)?terug|haakt af|haakte af|stopt ermee|stopte ermee)\b"
)
SOUGHT = re.compile(r"\b(zoeken|zoek|zochten|werven|benaderen)\s+(\w+\s+)?$")
# Only where someone else asks: a subject before the verb, or a pronoun just after it ("hebben ze ... gevraagd");
# "na de inspraakavond heeft het stadsdeel gevraagd" has the stadsdeel asking.
ASKER_BEFORE = re.compile(
    r"\b(ze|zij|we|wij|ik|hij|jullie|die|ons|onze|mijn|gemeente|corporatie|stad|stadsdeel|wijkteam|team|directie|"
    r"\w*organisatie|\w*stichting|opbouwwerker|wijkmanager|wijkregisseur|buurtteam)\b[^,;.!?]*?"
    r"\b(heeft|hebben|heb|had|hadden)\s+(\w+\s+){0,3}$"
    r"|\b(heeft|hebben|heb|had|hadden)\s+(ze|zij|we|wij|ik|hij|jullie)\b(\s+\w+){0,3}\s*$"
)
# What an idea or plan says they will do: "de bedoeling is dat huurders de zaal gaan openen" (not whose idea it was).
PLANNED_FOR = re.compile(
    r"\b((het|ons|onze|de|mijn)\s+)?(\w*plan|idee|bedoeling|gedachte|doel|streven|wens|\w*beleid)\s+is\s+(dat|om)\s+"
    r"((de|die|alle)\s+)?(\w+\s+){0,4}?(door\s+)?$"
)
# Whom the speaker wants to let do something: "we willen de huurders laten meebeslissen".
LET_BEFORE = re.compile(r"\b(ik|we|wij)\s+(wil|willen|ga|gaan|zou|zouden)\s+(\w+\s+)?(de\s+|die\s+|onze\s+)?$")
LET_AFTER = re.compile(r"\s+(\w+\s+){0,2}laten\b")
# Whom they went to ("ze stapten naar het stadsdeel") and where it should come from ("het moet uit de buurt
# zelf komen"): not who started it.
ADDRESSEE = re.compile(r"\bnaar\s+(de\s+|het\s+|die\s+)?$")
MUST_COME = re.compile(r"\b(moet|moeten|moest)\s+(het\s+)?(van|vanuit|uit)\s+(de\s+|het\s+|die\s+)?$")
COME = re.compile(r"\s+(\w+\s+)?(komen|uitgaan)\b")
PARTNER = re.compile(
    r"\b(\w*afspraken|samen|overleg|samenwerking|gesprek|convenant)\s+met\s+(de\s+|het\s+)?$"
    r"|\b(heb|hebben|heeft)\s+(\w+\s+){0,2}met\s+(de\s+|het\s+)?$"
)
# What the text just before a mention can say that makes it no initiator (see _asked_or_meant).
NO_STARTER_BEFORE = (FOR_WHOM, SOUGHT, PLANNED_FOR, ADDRESSEE, PARTNER)
# A question the speaker asks themselves: "ik vraag me af of de huurders hier iets in zien".
WONDERING = re.compile(r"\b(vraag me af|vraag mij af|vroeg me af|vroeg mij af|ben benieuwd|twijfel of)\b")
# A question about what a word means: "kwetsbaar, bedoel je de mensen of de wijk?".
ASKS_MEANING = re.compile(r"\b(bedoel|bedoelt|bedoeld|versta|verstaan|definieer|definitie)\b")
# "weet niet hoe ...": not knowing how to go about it, not an answer.
HOW = re.compile(r"\s+(goed\s+|precies\s+|zo\s+|echt\s+)?(hoe|wat|waar|wie|welke|of|wanneer)\b")
# A sign of vulnerability denied in its clause: "niet bijzonder kwetsbaar", "weinig armoede".
DENIED = re.compile(r"\b(niet|geen|nauwelijks|allesbehalve|weinig|amper)\b")
# ... or just after it: "kwetsbaar is de wijk niet", "kwetsbaar zou ik het niet noemen".
DENIED_AFTER = re.compile(r"\s+(is|zijn|was|zou)\s+(\w+\s+){0,4}?(niet|geen)\b")


def read_intake(
    index: PhraseIndex, text: str, asked: str | None = None, organisation: str | None = None
) -> dict[str, Any]:
    """The intake values a message gives, and the speaker's own organisation when the message introduces it.

    `asked` is the intake question the message answers, if any; `organisation` the speaker's organisation
    known from earlier messages.
    - organisatie: corporatie or gemeente, from an introduction ("ik ben woonconsulent bij een corporatie",
      "opbouwwerker hier").
    - ruimte: the space the text is about (knowledge.spaces: not one set aside or in a job title, green giving
      way to the space it lies in or to one named after it, one after "het gaat om" first); said in passing, notes
      that list different spaces on different lines leave the question open.
    - initiatiefnemer: only when asked, or when the text says who started it ("kwam met het idee"); an answer
      that opens with an initiator gives that one, otherwise the initiator named nearest to the cue. Never the
      speaker's own job ("ik ben wijkconsulent"), whoever is said not to have started it ("de huurders vroegen
      er niet om"), the people it is meant for ("gevraagd om huurders te betrekken"), whom someone asked, sought
      or set up ("ze hebben de tuinclub gepolst", "is een huurdersgroepje samengesteld") or works with ("de
      afspraken met het stadsdeel"), who joined later or only helped ("de wijkagent is later aangesloten", "de
      moskee heeft een lokaal beschikbaar gesteld"); after a self-correction ("o wacht, eigenlijk ...") only what
      follows counts, and a conclusion that closes the answer ("..., dus toch de hv") decides.
      The speaker's side in the first person ("wij", "van ons", "hebben we ... gevraagd", "dat zijn wij
      geweest", or a goal of theirs: "volgens ons ondernemingsplan moeten we ...") is the organisation it names
      nearby, else the speaker's organisation, else the corporation; not where the initiative only suits them
      ("dat komt ons goed uit"). Not knowing is 'onbekend' unless a guess
      follows ("weet ik niet precies, de bc denk ik").
    - bewonersrol: in answer to the role question, the highest rung residents are said to want, leaving out
      what is denied in its clause ("meepraten, zelf onderhouden hoeft niet") or by a later denial pointing
      back at it ("de boekhouding, de verzekering, daar willen ze niks mee"), what the organisation wants of them ("de
      directie wil dat ze alles overnemen"), does itself ("dat we het zelf onderhouden") or someone does in the
      passive ("wanneer er gemaaid wordt"); "alles" on its own is the top rung; else the role of a
      menukaart option named ("een moestuin" -> zelf_doen) unless the answer says it does not know. Said in
      passing, a role counts only in a sentence about what residents want or do themselves, not in the
      organisation's plan for them.
    - kwetsbare_wijk: in answer to that question, an answer that opens with a plain yes or no ("nee hoor, ...",
      "niet echt, wel veel eenzaamheid"), else a verdict that closes it ("..., dus ik zou zeggen ja"), all
      after a self-correction if there is one; otherwise the last mention, where the longest phrase wins ("niet
      kwetsbaar" over "kwetsbaar") and a sign denied in its clause or just after it counts as no ("niet
      bijzonder kwetsbaar", "kwetsbaar is de wijk niet").
    - "weet ik (eerlijk gezegd) niet" answers the asked question with 'onbekend'; "ik weet niet hoe ..." does
      not, and neither does a question the speaker asks ("wat bedoel je met kwetsbaar?", "ik vraag me af of").
    """
    analysis = _without_questions(index.analyse(text))
    found: dict[str, Any] = {}
    spaces = analysis.mentions.get("ruimte", [])
    space = the_space(analysis.text, spaces)
    if space and (asked == "ruimte" or not leaves_doubt(analysis.text, spaces)):
        found["ruimte"] = space.value
    mentions = analysis.mentions.get("initiatiefnemer", [])
    own = [m for m in mentions if _self_description(analysis.text, m)]
    speaker = next((_employer(analysis.text, m, own) for m in own if m.value in ORGANISATIONS), None) or next(
        (m.value for m in mentions if m.value in ORGANISATIONS and _we_as(analysis.text, m)), None
    )  # "ik ben wijkconsulent bij een corporatie", "wij als gemeente hebben ..."
    if speaker:
        found[ORGANISATION] = speaker
    initiator = _initiator(analysis, [m for m in mentions if m not in own], asked, speaker or organisation)
    if initiator:
        found["initiatiefnemer"] = initiator
    role = _role(index, analysis, asked)
    if role:
        found["bewonersrol"] = role
    vulnerable = analysis.mentions.get("kwetsbare_wijk", [])
    # After a self-correction ("ja, o nee, ik vergis me in het complex") only what follows counts.
    cut = _after_self_correction(analysis.text)
    answer = analysis.text[cut:]
    vulnerable = [m for m in vulnerable if m.start >= cut]
    verdict = VERDICT.search(answer) if asked == "kwetsbare_wijk" else None
    if asked == "kwetsbare_wijk" and (YES.search(answer) or NO.search(answer)):
        found["kwetsbare_wijk"] = bool(YES.search(answer))
    elif verdict:
        found["kwetsbare_wijk"] = verdict.group("verdict") in ("ja", "wel")
    elif asked == "kwetsbare_wijk" and vulnerable and _doubt_closes(analysis, vulnerable[-1]):
        found["kwetsbare_wijk"] = UNKNOWN  # "aan de ene kant van het spoor wel, verderop niet; weet ik echt niet"
    elif vulnerable:
        last = vulnerable[-1]
        denied = DENIED.search(before(analysis.text, last.start, CLAUSE_BREAK)) or DENIED_AFTER.match(
            analysis.text, last.end
        )
        found["kwetsbare_wijk"] = last.value == "ja" and not denied
    if asked in INTAKE_SLOTS and asked not in found and _dont_know(analysis):
        found[asked] = UNKNOWN
    return found


def _initiator(analysis: Analysis, mentions: list[Mention], asked: str | None, speaker: str | None) -> str | None:
    text = analysis.text
    # After a self-correction only what follows counts; whom someone asked or works with did not start it.
    cut = _after_self_correction(text)
    mentions = [m for m in mentions if m.start >= cut and not _asked_or_meant(text, m)]
    # "wij als verhuurder hebben daar geen belang bij" disclaims, it does not say who started it.
    mentions = [m for m in mentions if not DISCLAIMS.match(text, m.end)]
    # "de huurders vroegen er niet om" says who did not start it.
    kept = [m for m in mentions if not NOT_THEM.search(_scope(text, m, NEGATION_BREAK))]
    # With everyone named set aside, an answer that opens with "wij" is the speaker's side.
    mentions = kept or ([] if OPENS_FIRST_PERSON.search(text) else mentions)
    suits = [(s.start(), s.end()) for s in SUITS_US.finditer(text)]
    if suits:  # "voor ons komt dat mooi uit, de directie ...": it suits them, they did not start it
        mentions = [
            m
            for m in mentions
            if not (_first_person(text, m) or FIRST_PERSON.match(text, m.start) or WE_AS.search(text, 0, m.start))
            and not any(m.start >= a or 0 <= a - m.end <= SUITS_NEAR for a, _ in suits)
        ]
    reported = someone_elses_goal(text) and states_a_goal(text)  # "volgens hun plan moet het goedkoper"
    # "de stad, het is hun project" answers; "de stad wil besparen, volgens hun nota" reports
    named = bool(mentions) and mentions[0].start <= LEADING and bool(ANSWER_END.match(text, mentions[0].end))
    if asked == "initiatiefnemer" and (ASIDE.match(text) or reported) and not named and not initiative_cues(text):
        return None  # "overigens: de stad wil van het clubhuis af, volgens hun nota"
    if asked == "initiatiefnemer" and ORIGIN_UNKNOWN.search(text):
        return UNKNOWN  # "... al weet ik niet wie dat ooit begonnen is"
    if asked == "initiatiefnemer" and _not_knowing_first(analysis, mentions) and not GUESS.search(text):
        return UNKNOWN  # "geen flauw idee, de stad of de huurders zelf", "geen idee, mijn voorganger liet niets achter"
    if asked == "initiatiefnemer" and _not_knowing_last(analysis, mentions):
        return UNKNOWN  # "volgens mij de hv of toch de stad, ik weet het echt niet"

    def value(mention: Mention) -> str:
        return _our_side(text, mention.start, mentions, speaker) if _first_person(text, mention) else mention.value

    conclusion = CONCLUSION.search(text, cut) if asked == "initiatiefnemer" else None
    concluded = [m for m in mentions if conclusion and m.start >= conclusion.end()]
    if concluded:
        return value(concluded[0])
    opens = OPENS_FIRST_PERSON.search(text[cut:])
    if asked == "initiatiefnemer" and opens:
        return _our_side(text, cut + opens.start(), mentions, speaker)  # "wij, na een reeks meldingen. ..."
    cues = [cue for cue in initiative_cues(text) if cue[0] >= cut and not any(a <= cue[0] < b for a, b in suits)]
    # A mention the text ties to the start ("dat kwam vanuit de huurders zelf") beats one that merely opens the answer.
    tied = [m for m in mentions if any(cue[0] <= m.start <= cue[1] + TIED for cue in cues)]
    if asked == "initiatiefnemer" and mentions and mentions[0].start <= LEADING and (not tied or mentions[0] in tied):
        return value(mentions[0])  # the answer opens with who it was: "de gemeente, samen met de corporatie"
    started = WE_STARTED.search(text, cut)
    # What began long ago gives way to who comes with it now: "het wijkcentrum is door ons begonnen, maar nu komt de
    # buurt zelf met een voorstel".
    now = [m for m in tied if started and m.start > started.end() and NOW.search(text, started.end(), m.start)]
    if now:
        return value(now[-1])
    if started:
        return _our_side(text, started.start(), mentions, speaker)
    if mentions and cues:
        return value(min(mentions, key=lambda m: min(_gap(m, cue) + _other_sentence(text, m, cue) for cue in cues)))
    if asked != "initiatiefnemer":
        return None
    if mentions:
        return value(mentions[0])
    # The organisation's goal in the first person answers it ("volgens ons ondernemingsplan moeten we ..."), unless
    # it only says the initiative suits them ("voor ons komt dat goed uit").
    ours = states_a_goal(text) and WE.search(text) and not suits
    return _our_side(text, 0, mentions, speaker) if ours else None


def corrects_itself(text: str) -> bool:
    """Whether the message corrects something the speaker said ("correctie: ...", "o wacht, ik bedoel ...")."""
    return bool(SELF_CORRECTION.search(text.lower()))


def corrected_part(text: str) -> str:
    """What follows the speaker's last self-correction ('' without one): "..., oh en correctie, het is een grasveld"."""
    lowered = text.lower()
    return lowered[_after_self_correction(lowered) :] if corrects_itself(lowered) else ""


def _after_self_correction(text: str) -> int:
    """Where the answer starts again after the speaker's last self-correction (0 without one)."""
    return max((c.end() for c in SELF_CORRECTION.finditer(text)), default=0)


def _asked_or_meant(text: str, mention: Mention) -> bool:
    """Whether the mention is whom it is meant for ("het idee om de huurders te betrekken", "hoe ik de bewoners erbij
    betrek", "vroeg ons huurders te activeren", "de bedoeling is dat huurders ..."), whom someone asked or sought ("ze
    hebben de tuinclub gepolst", "we zoeken huurders"), what was set up ("is een huurdersgroepje samengesteld"),
    whom they went to or the organisation works with ("de afspraken met het stadsdeel")."""
    preceding = before(text, mention.start, CLAUSE_BREAK)
    asked = ASKED_ONES.match(text, mention.end) and ASKER_BEFORE.search(preceding)
    set_up = SET_UP.match(text, mention.end) and PASSIVE_BEFORE.search(preceding)
    must_come = MUST_COME.search(text, 0, mention.start) and COME.match(text, mention.end)
    return bool(
        asked
        or set_up
        or must_come
        or any(pattern.search(text, 0, mention.start) for pattern in NO_STARTER_BEFORE)
        or FOR_WHOM_AFTER.match(text, mention.end)
        or HELPED.match(text, mention.end)
        or (LET_BEFORE.search(text, 0, mention.start) and LET_AFTER.match(text, mention.end))
        or _organisation_wants(text, mention)
    )


def _gap(mention: Mention, span: tuple[int, int]) -> int:
    """The characters between a mention and a span of text (0 where they overlap)."""
    return max(span[0] - mention.end, mention.start - span[1], 0)


def _other_sentence(text: str, mention: Mention, span: tuple[int, int]) -> int:
    """A penalty for a mention in another sentence than the cue: the cue's own sentence names whom it is about."""
    start, end = sorted((mention.start, span[0]))
    return 1000 if SENTENCE_BREAK.search(text, start, end) else 0


def _not_knowing_first(analysis: Analysis, mentions: list[Mention]) -> bool:
    """Whether the answer opens with not knowing ("geen idee eerlijk gezegd, ..."), or says it before naming more than
    one possible initiator ("weet ik eigenlijk niet, de vve of toch de stad")."""
    unknown = [m.start for m in analysis.mentions.get("onbekend", [])]
    if any(start <= LEADING for start in unknown):
        return True
    return bool(unknown and mentions) and min(unknown) < mentions[0].start and len({m.value for m in mentions}) > 1


def _employer(text: str, job: Mention, own: list[Mention]) -> str:
    """The organisation a job is at when it is named right after it ("wijkbeheerder gemeente hier", "wijkbeheerder bij
    de gemeente"), else the one the job stands for."""
    at = next((m for m in own if m.start >= job.end and EMPLOYER_GAP.fullmatch(text, job.end, m.start)), None)
    return at.value if at is not None and at.value in ORGANISATIONS else job.value


def _doubt_closes(analysis: Analysis, last: Mention) -> bool:
    """Whether not knowing is said after the last sign, closing the answer."""
    return any(m.start >= last.end for m in analysis.mentions.get("onbekend", []))


def _we_as(text: str, mention: Mention) -> bool:
    """Whether the mention is the speaker's side named as an organisation: "wij als gemeente"."""
    return bool(WE_AS.search(text, 0, mention.start) or WE_AS_NAMED.match(text, mention.start))


def _not_knowing_last(analysis: Analysis, mentions: list[Mention]) -> bool:
    """Whether the answer closes with not knowing after offering alternatives ("een tuinclub of toch de gemeente, ik
    weet het echt niet"): a guess before it does not decide."""
    unknown = [m.start for m in analysis.mentions.get("onbekend", [])]
    if not unknown or not mentions or max(unknown) < mentions[-1].end:
        return False
    return bool(ALTERNATIVE.search(analysis.text, 0, mentions[-1].end))


def _first_person(text: str, mention: Mention) -> bool:
    """Whether a mention is the speaker's side in the first person ("van ons") rather than a named organisation."""
    span = text[mention.start : mention.end]
    return bool(FIRST_PERSON.search(span)) and not ORGANISATION_NOUN.search(span)


def _our_side(text: str, position: int, mentions: list[Mention], speaker: str | None) -> str:
    """The speaker's organisation: one named next to the first person, else the one introduced, else the corporation."""
    named = [
        m
        for m in mentions
        if m.value in ORGANISATIONS and not _first_person(text, m) and abs(m.start - position) <= NEARBY + 10
    ]
    if named:
        return min(named, key=lambda m: abs(m.start - position)).value
    return speaker or "corporatie"


def _without_questions(analysis: Analysis) -> Analysis:
    """The analysis without the mentions inside a counter-question ("wat bedoel je met kwetsbaar?")."""
    text, kept = analysis.text, {}
    for category, mentions in analysis.mentions.items():
        kept[category] = [m for m in mentions if not _in_counter_question(text, m)]
    return Analysis(text=text, mentions={c: ms for c, ms in kept.items() if ms})


def _in_counter_question(text: str, mention: Mention) -> bool:
    if WONDERING.search(_scope(text, mention, SENTENCE_BREAK)):
        return True
    if not _echoed(text, mention):
        return False
    return bool(COUNTER_QUESTION.match(before(text, mention.start, CLAUSE_BREAK))) or bool(
        ASKS_MEANING.search(_scope(text, mention, SENTENCE_BREAK))
    )


def _organisation_wants(text: str, mention: Mention) -> bool:
    """Whether the mention is part of what the organisation wants of the residents (earlier in its sentence)."""
    preceding = before(text, mention.start, SENTENCE_BREAK)
    organisation = [m.end() for m in ORGANISATION_WANTS.finditer(preceding)]
    residents = [m.end() for m in RESIDENTS_WANT.finditer(preceding)]
    return bool(organisation) and (not residents or organisation[-1] > residents[-1])


def _echoed(text: str, mention: Mention) -> bool:
    """Whether the mention's sentence is a question."""
    after = SENTENCE_BREAK.search(text, mention.end)
    return after is not None and after.group(0) == "?"


def _scope(text: str, mention: Mention, breaks: re.Pattern[str]) -> str:
    """The part of the text between the breaks around a mention."""
    after = breaks.search(text, mention.end)
    return before(text, mention.start, breaks) + text[mention.start : (after.start() if after else len(text))]


def _residents_sentence(sentence: str) -> bool:
    """Whether a sentence says what residents want or do themselves, not what the organisation plans for them
    ("in het plan staat dat alle ruimtes door bewoners zelf beheerd worden") or wants itself ("de exploitatie kost ons
    geld en dat willen we omlaag")."""
    theirs = RESIDENTS_WISH_ONLY.search(sentence)  # a plan "dat de bewoners ..." is the organisation's here
    return has_wish_cue(sentence) and not (
        (FIRM_GOAL.search(sentence) or ORGANISATION_WANTS.search(sentence)) and not theirs
    )


def _denied(text: str, mention: Mention) -> bool:
    """Whether residents are said not to want the role: in its clause, or, for a role listed without a wish of
    its own, by a denial later in the sentence that points back at it."""
    clause = _scope(text, mention, NEGATION_BREAK)
    if NOT_WANTED.search(clause) or NO_RIGHT_AFTER.match(text, mention.end):
        return True
    if REFUSED_BEFORE.search(text, 0, mention.start):
        return True
    if WISHED.search(clause):
        return False
    end = SEGMENT_BREAK.search(text, mention.end)
    denial = BACK_DENIAL.search(text, mention.end, end.start() if end else len(text))
    if denial is None:
        return False
    # "de rest laten ze", "..., behalve de keuring, dat willen ze niet": the denial is about what comes between
    return not THE_REST.search(text, mention.end, denial.start()) and not EXCEPT.search(
        text, mention.end, denial.start()
    )


def _example_of(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether the mention is an example of what residents want a say in or watch over ("meepraten over het groenplan,
    bijvoorbeeld vaker maaien"): after "bv" or "zoals", or in a list closed by "en zo", that follows a lower rung in
    the same sentence."""
    start = max((b.end() for b in SENTENCE_BREAK.finditer(text, 0, mention.start)), default=0)
    marker = EXAMPLE.search(text, start, mention.start)
    if marker is None and not EXAMPLES_CLOSED.match(text, mention.end):
        return False
    end = marker.start() if marker else mention.start
    return any(start <= m.start < end and ROLLEN.index(m.value) < ROLLEN.index(mention.value) for m in mentions)


def _reported(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether the mention is what residents would report, not do ("melden waar tegels los liggen of waar de heg te
    hoog wordt"): it follows a word of watching and the clause it opens."""
    return any(
        m.value == "toezicht"
        and m.end <= mention.start
        and (REPORTED_THING.match(text, m.end) or REPORTED_THING.search(text[m.start : m.end]))
        and not NO_CLAUSE_TURN.search(text, m.end, mention.start)
        for m in mentions
        if m is not mention
    )


def _someone_else_does(text: str, mention: Mention) -> bool:
    """Whether someone other than the residents does it: the speaker's side ("dat we het zelf onderhouden", the
    first person with no residents after it), a contractor ("of de aannemer het gras wel kort hield"), in the
    passive, whoever does the work now ("wanneer er gemaaid wordt"), or whoever says residents must ("huurders
    moeten de perken bijhouden")."""
    preceding = before(text, mention.start, CLAUSE_BREAK)
    ours = OUR_WORK.search(preceding)
    passive = text.startswith("ge", mention.start) and bool(
        PASSIVE_AFTER.match(text, mention.end) or PASSIVE_WORD.search(preceding)
    )
    theirs = ours is not None and not RESIDENT_WORD.search(ours.group(0)) and not QUOTED.search(text, 0, mention.start)
    sentence = before(text, mention.start, SENTENCE_BREAK)
    contractor = CONTRACTOR_DOES.search(sentence)  # "of de glazenwasser langskomt en de ramen lapt"
    contractors = (
        mention.value != "toezicht" and contractor is not None and not RESIDENT_WORD.search(sentence, contractor.end())
    )
    return theirs or passive or contractors or bool(OTHERS_WORK.search(preceding) or MUST_DO.search(preceding))


def _dont_know(analysis: Analysis) -> bool:
    """Whether the text says the speaker does not know ("weet ik eerlijk gezegd niet"), not how to go about it
    ("ik weet niet precies hoe ik dit aanpak")."""
    text = analysis.text
    return any(not HOW.match(text, m.end) for m in analysis.mentions.get("onbekend", []))


def _self_description(text: str, mention: Mention) -> bool:
    """Whether the mention is the speaker's own job or employer ("ik ben woonconsulent bij een corpo")."""
    if WE_AS.search(text[: mention.start]):
        return False  # "we willen als corporatie ...": the speaker's side, not their job
    described = SELF_DESCRIPTION.search(text[: mention.start])
    if described and THEIR_ROLE.search(before(text, described.start(), CLAUSE_BREAK)):
        return False  # "hij startte het als huurder": what someone else was, not the speaker's job
    if described or SPEAKER_HERE.match(text, mention.end):
        return True
    if JOB.fullmatch(text, mention.start, mention.end) and JOB_OPENING.search(text, 0, mention.start):
        return JOB_AT.match(text, mention.end) is not None  # "goeiemiddag. woonconsulent bij woonbron. ..."
    if OUR_IDENTITY.search(text, 0, mention.start):
        return True  # "wij zijn eigenaar van het wijkcentrum": what the speaker's side is
    introduction = INTRODUCTION.search(before(text, mention.start, SENTENCE_BREAK))
    return (
        mention.value in ORGANISATIONS
        and introduction is not None
        and not NEW_SUBJECT.search(text, introduction.end(), mention.start)
    )


def _role(index: PhraseIndex, analysis: Analysis, asked: str | None) -> str | None:
    if asked != "bewonersrol" and not has_wish_cue(analysis.text):
        return None  # "de portieken worden slecht schoongemaakt" is a complaint, not what residents want to do
    text = analysis.text
    if asked == "bewonersrol" and EVERYTHING.match(text):
        return ROLLEN[-1]  # "alles": the whole of it, the top rung
    # "de vrijwilligers van de tuinclub" says who it is, not what they do.
    people = [(m.start, m.end) for m in analysis.mentions.get("initiatiefnemer", [])]
    mentions = [
        m
        for m in analysis.mentions.get("bewonersrol", [])
        if not _organisation_wants(text, m)
        and not SOUGHT_FOR.search(before(text, m.start, SENTENCE_BREAK))
        and not ASKED_OF_US.search(text, 0, m.start)
        and not any(a <= m.start and m.end <= b for a, b in people)
        and not KEEPING_TRACK.match(text, m.end - len("bijhouden"))
    ]
    # A role echoed as a question ("schoonmaken zelf? nee, ...") is not the answer when another role is named.
    mentions = [m for m in mentions if not _echoed(text, m)] or mentions
    mentions = [
        m
        for m in mentions
        if not _someone_else_does(text, m) and not _example_of(text, m, mentions) and not _reported(text, m, mentions)
    ]
    wanted = [m for m in mentions if not _denied(text, m)]
    if asked != "bewonersrol":  # said in passing: only in a sentence about what residents want or do themselves,
        wanted = [
            m
            for m in wanted
            if _residents_sentence(_scope(text, m, SENTENCE_BREAK)) and not VAGUE_ROLE.search(text[m.start : m.end])
        ]
    wanted = [m for m in wanted if not TENTATIVE.search(_scope(text, m, SENTENCE_BREAK))] or wanted
    # Prefer what is said to be wanted over examples and conditions, and a correction over what it corrects.
    scopes = [(w.start(), w.end()) for pattern in (WISH_SCOPE, GROUP_DOES) for w in pattern.finditer(text)]
    wished = [
        m for m in wanted if any(a <= m.start < b for a, b in scopes) or WISHED.search(_scope(text, m, CLAUSE_BREAK))
    ]
    wanted = wished or wanted
    corrections = [c.end() for c in CORRECTION.finditer(text)]
    wanted = [m for m in wanted if corrections and m.start > corrections[-1]] or wanted
    # A conclusion that closes the answer decides: "..., de agenda en de pot. dus eigenlijk het hele beheer".
    conclusion = CONCLUSION.search(text) if asked == "bewonersrol" else None
    wanted = [m for m in wanted if conclusion and m.start >= conclusion.end()] or wanted
    if mentions:
        return max(wanted, key=lambda m: ROLLEN.index(m.value)).value if wanted else None
    if asked != "bewonersrol" or _dont_know(analysis):
        return None  # "dat hoor ik pas na de inloopavond, weet ik nog niet" names an option, not a role
    options = [m.value for m in analysis.mentions.get("optie", []) if not _denied(text, m)]
    return index.store.options[options[0]].rol if options else None

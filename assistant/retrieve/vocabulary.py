"""Everyday words → the treaties' own terms (pure data and the functions that read it): "24/7" is searched as
"twenty-four hour seven-day-a-week point of contact", "companies" as "legal persons". The terms are added to the
searched text, never shown as the query; a question's phrase the vocabulary maps is the texts' subject in other
words, never a subject they do not regulate."""

from __future__ import annotations

import re

from ..grounding import content_terms
from .query import longest_first

_TAKES_EFFECT = (r"(tak(e|es|ing)|took|go(es)?|went) (into )?effect|(com(e|es|ing)|came) into force|"
                 r"(start(s|ed|ing)?|begin(s|ning)?|began) (to apply|applying)")
# what follows "punish" when it sanctions: the people punished, or the sanction ("punish … by", "with")
_PUNISHED = (r"(someone|anyone|offenders?|criminals?|perpetrators?|people|persons?|individuals?|hackers?|those|them|"
             r"him|her|companies|legal persons|by|with)")
PUNISHES_CONDUCT = r"punish(es|ing)?(?!\s+" + _PUNISHED + r"\b)"  # "punish attempted cybercrimes": criminalise
# Everyday words → the treaties' own terms. Added to the searched text (never shown as the query), so a user
# who says "24/7" or "companies" finds "twenty-four hour, seven-day-a-week" and "legal persons".
VOCABULARY = {
    r"24/7|around the clock|round the clock|24 hours": "twenty-four hour seven-day-a-week point of contact",
    # not what a company owns ("test companies' security", "a company's servers"): that is the subject asked about
    r"(?<!phone\s)(?<!telephone\s)(?<!media\s)compan(y|ies)(?!['’]s?\s+(security|systems?|networks?|servers?|data|"
    r"products?|services?|customers?|computers?|websites?|premises)\b)|corporations?|corporate|businesses|firms?":
        "legal persons liability",
    r"hack(ing|ers?)?(?!\s+(tools?|software|programs?|kits?))|break(ing)? into": "illegal access without right",
    r"denial[\s-]+of[\s-]+service|d?dos( attacks?)?": "system interference serious hindering of the functioning",
    r"wiretap(s|ped|ping)?|eavesdrop(s|ped|ping)?|(tele)?phone tapping": "interception",
    r"wip(e|es|ed|ing)|eras(e|es|ed|ing)|tamper(s|ed|ing)? with|corrupt(s|ed|ing)? (the )?(data|files)":
        "interference with data damaging deletion alteration",
    r"knock(s|ed|ing)? (\w+ )*?(offline|down)|(take|takes|taking|took) (\w+ )*?offline|crash(es|ed|ing)?|"
    r"disrupt(s|ed|ing)?|flood(s|ed|ing)?|overload(s|ed|ing)?|stop(s|ped|ping)? (\w+ ){1,3}(from )?working|"
    r"sabotag(e|es|ed|ing)":
        "system interference serious hindering of the functioning",
    r"isps?|internet service providers?|telecoms?|platforms?|(tele)?phone (companies|company|operators?|carriers?)|"
    r"(mobile|network) (operators?|carriers?)": "service provider",
    r"metadata|(connection|call|access|server|traffic) logs?|logs": "traffic data",
    r"tax(es|ation)?\b": "fiscal",
    r"(just|only|simply|merely) (because|on the grounds? that)|for the (sole|only) reason": "solely on the ground",
    r"account (holders?|owners?)|who owns (an|the|a) account|customer (details|information|records)|"
    r"user (details|identit(y|ies)|data)|users'? data|customer data": "subscriber information",
    r"icts?|it systems?": "information and communications technology system",
    # punishing people is sanctioning them; punishing conduct ("punish attempted cybercrimes") is criminalising it
    r"punishments?|punished|penalt(y|ies)|prison|jail(ed|s)?|imprison(ed|ment)?|fines?|punish(es|ing)?(?=\s+" + _PUNISHED + r"\b)":
        "sanctions deprivation of liberty",
    r"fines?|fined|financial penalt(y|ies)": "monetary sanctions",
    PUNISHES_CONDUCT: "establish as criminal offence",
    r"hand over|turn over": "production order submit",
    r"take(s|n)? down|taking down|takedowns?|block(s|ed|ing)? (access to )?(the |such )?(websites?|sites?|web ?pages?|"
    r"content|material|images?)": "remove render inaccessible",
    r"turn(s|ed|ing)? down|reject(s|ed|ing)?|sa(y|ys|id|ying) no\b|(won['’]t|will not|would not|does not|doesn['’]t|"
    r"do not|don['’]t) (extradite|surrender|hand over|assist|help|co-?operate|execute|grant)": "refuse refusal",
    r"freeze|freezing|retain|retention": "expedited preservation",
    r"cross-border|transborder": "trans-border",
    r"(across|beyond) (national )?borders": "international cooperation",  # the texts never say "border"
    r"child abuse material|csam": "child pornography child sexual abuse material",  # Budapest's term, the UN's
    r"join(ing)?|sign up": "accession accede",
    r"opt(s|ing)? out|exempt(ion)? from applying": "reserve the right not to apply reservation not bound",
    r"help(s|ing)? (each other|one another)|assist(s|ing)? (each other|one another)": "mutual assistance",
    # complicity in everyday words: helping someone (to) commit an offence, an accomplice
    r"(help|assist)(s|ed|ing)? (\w+ ){1,2}(to )?commit|accomplices?|abet(s|ting)?":
        "aiding abetting participation accomplice",
    r"unodc": "United Nations Office on Drugs and Crime",
    r"eu|european union": "regional economic integration organization",  # the organisation the UN text provides for
    # watching communications: the interception of content and the real-time collection of traffic data
    r"surveillance|spy(ing)? on|spies on|listen(s|ed|ing)? in|monitor(s|ed|ing)? (\w+ )?(communications|messages|"
    r"calls|e-?mails|chats)": "interception real-time collection",
    r"warrants?": "judicial or other independent review supervision",
    r"lur(e|es|ed|ing)": "grooming solicitation",
    r"credentials|log-?in (details|data|information)|pin codes?": "password access code",
    r"steal(s|ing)? (\w+ ){0,2}data|stolen data|data theft": "illegal access with the intent of obtaining data",
    r"social media( (companies|platforms|sites|networks))?": "service provider",
    r"innocent (owners?|buyers?|third parties|parties|people|persons?)": "bona fide third parties",
    r"(people|persons|individuals|others|anyone) (\w+ )?(other than|who (are|is) not|who aren['’]t) (the |a )?"
    r"(suspects?|accused|offenders?|targets?)|"
    r"bystanders?": "third parties",
    r"who pays|pay(s|ing)? for": "costs expenses borne",
    r"delay(s|ed|ing)?|hold(s|ing)? off|put(s|ting)? off|defer(s|red|ring)?": "postpone",
    r"detain(s|ed|ing)?|arrest(s|ed|ing)?": "custody",
    # a Party narrowing a measure or its jurisdiction does it by reservation ("reserve the right to apply … only to")
    r"(limit|restrict|confine)(s|ed|ing)? (\w+ ){1,6}?to (certain|some|specific|particular|serious|a few|a list of|"
    r"listed)\b|(limit|restrict|narrow)(s|ed|ing)? (its|their) (jurisdiction|application|obligations?|scope)\b":
        "reserve the right to apply only in specific cases reservation",
    r"quick(ly)?|fast|speed(il)?y|swift(ly)?|rapid(ly)?": "expedited basis expeditiously",
    r"people": "persons",
    r"minors?|juveniles?|teen(ager)?s?|kids?": "child children under 18 years of age",
    r"dissidents?|activists?|political opponents?": "political opinions",
    r"holocaust": "denial of genocide or crimes against humanity",
    r"scams?|swindl(e|es|ing)|con artists?": "fraud",
    r"fak(e|es|ed|ing)|falsif(y|ies|ied|ying)|doctor(s|ed|ing) (\w+ )?(records?|documents?|data|files?)": "forgery inauthentic",
    r"genuine(ness)?": "authentic",
    r"sign(s|ed|ing)? off( on)?": "authorization judicial or other independent review",
    r"(get|gets|getting|got|gotten) into": "access",
    r"provinces?|cantons?|federal (countr(y|ies)|systems?)|federations?": "federal State constituent States",
    r"(tak(e|es|ing)|took) on (\w+ ){0,2}(obligations?|duties|commitments?)": "assume obligations",
    r"(meet|meets|met|meeting|satisf(y|ies|ied|ying)|fulfil(l|ls|s|led|ling)?) (the |a |an |its |their |those |these |such |any )?"
    r"(conditions?|requirements?)": "comply with a condition",
    r"malware|malicious (software|code|programs?)|(computer )?virus(es)?|spyware|ransomware|trojans?|"
    r"hacking (tools?|software|programs?|kits?)":
        "misuse of devices device including a computer program designed or adapted for the purpose of committing offences",
    r"(hand(s|ed|ing)?|turn(s|ed|ing)?) over (a |the )?(suspects?|fugitives?|offenders?|nationals?|criminals?)|"
    r"(suspects?|fugitives?|offenders?|nationals?|criminals?) (\w+ ){0,2}?(handed|turned) over": "extradition extradite",
    r"leav(e|es|ing)|quit(s|ting)?|(pull|back)(s|ed|ing)? out|(get|gets|getting|got) out|exit(s|ing)?": "denounce denunciation",  # a treaty's name is stripped by now
    # withdrawing from the treaty itself, not a reservation or a declaration ("withdraw that reservation")
    r"withdraw(s|n|ing|al)? from(?=\s*(\?|$|\.|it\b|(the |this )?([\w-]+ ){0,3}(convention|treaty)\b))":
        "denounce denunciation",
    _TAKES_EFFECT: "enter into force entry",  # a treaty taking effect is its entry into force (see _UNLESS)
    r"usb (sticks?|drives?)|flash drives?|memory (sticks?|cards?)|hard (drives?|disks?)|external drives?":
        "data storage medium",
    r"laptops?|smartphones?|(mobile|cell) ?phones?|tablet computers?|desktop computers?":
        "computer system information and communications technology system device",
    # changing the treaty itself (its name is stripped by now: "Does a change to need to be ratified?"), not data
    r"(chang|alter|modif)\w* (to|of)(?=\s*(?:[?.,]|$|(?:it|them|need|needs|must|requires?|enters?|takes?|be)\b|"
    r"(?:the |this |either |each |both )?(?:[\w-]+ ){0,3}(?:convention|treaty|treaties|protocol)s?\b))|"
    r"be(ing)? (changed|altered|modified)(?=\s*[?.]|$)": "amendment amend",
    r"revenge porn(ography)?|(nude|naked|intimate) (photos?|pictures?|images?|videos?|selfies?)|"
    r"nudes|sexting": "intimate image non-consensual dissemination",
    r"penetration test(s|ing|ers?)?|pen[\s-]?test(s|ing|ers?)?|ethical hack(s|ing|ers?)?|white[\s-]?hats?|"
    r"(security|vulnerability) research(ers?)?|bug bount(y|ies)": "authorised testing or protection security researchers",
    r"ask(s|ed|ing)? (for|that|to|another|other|whether)": "request",
    r"secret(ly)?|secrecy|keep(s|ing)? (\w+ )?(quiet|under wraps)|tip(s|ped|ping)? (\w+ )?off|(tell|tells|telling|told|"
    r"warn(s|ed|ing)?|alert(s|ed|ing)?) (anyone|anybody|people|others|the (customers?|users?|clients?|suspects?|"
    r"targets?|account holders?))\b": "confidential confidentiality",
    r"manag(e|es|ed|ing|ement)": "administration",  # the texts never say "manage"
    r"locked up|lock(s|ed|ing)? (\w+ )?up|behind bars": "custody",
    r"profits?|gains": "proceeds of crime",
    r"citizens?|citizenship": "nationals nationality",
    r"(whose|which|what) (country's |state's |party's |national )?laws?": "domestic law",
    r"(poor |lax |lack of |no )?oversight": "lack of supervision or control",
    r"(on|onto) (its|their|the|a|his|her|your|our) (own )?soil": "territory",
    r"suspects?": "alleged offender",
    r"translat\w*|interpret(er|ers|ing)": "language",
    r"staff(ed|ing)?\b": "personnel",
    # people as against companies: the texts' "natural persons" ("the individuals who committed the offence")
    r"individuals?|employees?|staff members?|workers?": "natural persons",
    r"explain(s|ing)? why|(give|gives|giving|offer|offers) (an |any )?explanations?|justif(y|ies|ying|ication)":
        "reasons",
    r"disagreements?|disagree(s|d|ing)?|(resolv|settl)\w* (\w+ ){0,2}(conflicts?|differences)": "settle disputes",
    r"talk(s|ed|ing)? (to|with)|check(s|ed|ing)? (first )?with|confer(s|red|ring)? with": "consult consultation",
    # a citizen who is the victim: the offence "committed against a national" (passive personality jurisdiction)
    r"(nationals?|citizens?) (\w+ ){0,2}(is|are|was|were|becomes?|becoming) (the |a )?victims?|"
    r"victims? (\w+ ){0,2}(is|are|was|were) (its|their|a|one of its) (own )?(nationals?|citizens?)":
        "offence committed against a national",
    # "other UN treaties", "a UN body": not "the UN convention" or "the UN treaty", the convention's own name
    r"un(?=\s+(treaties|conventions|protocols|instruments|bodies|body|agenc(y|ies)|member states|general assembly|"
    r"secretary|office|system|charter)\b)": "United Nations",
    # the person the search-and-seizure articles may order to help: the one who knows how the system works
    r"sys-?admins?|(system|network) administrators?":
        "person who has knowledge about the functioning of the computer system",
    r"cyber": "cybercrime information and communications technology",
    r"(pass|enact|make|write|introduce)(es|ed|s|ing)? (new |national |domestic )?(laws?|legislation)": "legislative measures",
    r"dut(y|ies)": "obligations",
    r"free speech|freedom of speech|speak(ing)? freely": "freedoms of expression opinion",
    r"(crack|clamp)(s|ed|ing)? down|repress(es|ed|ing|ion)?": "suppression",
    r"underlying (crimes?|offen[cs]es?)": "predicate offence",
    r"follow(s|ed|ing)? up": "enquire",
    r"suggest(s|ed|ing|ions?)?": "propose proposal",
    r"keep(s|ing)? (\w+ ){0,2}(safe|intact)": "preservation preserve integrity",
    r"drop(s|ped|ping)? (\w+ ){0,2}(reservations?|declarations?)": "withdraw",
}
# an entry that does not apply to a question naming another subject of the same words anywhere ("When does a
# denunciation of the Convention take effect?" asks when the denunciation does, not the Convention)
_UNLESS = {
    _TAKES_EFFECT: re.compile(r"\b(denunciat|denounc|withdraw|leav(e|es|ing)\b|quit|(pull|back)(s|ed|ing)? out|exit|"
                              r"reservation|amendment|declaration|notification)", re.I),
}
# words of a phrase may be joined by spaces or hyphens ("round-the-clock")
_VOCAB = [(re.compile(r"\b(" + k.replace(" ", r"[\s-]+") + r")\b", re.I), v, _UNLESS.get(k)) for k, v in VOCABULARY.items()]


def _entries(text: str) -> list[tuple[re.Pattern, str]]:
    """The vocabulary's entries that may apply to the text (an entry's ``_UNLESS`` not in it): pattern, terms."""
    return [(pattern, terms) for pattern, terms, unless in _VOCAB if not (unless and unless.search(text))]


def _found(text: str) -> list[tuple[re.Match, str]]:
    """Each everyday phrase of the vocabulary in the text, with its treaty terms."""
    return [(m, terms) for pattern, terms in _entries(text) for m in pattern.finditer(text)]


def vocabulary_matches(text: str) -> list[tuple[set[str], set[str]]]:
    """Each everyday phrase of the text the vocabulary maps: its words (lower-case) and its treaty terms' stems."""
    return [({w.lower() for w in re.findall(r"[\w'-]+", m.group(0))}, set(content_terms(terms))) for m, terms in _found(text)]


def vocabulary_words(text: str) -> set[str]:
    """Every word of the text's everyday phrases the vocabulary maps ("knocking", "offline"; the "usb" of "a USB
    drive"), lower-case."""
    return set().union(*(words for words, _ in vocabulary_matches(text)))


def mapped_terms(query: str) -> set[str]:
    """The stems of the treaty terms the vocabulary adds to the query ("take down" → remov, render, inaccess)."""
    return set(content_terms(search_text(query))) - set(content_terms(query))


def with_phrase_terms(text: str, used: set[str] | None = None) -> str:
    """The text with each everyday phrase of several words followed by its treaty terms ("withdraw from (denounce
    denunciation)", "take down (remove render inaccessible)"); not a single word's, which is often the treaty's own,
    unless the texts never use it (``used``: the stems they do use): "prison (sanctions deprivation of liberty)"."""
    found = [(m.start(), m.end(), terms) for m, terms in _found(text)
             if re.search(r"[\s-]", m.group(0).strip()) or used is not None and not set(content_terms(m.group(0))) & used]
    for _, end, terms in sorted(longest_first(found), reverse=True):  # from the end: earlier offsets stay valid
        text = f"{text[:end]} ({terms}){text[end:]}"
    return text


def search_text(query: str) -> str:
    """The query plus the treaty terms for the everyday words it uses."""
    extra = [terms for pattern, terms in _entries(query) if pattern.search(query)]
    return f"{query} ({'; '.join(extra)})" if extra else query

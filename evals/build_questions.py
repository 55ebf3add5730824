"""Source of evals/questions.jsonl: questions written by hand from the corpus texts.

Each evidence span is copied from the document and checked verbatim by `python -m evals.check`.
Run `python -m evals.build_questions` to regenerate the JSONL after editing this file.
"""

from __future__ import annotations

import json
from pathlib import Path

B, P, C = "budapest", "budapest-protocol", "cisco-briefing"

# (id, type, question, [(doc, locator, verbatim span)], [key facts], history)
ITEMS = [
    # --- factual lookups
    ("f01", "factual", "How long can a preservation order for stored computer data last?",
     [(B, "Art. 16(2)", "up to a maximum of ninety days")], ["ninety days"], []),
    ("f02", "factual", "For how long must data be preserved in response to a mutual assistance preservation request?",
     [(B, "Art. 29(7)", "shall be for a period not less than sixty days")], ["sixty days"], []),
    ("f03", "factual", "What is the minimum age limit a Party may set for the term minor in the child pornography offence?",
     [(B, "Art. 9(3)", "which shall be not less than 16 years")], ["16 years", "18 years"], []),
    ("f04", "factual", "When does the Budapest Convention enter into force?",
     [(B, "Art. 36(3)", "after the date on which five States, including at least three member States of the Council of Europe, have expressed their consent to be bound")],
     ["five States", "three member States", "three months"], []),
    ("f05", "factual", "What must each Party designate to provide assistance around the clock?",
     [(B, "Art. 35(1)", "Each Party shall designate a point of contact available on a twenty-four hour, seven-day-a-week basis")],
     ["point of contact", "twenty-four hour"], []),
    ("f06", "factual", "When does a denunciation of the Budapest Convention become effective?",
     [(B, "Art. 47(2)", "Such denunciation shall become effective on the first day of the month following the expiration of a period of three months")],
     ["three months"], []),
    ("f07", "factual", "Can a Party access publicly available stored computer data located in another Party without authorisation?",
     [(B, "Art. 32", "access publicly available (open source) stored computer data, regardless of where the data is located geographically")],
     ["publicly available", "open source"], []),
    ("f08", "factual", "What penalty threshold makes cybercrime offences extraditable under the Budapest Convention?",
     [(B, "Art. 24(1)", "by deprivation of liberty for a maximum period of at least one year")], ["at least one year"], []),
    ("f09", "factual", "Who is Eric Wenger?",
     [(C, "para.", "Cisco’s senior director for technology policy, Eric Wenger")], ["senior director for technology policy", "Cisco"], []),
    ("f10", "factual", "On what date was the Cisco briefing note written?",
     [(C, "para. 1", "August 22, 2024")], ["August 22, 2024"], []),
    ("f11", "factual", "Which body reviews the Convention's provisions three years after entry into force?",
     [(B, "Art. 46(3)", "the European Committee on Crime Problems (CDPC) shall, in co-operation with the Parties, conduct a review of all of the Convention's provisions")],
     ["CDPC", "European Committee on Crime Problems"], []),
    ("f12", "factual", "In which languages was the Budapest Convention done, and are they equally authentic?",
     [(B, "Final clause", "in English and in French, both texts being equally authentic")], ["English", "French"], []),
    ("f13", "factual", "What conduct does the Additional Protocol require Parties to criminalise regarding racist material?",
     [(P, "Art. 3(1)", "distributing, or otherwise making available, racist and xenophobic material to the public through a computer system")],
     ["distributing", "making available"], []),
    ("f14", "factual", "What must personnel of the 24/7 network be?",
     [(B, "Art. 35(3)", "trained and equipped personnel are available")], ["trained and equipped"], []),
    ("f15", "factual", "Who can sign the Budapest Convention?",
     [(B, "Art. 36(1)", "open for signature by the member States of the Council of Europe and by non-member States which have participated in its elaboration")],
     ["member States", "non-member States"], []),
    # --- definitions
    ("d01", "definition", "What is traffic data?",
     [(B, "Art. 1", "\"traffic data\" means any computer data relating to a communication by means of a computer system")],
     ["origin", "destination"], []),
    ("d02", "definition", "How does the Budapest Convention define a computer system?",
     [(B, "Art. 1", "\"computer system\" means any device or a group of interconnected or related devices")],
     ["automatic processing of data"], []),
    ("d03", "definition", "What is meant by service provider?",
     [(B, "Art. 1", "any public or private entity that provides to users of its service the ability to communicate by means of a computer system")],
     ["public or private entity"], []),
    ("d04", "definition", "What is racist and xenophobic material under the Additional Protocol?",
     [(P, "Art. 2(1)", "means any written material, any image or any other representation of ideas or theories, which advocates, promotes or incites hatred, discrimination or violence")],
     ["hatred, discrimination or violence"], []),
    ("d05", "definition", "What is subscriber information?",
     [(B, "Art. 18(3)", "the term \"subscriber information\" means any information contained in the form of computer data")],
     ["held by a service provider"], []),
    ("d06", "definition", "What does computer data mean?",
     [(B, "Art. 1", "\"computer data\" means any representation of facts, information or concepts in a form suitable for processing in a computer system")],
     ["representation of facts"], []),
    # --- article-number lookups
    ("a01", "article", "What does Article 2 of the Budapest Convention say?",
     [(B, "Art. 2", "the access to the whole or any part of a computer system without right")], ["illegal access"], []),
    ("a02", "article", "What does Article 29 say?",
     [(B, "Art. 29(1)", "A Party may request another Party to order or otherwise obtain the expeditious preservation of data stored by means of a computer system")],
     ["expeditious preservation"], []),
    ("a03", "article", "Art. 16(2)",
     [(B, "Art. 16(2)", "up to a maximum of ninety days")], ["ninety days"], []),
    ("a04", "article", "What is Article 12 about?",
     [(B, "Art. 12(1)", "to ensure that legal persons can be held liable for a criminal offence")], ["legal persons"], []),
    ("a05", "article", "What does Article 6 of the Additional Protocol cover?",
     [(P, "Art. 6(1)", "distributing or otherwise making available, through a computer system to the public, material which")], ["genocide", "crimes against humanity"], []),
    ("a06", "article", "Summarise Article 35.",
     [(B, "Art. 35(1)", "point of contact available on a twenty-four hour, seven-day-a-week basis")], ["point of contact"], []),
    ("a07", "article", "What does Article 21 provide?",
     [(B, "Art. 21(1)", "to empower its competent authorities to")], ["content data", "real-time"], []),
    ("a08", "article", "What does Article 26 say about spontaneous information?",
     [(B, "Art. 26(1)", "without prior request, forward to another Party information obtained within the framework of its own investigations")],
     ["without prior request"], []),
    # --- cross-references
    ("x01", "xref", "Which safeguards apply to the search and seizure powers of Article 19?",
     [(B, "Art. 19(5)", "The powers and procedures referred to in this article shall be subject to Articles 14 and 15."),
      (B, "Art. 15(1)", "which shall incorporate the principle of proportionality")], ["Articles 14 and 15", "proportionality"], []),
    ("x02", "xref", "What conditions and safeguards must procedural powers respect?",
     [(B, "Art. 15(2)", "include judicial or other independent supervision, grounds justifying application, and limitation of the scope and the duration")],
     ["judicial or other independent supervision"], []),
    ("x03", "xref", "To which offences do the procedural powers of the Budapest Convention apply?",
     [(B, "Art. 14(2)", "the criminal offences established in accordance with Articles 2 through 11 of this Convention")],
     ["Articles 2 through 11", "evidence in electronic form"], []),
    ("x04", "xref", "Which data preservation measures can the 24/7 network help with?",
     [(B, "Art. 35(1)", "the preservation of data pursuant to Articles 29 and 30")], ["Articles 29 and 30"], []),
    # --- comparisons across documents
    ("c01", "comparison", "How do the Budapest Convention and the concerns about the UN convention treat human rights?",
     [(B, "Art. 15(1)", "which shall provide for the adequate protection of human rights and liberties"),
      (C, "para.", "could pose risks to basic human rights and the rule of law")], ["human rights"], []),
    ("c02", "comparison", "Does the Additional Protocol address freedom of expression, as critics of the UN convention do?",
     [(P, "Preamble", "Recognising that freedom of expression constitutes one of the essential foundations of a democratic society"),
      (C, "para.", "values of free speech in liberal democracies")], ["freedom of expression", "free speech"], []),
    ("c03", "comparison", "How does the Additional Protocol relate to the Budapest Convention?",
     [(P, "Art. 1", "The purpose of this Protocol is to supplement, as between the Parties to the Protocol, the provisions of the Convention on Cybercrime")],
     ["supplement"], []),
    # --- stakeholder positions
    ("s01", "stakeholder", "What are Cisco's concerns about the UN cybercrime convention?",
     [(C, "para.", "calling it dangerously flawed and overly broad")], ["flawed", "overly broad"], []),
    ("s02", "stakeholder", "Which human rights organisations criticised the UN convention?",
     [(C, "para.", "Human Rights Watch, Electronic Frontier Foundation, and British human rights organization Article 19")],
     ["Human Rights Watch", "Electronic Frontier Foundation", "Article 19"], []),
    ("s03", "stakeholder", "What is the Biden administration's view of the convention?",
     [(C, "para.", "the Biden administration reportedly believes the document strikes an appropriate balance between human rights and the need for international collaboration")],
     ["appropriate balance"], []),
    ("s04", "stakeholder", "How does the UN feel about the convention's passage?",
     [(C, "para.", "the UN has expressed enthusiasm about the convention’s likely passage later this year")], ["enthusiasm"], []),
    ("s05", "stakeholder", "Why do critics think the convention could harm security research?",
     [(C, "para.", "could stymie legitimate infosec research")], ["infosec research"], []),
    ("s06", "stakeholder", "Who drove the UN convention according to Cisco?",
     [(C, "para.", "the convention, driven by Russia")], ["Russia"], []),
    ("s07", "stakeholder", "What does Cisco want to happen to the convention before the vote?",
     [(C, "para.", "should be revised before being put to a formal vote")], ["revised"], []),
    # --- multi-turn follow-ups
    ("m01", "followup", "and how long can that last?",
     [(B, "Art. 16(2)", "up to a maximum of ninety days")], ["ninety days"],
     [["What does Article 16 say about preserving stored computer data?", ""]]),
    ("m02", "followup", "and what do they want changed?",
     [(C, "para.", "Cisco is advocating for")], ["revised", "amend"],
     [["What are Cisco's concerns about the UN cybercrime convention?", ""]]),
    ("m03", "followup", "What safeguards apply to it?",
     [(B, "Art. 18(2)", "The powers and procedures referred to in this article shall be subject to Articles 14 and 15.")],
     ["Articles 14 and 15"], [["What is a production order under Article 18?", ""]]),
    # --- unanswerable: out of corpus, or plausible but not stated
    ("u01", "unanswerable", "What is the capital of France?", [], [], []),
    ("u02", "unanswerable", "What does Article 24 of the UN convention say?", [], [], []),
    ("u03", "unanswerable", "What does Article 99 say?", [], [], []),
    ("u04", "unanswerable", "How many countries have ratified the UN Convention against Cybercrime?", [], [], []),
    ("u05", "unanswerable", "What fines does the GDPR impose for data breaches?", [], [], []),
    ("u06", "unanswerable", "What is Microsoft's position on the UN cybercrime convention?", [], [], []),
    ("u07", "unanswerable", "Who won the 2022 football World Cup?", [], [], []),
    ("u08", "unanswerable", "What is the penalty for illegal access under French criminal law?", [], [], []),
    ("u09", "unanswerable", "What did China say during the Ad Hoc Committee negotiations?", [], [], []),
    ("u10", "unanswerable", "How much does Cisco spend on lobbying?", [], [], []),
    ("u11", "unanswerable", "What is the recipe for a chocolate cake?", [], [], []),
    ("u12", "unanswerable", "When will the UN convention enter into force?", [], [], []),
    ("u13", "unanswerable", "What does the Second Additional Protocol say about disclosure of domain name registration information?", [], [], []),
    ("u14", "unanswerable", "What is the weather forecast for Geneva tomorrow?", [], [], []),
    ("u15", "unanswerable", "What did Human Rights Watch's report of 2025 recommend?", [], [], []),
]


def build() -> list[dict]:
    out = []
    for item_id, kind, question, evidence, facts, history in ITEMS:
        out.append({
            "id": item_id,
            "type": kind,
            "question": question,
            "answerable": kind != "unanswerable",
            "evidence": [{"doc_id": d, "locator": loc, "span": span} for d, loc, span in evidence],
            "key_facts": facts,
            "history": history,
        })
    return out


if __name__ == "__main__":
    path = Path(__file__).with_name("questions.jsonl")
    rows = build()
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} questions to {path}")

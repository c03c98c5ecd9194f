"""Fields decided by where lines stand (headline, standfirst, bylines, dateline, publisher, wire, time,
captions, sign-offs): one small invented page per rule, table-driven."""
from __future__ import annotations

import pytest

from flows.parse.plain_text import parse_article

STORY = ("The council voted on Tuesday to approve a new budget that raises spending on buses by a fifth, "
         "officials said.\nMembers debated the plan for more than six hours before the vote, which passed 9 to 4.\n"
         "The mayor said the money would pay for twelve new routes.")

CASES = [
    # --- headline: the first title-shaped line the article's header follows; navigation refutes it
    ("nav then headline then byline",
     f"Home\nNews\nLocal\nCouncil approves bigger bus budget\nBy Jo Ma\n{STORY}",
     {"headline": "Council approves bigger bus budget", "authors": ["Jo Ma"]}),
    ("tagline followed by navigation is no headline",
     f"News you can trust every day\nSign in\nNews\nSport\nCouncil approves bigger bus budget\n"
     f"March 3, 2025\n{STORY}", {"headline": "Council approves bigger bus budget"}),
    ("standfirst lines between headline and byline",
     f"Council approves bigger bus budget\nTwelve new routes by the summer\nFares stay frozen\nBy Jo Ma\n{STORY}",
     {"headline": "Council approves bigger bus budget",
      "standfirst": "Twelve new routes by the summer Fares stay frozen"}),
    ("stamp above the headline (headline still the title line)",
     f"Published : 2025-02-11 14:32\nCouncil approves bigger bus budget\n{STORY}",
     {"headline": "Council approves bigger bus budget", "published_local": "2025-02-11 14:32"}),
    ("headline repeated from the page's title bar",
     f"Council approves bigger bus budget | Valley Courier\nHome\nCouncil approves bigger bus budget\n{STORY}",
     {"headline": "Council approves bigger bus budget", "publisher": "Valley Courier"}),
    ("no headline: the page starts with the story", STORY, {"headline": None, "authors": []}),
    ("a dated line is never the headline",
     f"Tuesday, April 15th 2025 | Nisan 17, 5785\nSign in\nCouncil approves bigger bus budget\nBy Jo Ma\n{STORY}",
     {"headline": "Council approves bigger bus budget"}),
    # --- wire copy: desk prefix, dateline line
    ("desk prefix is the section, dateline line gives city and day",
     "SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.\nAL-AIN, United Arab Emirates 1996-12-06\n"
     "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria in a group C match "
     "on Friday.\nIt was a lucky win.",
     {"headline": "JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.", "section": "SOCCER", "dateline_city": "Al-Ain",
      "published_local": "1996-12-06 00:00"}),
    ("two-word wire headline over a dateline line",
     "London shipsales.\nLONDON 1996-08-22\nThe following vessels were reported sold.",
     {"headline": "London shipsales.", "dateline_city": "London"}),
    # --- bylines without "By", by position
    ("name under the headline", f"Council approves bigger bus budget\nAnna Holligan\n{STORY}",
     {"authors": ["Anna Holligan"]}),
    ("name then outlet and place (BBC style)",
     f"Council approves bigger bus budget\n2 hours ago\nAnna Holligan\nBBC News, The Hague\n{STORY}",
     {"authors": ["Anna Holligan"], "publisher": "BBC News", "dateline_city": "The Hague", "published_local": None}),
    ("name with job title and city line",
     f"Council approves bigger bus budget\nMaya Desrosiers\nPolitics Reporter\nOttawa\n{STORY}",
     {"authors": ["Maya Desrosiers"], "dateline_city": "Ottawa"}),
    ("a run of names is a menu, not a byline",
     f"Council approves bigger bus budget\nCitrus Growers\nSugar Cane\nForest Fires\n{STORY}", {"authors": []}),
    ("name in city", f"Council approves bigger bus budget\nLing Chen in Hong Kong\n{STORY}",
     {"authors": ["Ling Chen"], "dateline_city": "Hong Kong"}),
    ("related stories' bylines are not the story's",
     f"Council approves bigger bus budget\nBy Jo Ma\n{STORY}\nRelated stories\nBy Ellen Rask", {"authors": ["Jo Ma"]}),
    ("an outlet nobody knows after 'for' is no author (Daily Mail layout)",
     f"Council approves bigger bus budget\nBy MARTIN GREAVES FOR VALLEYONLINE\n{STORY}", {"authors": ["Martin Greaves"]}),
    ("one word beside a full name is the outlet (Japan Times, Phys.org, Healthline layouts)",
     f"Council approves bigger bus budget\nBY YUKI ARAKAWA, NEWSWIRECO\n{STORY}", {"authors": ["Yuki Arakawa"]}),
    ("co-authors joined by 'with' stay authors",
     f"Council approves bigger bus budget\nBy Jo Ma with Ellen Rask\n{STORY}", {"authors": ["Jo Ma", "Ellen Rask"]}),
    ("byline at the foot of the story", f"Council approves bigger bus budget\n{STORY}\nBy Kim Ji-yoon (jy@example.com)",
     {"authors": ["Kim Ji-yoon"]}),
    # --- publisher and wire
    ("site line names the publisher; a photo credit is no wire",
     f"The Straits Times\nSingapore\nCouncil approves bigger bus budget\nA bus at a depot on Monday. PHOTO: REUTERS\n"
     f"{STORY}", {"publisher": "The Straits Times", "wire_service": None}),
    ("agency in the byline is the wire", f"Council approves bigger bus budget\nBY YUKI ARAKAWA, BLOOMBERG\n{STORY}",
     {"authors": ["Yuki Arakawa"], "wire_service": "Bloomberg"}),
    ("a site nobody knows credits the agency it works with (France 24 layout)",
     f"Council approves bigger bus budget\n{STORY}\n(VALLEY 24 with AFP)",
     {"wire_service": "Agence France-Presse", "body_lacks": "VALLEY 24"}),
    ("wire's own page: credited in the dateline",
     "AP News\nCouncil approves bigger bus budget\nWASHINGTON (AP) — The council voted on Tuesday to approve a new "
     "budget, officials said, after a six-hour debate.",
     {"publisher": "Associated Press", "wire_service": "Associated Press", "dateline_city": "Washington"}),
    ("wire's own page: its copyright alone makes no wire",
     f"Bloomberg\nCouncil approves bigger bus budget\n{STORY}\n©2025 Bloomberg L.P. All Rights Reserved",
     {"publisher": "Bloomberg", "wire_service": None}),
    ("unknown site named in its copyright", f"Council approves bigger bus budget\n{STORY}\n© 2025 Valley Courier Ltd.",
     {"publisher": "Valley Courier"}),
    # a site nobody knows, from the layouts of The Guardian, The Korea Herald and Dawn (names changed)
    ("unknown site's logo text",
     f"Skip to main content\nPrint subscriptions\nSign in\nThe Valley Courier - Back to home\nNews\nOpinion\n"
     f"Council approves bigger bus budget\n{STORY}", {"publisher": "The Valley Courier"}),
    ("unknown site's name above its news menu, not its owner's copyright",
     f"The Valley Courier\nSubscribe\nSign in\nNational\nBusiness\nLife&Culture\nSports\n"
     f"Council approves bigger bus budget\n{STORY}\n© 2025 Courier Media Holdings Ltd.",
     {"publisher": "The Valley Courier"}),
    ("a dated line is no title bar: no site named 'Nisan 17, 5785' (Times of Israel layout)",
     f"Tuesday, April 15th 2025 | Nisan 17, 5785\nSign in\nCouncil approves bigger bus budget\n{STORY}",
     {"publisher": None}),
    ("a site nobody knows names itself in its furniture (Washington Post, CNA layouts)",
     f"Council approves bigger bus budget\n{STORY}\nMore from The Valley Courier\nTop stories",
     {"publisher": "The Valley Courier"}),
    ("furniture naming its app beats the owner's copyright",
     f"Council approves bigger bus budget\n{STORY}\nGet the VCN app\n© 2025 Courier Media Holdings Ltd.",
     {"publisher": "VCN"}),
    ("a section or a person in that furniture is no site",
     f"Council approves bigger bus budget\n{STORY}\nMore from Politics\nMore from Ellen Rask\nSupport Tickets",
     {"publisher": None}),
    ("a logo shouting its domain", f"VALLEYCOURIER.COM\nHome\nLatest\nValley\nBusiness\nOpinion\nWorld\n"
     f"Council approves bigger bus budget\n{STORY}", {"publisher": "VALLEYCOURIER"}),
    ("a phrase above a news menu is no site",
     f"Print subscriptions\nNews\nWorld\nBusiness\nCouncil approves bigger bus budget\n{STORY}",
     {"publisher": None}),
    ("the first line above a shop's menu is no site (page copies: a consent banner, a blog)",
     f"Update Consent\nFashion\nBeauty\nFood\nDesign\nCouncil approves bigger bus budget\n{STORY}",
     {"publisher": None}),
    # --- time
    ("first published beats a later unlabelled stamp",
     f"Council approves bigger bus budget\nSun 27 Apr 2025 12.41 BST\nFirst published on Sun 27 Apr 2025 07.30 BST\n"
     f"{STORY}", {"published_utc": "2025-04-27 06:30"}),
    ("published beats updated on one line",
     f"Council approves bigger bus budget\nPublished: 14:05 BST, 3 October 2024 | Updated: 16:22 BST, 3 October 2024"
     f"\n{STORY}", {"published_utc": "2024-10-03 13:05"}),
    ("a lone updated stamp is used, and labelled so",
     f"Council approves bigger bus budget\nUpdated 3:42 PM CET, March 12, 2025\n{STORY}",
     {"published_utc": "2025-03-12 14:42", "published_label": "updated"}),
    ("relative times give no date", f"Council approves bigger bus budget\nPublished 3 hours ago\n{STORY}",
     {"published_local": None}),
    ("numeric date read in the outlet's order (US)",
     f"Politico\nCouncil approves bigger bus budget\n03/04/2025 05:00 AM\n{STORY}",
     {"published_local": "2025-03-04 05:00"}),
    ("numeric date read in the outlet's order (elsewhere)",
     f"The Irish Times\nCouncil approves bigger bus budget\n03/04/2025 05:00\n{STORY}",
     {"published_local": "2025-04-03 05:00"}),
    ("IST read by the outlet's country (Israel)",
     f"The Jerusalem Post\nCouncil approves bigger bus budget\nPublished: March 12, 2025 14:05 IST\n{STORY}",
     {"published_utc": "2025-03-12 12:05", "published_tz": "+02:00"}),
    ("bare time takes the outlet's zone",
     f"NHK WORLD-JAPAN\nCouncil approves bigger bus budget\nJan. 15, 2025 17:42\n{STORY}",
     {"published_utc": "2025-01-15 08:42", "published_tz": "Asia/Tokyo"}),
    ("a site header's date loses to the article's",
     f"Wednesday, March 12, 2025\nSign in\nCouncil approves bigger bus budget\nBy Jo Ma\nMarch 11, 2025\n{STORY}",
     {"published_local": "2025-03-11 00:00"}),
    # --- captions
    ("line above a photo credit is a caption",
     f"Council approves bigger bus budget\n{STORY}\nA new electric bus at the depot on Monday.\nJo Fenwick/Valley Courier\n"
     "More text follows here.", {"captions": ["A new electric bus at the depot on Monday."]}),
    ("a quotation above a credit is story text",
     f"Council approves bigger bus budget\n{STORY}\n\"We waited ten years,\" a driver said on Monday.\nPhoto: Jo Fenwick",
     {"captions": []}),
    ("header line closing on a credit", f"Council approves bigger bus budget\nA rendering of the new depot (Valley Council)\n"
     f"{STORY}", {"captions": ["A rendering of the new depot (Valley Council)"]}),
    ("long unpunctuated line inside the story",
     "Council approves bigger bus budget\nThe council voted on Tuesday to approve the new budget for the city's buses, "
     "officials said after the meeting.\n"
     "Drivers wait for passengers at the central depot in the rain on a grey Monday morning before the vote\n"
     "The mayor said the money would pay for twelve new routes across the city by the end of the summer.",
     {"captions": ["Drivers wait for passengers at the central depot in the rain on a grey Monday morning before the vote"]}),
    # --- sign-offs
    ("sign-offs leave the body, people credited are contributors",
     f"Council approves bigger bus budget\nBy Jo Ma\n{STORY}\nAdditional reporting by Sam Lee in Leeds.",
     {"signoffs": ["Additional reporting by Sam Lee in Leeds."], "contributors": ["Sam Lee"],
      "body_lacks": "Additional reporting"}),
]


def _field(article, name):
    pub = article.published
    if name == "published_local":
        if pub is None:
            return None
        import datetime as dt
        return (pub.utc + dt.timedelta(minutes=pub.offset_minutes)).strftime("%Y-%m-%d %H:%M")
    if name == "published_utc":
        return pub and pub.utc.strftime("%Y-%m-%d %H:%M")
    if name == "published_tz":
        return pub and pub.zone
    if name == "published_label":
        return pub and pub.label
    return getattr(article, name)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_layout_evidence(text, expected):
    article = parse_article(text)
    for name, value in expected.items():
        if name == "body_lacks":
            assert value not in article.body
        else:
            assert _field(article, name) == value, name


def test_a_lead_the_extractor_cut_off_comes_back(monkeypatch):
    """A photo and its credit under the lead can start the densest run of prose after them (page
    copies: chemietechnik.de, a German news site): the story's lead is still the body's first paragraph."""
    from flows.parse import plain_text

    lead = "The city council wants to expand its bus network, and it approved a budget to pay for it."
    page = f"Council approves bigger bus budget\n{lead}\nEllen Rask at the depot. (Photo: Valley Transit)\n{STORY}"
    monkeypatch.setattr(plain_text, "main_content", lambda texts: range(3, len(texts)))
    body = parse_article(page).body
    assert body.startswith(lead) and "(Photo: Valley Transit)" not in body


@pytest.mark.parametrize("furniture", [
    "Schreibe einen Kommentar", "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind markiert.",
    "Laisser un commentaire", "Deja un comentario", "Lascia un commento", "12 Antworten zu „Neue Buslinien“",
    "Das könnte Dich auch interessieren", "Lire aussi", "Leggi anche", "Zobacz także",
])
def test_comment_forms_and_related_headings_in_other_languages_end_no_body(furniture):
    """Page copies in German, French, Spanish, Italian and Polish (128 of the 990 carry a comment form)."""
    assert furniture not in parse_article(f"Council approves bigger bus budget\n{STORY}\n{furniture}\n").body

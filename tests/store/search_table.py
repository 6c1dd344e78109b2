"""One table of search data, queries and expected results, shared by both database backends
(``test_search_parity``): offers and case names with diacritics, "ß", other scripts, short
words, word parts and the filters of the offer search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ki_desktop.domain import model as dm
from ki_desktop.domain.offer_search import OfferFilter

DAY = date(2026, 11, 22)
EXPIRED = (date(2025, 6, 1), date(2025, 8, 31))
FUTURE = (date(2027, 1, 1), None)

MUNICIPALITIES = (
    ("05554060", "Südlohn", "05554"),
    ("05554056", "Stadtlohn", "05554"),
    ("05570012", "Beelen", "05570"),
    ("05570004", "Ahlen", "05570"),
)
SUDLOHN, STADTLOHN, BEELEN, AHLEN = (ags for ags, _name, _kreis in MUNICIPALITIES)
PROVIDERS = ("Caritasverband Borken", "Familienzentrum St. Marien", "Stadtbücherei Stadtlohn")


def _offer(title: str, category: str, **values) -> dm.Offer:
    valid = values.pop("valid", (None, None))
    return dm.Offer(title, category, valid_from=valid[0], valid_to=valid[1], **values)


# The offers by a short key (the expectations name them by it).
OFFERS = {
    "integration": _offer(
        "Integrationskurs (allgemein)",
        "Sprachkurs",
        provider_name="Caritasverband Borken",
        age_min=16,
        languages=["de", "ar", "uk"],
        municipality_ags=AHLEN,
        free_of_charge=False,
        description_de="Deutsch von A1 bis B1 mit Orientierungskurs.",
    ),
    "eltern": _offer(
        "Sprachkurse für Eltern im Familienzentrum",
        "Sprachkurs",
        provider_name="Familienzentrum St. Marien",
        age_min=18,
        languages=["de", "tr", "ar"],
        municipality_ags=SUDLOHN,
        description_de="Deutsch lernen, während die Kinder betreut werden.",
    ),
    "sommer": _offer(
        "Deutsch-Sommerkurs 2025",
        "Sprachkurs",
        age_min=10,
        age_max=16,
        languages=["de"],
        municipality_ags=STADTLOHN,
        valid=EXPIRED,
        description_de="Ferienkurs für Seiteneinsteiger.",
    ),
    "abend": _offer(
        "Deutschkurs am Abend",
        "Sprachkurs",
        age_min=18,
        languages=["de", "fa"],
        municipality_ags=BEELEN,
        valid=FUTURE,
        free_of_charge=False,
        description_de="Zweimal pro Woche, Kursbuch wird gestellt.",
    ),
    "fussball": _offer(
        "Fußball für alle",
        "Sport",
        age_min=8,
        age_max=14,
        languages=["de", "ar", "ti"],
        municipality_ags=SUDLOHN,
        description_de="Training dienstags auf dem Sportplatz in Südlohn.",
    ),
    "fussball_ag": _offer(
        "Fußball-AG für Mädchen",
        "Sport",
        age_min=10,
        age_max=16,
        languages=["de"],
        municipality_ags=STADTLOHN,
        description_de="Eine AG der Gesamtschule, Tagesausflug im Sommer.",
    ),
    "camp": _offer(
        "Ferien-Sprachcamp Südlohn",
        "Sprachkurs",
        age_min=8,
        age_max=12,
        languages=["de", "uk"],
        municipality_ags=SUDLOHN,
        description_de="Eine Woche Deutsch mit Spielen.",
    ),
    "cafe": _offer(
        "Begegnungscafé Gronau",
        "Begegnung",
        languages=["de", "ar", "fa", "uk"],
        municipality_ags=STADTLOHN,
        description_de="Café für Familien, jeden Samstag.",
    ),
    "naehcafe": _offer(
        "Nähcafé International",
        "Begegnung",
        provider_name="Familienzentrum St. Marien",
        languages=["de", "tr"],
        municipality_ags=BEELEN,
        description_de="Gemeinsam nähen und reden.",
    ),
    "hausaufgaben": _offer(
        "Hausaufgabenhilfe Grundschule",
        "Lernhilfe",
        provider_name="Stadtbücherei Stadtlohn",
        age_min=6,
        age_max=10,
        languages=["de"],
        municipality_ags=STADTLOHN,
        description_de="Montags bis donnerstags nach der Schule.",
    ),
    "lesepaten": _offer(
        "Lesepaten in der Stadtbücherei",
        "Lernhilfe",
        provider_name="Stadtbücherei Stadtlohn",
        age_min=6,
        age_max=12,
        languages=["de"],
        municipality_ags=STADTLOHN,
        description_de="Vorlesen und gemeinsam lesen, auch auf Ukrainisch.",
    ),
    "tagesmuetter": _offer(
        "Tagesmütter-Sprechstunde",
        "Beratung",
        age_max=3,
        languages=["de", "ru"],
        municipality_ags=AHLEN,
        description_de="Beratung zur Kindertagespflege.",
    ),
    "kita": _offer(
        "KiTa-Einstieg: Brücken bauen",
        "Familienbildung",
        age_max=6,
        languages=["de", "ar", "ku"],
        municipality_ags=BEELEN,
        description_de="Spielgruppe vor dem Kindergarten, Eltern-Kind-Gruppe.",
    ),
    "rucksack": _offer(
        "Rucksack KiTa",
        "Familienbildung",
        provider_name="Familienzentrum St. Marien",
        age_max=6,
        languages=["de", "tr", "ar"],
        municipality_ags=SUDLOHN,
        description_de="Elternbildung über 36 Wochen in der Kita.",
    ),
    "mbe": _offer(
        "Migrationsberatung für Erwachsene (MBE)",
        "Beratung",
        provider_name="Caritasverband Borken",
        age_min=27,
        languages=["de", "ar", "fa", "ru"],
        municipality_ags=AHLEN,
        description_de="Beratung zu Aufenthalt, Arbeit und Wohnen.",
    ),
    "jmd": _offer(
        "Jugendmigrationsdienst",
        "Beratung",
        provider_name="Caritasverband Borken",
        age_min=12,
        age_max=27,
        languages=["de", "ar", "ti", "so"],
        municipality_ags=AHLEN,
        description_de="Beratung bis 27 Jahre, Sprechzeiten nach Vereinbarung.",
    ),
    "sprachmittler": _offer(
        "Laiensprachmittlerpool",
        "Sprachmittlung",
        languages=["ar", "fa", "ti", "uk", "ru"],
        municipality_ags=BEELEN,
        description_de="Ehrenamtliche übersetzen bei Elterngesprächen.",
    ),
    "ukrainisch": _offer(
        "Курс німецької мови",
        "Sprachkurs",
        languages=["uk", "ru"],
        municipality_ags=SUDLOHN,
        description_de="Deutschkurs auf Ukrainisch erklärt: Граматика й розмова.",
    ),
    "arabisch": _offer(
        "دورة اللغة الألمانية",
        "Sprachkurs",
        languages=["ar"],
        municipality_ags=AHLEN,
        description_de="Deutschkurs für Arabischsprachige: دَرْس مَسَائِيّ",
    ),
    "tigrinya": _offer(
        "ትምህርቲ ቋንቋ ጀርመን",
        "Sprachkurs",
        languages=["ti"],
        municipality_ags=BEELEN,
        description_de="Deutschkurs auf Tigrinya.",
    ),
    "kochkurs": _offer(
        "Kochkurs: Bananenbrot und Ananas",
        "Freizeit",
        age_min=10,
        languages=["de"],
        municipality_ags=BEELEN,
        description_de="Wir backen Bananenbrot, Ananaskuchen und Nan-Brot.",
    ),
    "kunst": _offer(
        "Kunst & Kultur № 5 – Ateliér",
        "Freizeit",
        age_min=12,
        languages=["de"],
        municipality_ags=STADTLOHN,
        valid=(date(2026, 1, 1), date(2026, 12, 31)),
        description_de="Malen, Töpfern, Œuvre-Katalog; Kurs für Jugendliche.",
    ),
}


@dataclass(frozen=True, slots=True)
class OfferQuery:
    """A search of the table's offers and the titles it finds, best first."""

    text: str
    expected: tuple[str, ...]
    flt: OfferFilter = OfferFilter(limit=None)
    places: tuple[str, ...] | None = None


def _q(text: str, *expected: str, places=None, **flt) -> OfferQuery:
    flt.setdefault("limit", None)
    return OfferQuery(text, expected, OfferFilter(**flt), places)


# bm25 ranks: a word in the title weighs most, then a word part in the title, then the other
# fields; shorter rows rank higher. Equal ranks: valid before expired (with
# ``include_expired``), then ``places`` in order, then by title.
OFFER_QUERIES: tuple[OfferQuery, ...] = (
    _q(
        "kurs",
        "kochkurs",
        "integration",
        "eltern",
        "tigrinya",
        "arabisch",
        "kunst",
        "ukrainisch",
        "camp",
    ),
    _q(
        "Kurs",
        "kochkurs",
        "integration",
        "eltern",
        "tigrinya",
        "arabisch",
        "kunst",
        "ukrainisch",
        "camp",
    ),
    _q("ana", "kochkurs"),
    _q("anan", "kochkurs"),
    _q("nan", "kochkurs"),
    _q("ananas kuchen", "kochkurs"),
    _q("sprachkurs", "eltern", "tigrinya", "arabisch", "camp", "ukrainisch", "integration"),
    _q("KURSE", "eltern"),
    _q("sudlohn", "camp", "fussball", "ukrainisch", "rucksack", "eltern"),
    _q("Südlohn", "camp", "fussball", "ukrainisch", "rucksack", "eltern"),
    _q("fussball", "fussball_ag", "fussball"),
    _q("Fußball", "fussball_ag", "fussball"),
    _q("begegnungscafe", "cafe"),
    _q("cafe", "cafe", "naehcafe"),
    _q("caf", "cafe", "naehcafe"),
    _q("ag", "fussball_ag"),
    _q("tag", "tagesmuetter", "fussball_ag", "hausaufgaben", "fussball", "cafe"),
    _q(
        "a",
        "fussball",
        "fussball_ag",
        "integration",
        "kochkurs",
        "kunst",
        "arabisch",
        "mbe",
        "jmd",
        "tagesmuetter",
        "cafe",
        "kita",
        "rucksack",
        "lesepaten",
        "sprachmittler",
        "eltern",
        "tigrinya",
        "ukrainisch",
    ),
    _q("ki", "kita", "rucksack", "tagesmuetter", "eltern"),
    _q("kita eltern", "rucksack", "kita"),
    _q("eltern-kind", "eltern", "kita"),
    _q("deutsch ukrainisch", "ukrainisch", "camp", "cafe", "integration", "lesepaten"),
    _q("mbe", "mbe"),
    _q("27", "jmd"),
    _q("курс", "ukrainisch"),
    _q("мови", "ukrainisch"),
    _q("граматика", "ukrainisch"),
    _q("дорة"),
    _q("الالمانية", "arabisch"),
    _q("درس", "arabisch"),
    _q("ትምህርቲ", "tigrinya"),
    _q("no 5", "kunst"),
    _q("№", "kunst"),
    _q("atelier", "kunst"),
    _q("oeuvre"),
    _q("œuvre", "kunst"),
    _q("xyz"),
    _q("kurs", "kochkurs", "tigrinya", "arabisch", "kunst", "ukrainisch", "camp", age=12),
    _q(
        "kurs",
        "kochkurs",
        "integration",
        "eltern",
        "tigrinya",
        "arabisch",
        "kunst",
        "ukrainisch",
        age=40,
    ),
    _q("", "jmd", "fussball", "tigrinya", "sprachmittler", language="ti"),
    _q("beratung", "mbe", "jmd", language="ar"),
    _q(
        "",
        "cafe",
        "naehcafe",
        "jmd",
        "mbe",
        "tagesmuetter",
        "kita",
        "rucksack",
        "kochkurs",
        "kunst",
        "hausaufgaben",
        "lesepaten",
        "fussball",
        "fussball_ag",
        "camp",
        "eltern",
        "ukrainisch",
        "arabisch",
        "tigrinya",
        "sprachmittler",
        free_only=True,
    ),
    _q(
        "kurs",
        "abend",
        "sommer",
        "kochkurs",
        "integration",
        "eltern",
        "tigrinya",
        "arabisch",
        "kunst",
        "ukrainisch",
        "camp",
        include_expired=True,
    ),
    _q(
        "",
        "cafe",
        "naehcafe",
        "jmd",
        "mbe",
        "tagesmuetter",
        "kita",
        "rucksack",
        "kochkurs",
        "kunst",
        "hausaufgaben",
        "lesepaten",
        "fussball",
        "fussball_ag",
        "camp",
        "integration",
        "eltern",
        "ukrainisch",
        "arabisch",
        "tigrinya",
        "sprachmittler",
        "sommer",
        "abend",
        include_expired=True,
    ),
    _q("sommerkurs"),
    _q("", "jmd", "mbe", "tagesmuetter", category="Beratung"),
    _q("kurs", "kochkurs", "integration", "eltern", limit=3),
    _q("", "cafe", "naehcafe", "jmd", "mbe", "tagesmuetter", limit=5),
    _q(
        "deutsch",
        "sommer",
        "camp",
        "integration",
        "fussball_ag",
        "tagesmuetter",
        "eltern",
        "fussball",
        "kochkurs",
        "naehcafe",
        "cafe",
        "kita",
        "hausaufgaben",
        "rucksack",
        "lesepaten",
        "mbe",
        "jmd",
        "tigrinya",
        "arabisch",
        "ukrainisch",
        valid_on=date(2025, 7, 1),
    ),
    _q("", "rucksack", "fussball", "camp", "eltern", "ukrainisch", places=(SUDLOHN,)),
    _q("deutsch", "camp", "eltern", "fussball", "rucksack", "ukrainisch", places=(SUDLOHN,)),
    _q(
        "",
        "rucksack",
        "fussball",
        "camp",
        "eltern",
        "ukrainisch",
        "cafe",
        "kunst",
        "hausaufgaben",
        "lesepaten",
        "fussball_ag",
        "jmd",
        "mbe",
        "tagesmuetter",
        "integration",
        "arabisch",
        places=(
            SUDLOHN,
            STADTLOHN,
            AHLEN,
        ),
    ),
    _q(
        "deutsch",
        "camp",
        "integration",
        "fussball_ag",
        "kunst",
        "tagesmuetter",
        "eltern",
        "fussball",
        "cafe",
        "rucksack",
        "hausaufgaben",
        "lesepaten",
        "mbe",
        "jmd",
        "arabisch",
        "ukrainisch",
        places=(
            SUDLOHN,
            STADTLOHN,
            AHLEN,
        ),
    ),
)

# Case names (first, last); the name search finds every typed word at the start of a word.
CASES = (
    ("Ömer", "Şahin"),
    ("Élodie", "Müller"),
    ("Jürgen", "Strauß"),
    ("Lena", "Strauss"),
    ("Ahmad", "Al-Hassan"),
    ("Siobhán", "O'Brien"),
    ("Awa", "N’Diaye"),
    ("Мария", "Иванова"),
    ("محمد", "الحسن"),
    ("Dawit", "ገብረመድህን"),
    ("Σοφία", "Παπαδοπούλου"),
    ("小龙", "李"),
    ("İlayda", "Yıldız"),
    ("Paweł", "Łukasiewicz"),
    ("Søren", "Kierkegaard"),
    ("Dr.Anna", "Schmidt-Weber"),
)


@dataclass(frozen=True, slots=True)
class NameQuery:
    """A case-name search and the last names it finds; ``server_also``: last names only
    PostgreSQL finds, because ``unaccent`` folds letters that SQLite's unicode61 keeps
    ("ß" -> "ss", "ł" -> "l", "ø" -> "o", "ı" -> "i")."""

    text: str
    expected: frozenset[str]
    server_also: frozenset[str] = frozenset()


def _n(text: str, *expected: str, server_also: tuple[str, ...] = ()) -> NameQuery:
    return NameQuery(text, frozenset(expected), frozenset(server_also))


NAME_QUERIES: tuple[NameQuery, ...] = (
    _n("sahin", "Şahin"),
    _n("ŞAHIN", "Şahin"),
    _n("Şah", "Şahin"),
    _n("omer sah", "Şahin"),
    _n("mull", "Müller"),
    _n("müller", "Müller"),
    _n("e", "Müller"),
    _n("strauß", "Strauß", server_also=("Strauss",)),
    _n("strauss", "Strauss", server_also=("Strauß",)),
    _n("straus", "Strauss", server_also=("Strauß",)),
    _n("al", "Al-Hassan"),
    _n("hassan", "Al-Hassan"),
    _n("al-h", "Al-Hassan"),
    _n("o'brien", "O'Brien"),
    _n("brien", "O'Brien"),
    _n("diaye", "N’Diaye"),
    _n("n’d", "N’Diaye"),
    _n("мари", "Иванова"),
    _n("ИВАН", "Иванова"),
    _n("محم", "الحسن"),
    _n("الحسن", "الحسن"),
    _n("ገብረ", "ገብረመድህን"),
    _n("Σοφία", "Παπαδοπούλου"),
    _n("σοφια", server_also=("Παπαδοπούλου",)),
    _n("παπα", "Παπαδοπούλου"),
    _n("李", "李"),
    _n("小", "李"),
    _n("ilay", "Yıldız"),
    _n("yıl", "Yıldız"),
    _n("yil", server_also=("Yıldız",)),
    _n("łuk", "Łukasiewicz"),
    _n("lukas", server_also=("Łukasiewicz",)),
    _n("pawel", server_also=("Łukasiewicz",)),
    _n("søren", "Kierkegaard"),
    _n("soren", server_also=("Kierkegaard",)),
    _n("anna", "Schmidt-Weber"),
    _n("dr", "Schmidt-Weber"),
    _n("schmidt weber", "Schmidt-Weber"),
    _n("x"),
)


def load() -> None:
    """Write the table's municipalities, offers and cases into the open database."""
    from ki_desktop.store import offers as offer_repo
    from ki_desktop.store.models import Case, Municipality

    for ags, name, kreis in MUNICIPALITIES:
        Municipality.create(ags=ags, name=name, kreis=kreis)
    offer_repo.add_offers(list(OFFERS.values()), [dm.Provider(name) for name in PROVIDERS])
    for first, last in CASES:
        Case.create(first_name=first, last_name=last, status="registered")

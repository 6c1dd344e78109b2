"""Fictional families for the demo: name pools by country of origin (common names, combined at
random, so no real person is described), languages and how often each country occurs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Origin:
    country: str  # ISO 3166 alpha-2
    weight: int
    languages: tuple[str, ...]  # ISO 639, first is the most common first language
    boys: tuple[str, ...]
    girls: tuple[str, ...]
    surnames: tuple[str, ...]
    latin_script: bool  # is the school script Latin?
    female_surname_suffix: tuple[str, str] | None = None  # ("ov", "ova") style


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "UA",
        25,
        ("uk", "ru"),
        ("Oleksandr", "Maksym", "Artem", "Dmytro", "Bohdan", "Mykyta", "Denys", "Ivan"),
        ("Sofiia", "Anastasiia", "Olena", "Viktoriia", "Yelyzaveta", "Daryna", "Polina", "Mariia"),
        (
            "Kovalenko",
            "Bondarenko",
            "Shevchenko",
            "Tkachenko",
            "Kravchenko",
            "Melnyk",
            "Boiko",
            "Oliinyk",
            "Lysenko",
            "Savchenko",
        ),
        False,
    ),
    Origin(
        "SY",
        15,
        ("ar", "ku"),
        ("Mohammed", "Ahmad", "Omar", "Khaled", "Yusuf", "Ali", "Hamza", "Karim"),
        ("Fatima", "Aya", "Lina", "Rahaf", "Nour", "Sara", "Hiba", "Maryam"),
        (
            "Al-Hassan",
            "Khalil",
            "Haddad",
            "Ibrahim",
            "Mahmoud",
            "Darwish",
            "Aziz",
            "Suleiman",
            "Hamdan",
            "Othman",
        ),
        False,
    ),
    Origin(
        "AF",
        12,
        ("fa", "ps"),
        ("Ahmad", "Mohammad", "Mustafa", "Sohrab", "Farhad", "Jawad", "Bilal", "Nasir"),
        ("Zahra", "Mariam", "Nilofar", "Farishta", "Shabnam", "Parwana", "Madina", "Setara"),
        (
            "Ahmadzai",
            "Rahimi",
            "Hashimi",
            "Noori",
            "Sultani",
            "Popal",
            "Karimi",
            "Haidari",
            "Amiri",
            "Safi",
        ),
        False,
    ),
    Origin(
        "TR",
        10,
        ("tr", "ku"),
        ("Yusuf", "Emir", "Ömer", "Mehmet", "Mustafa", "Eymen", "Kerem", "Alperen"),
        ("Zeynep", "Elif", "Defne", "Azra", "Eylül", "Ecrin", "Nehir", "Asel"),
        (
            "Yılmaz",
            "Kaya",
            "Demir",
            "Şahin",
            "Çelik",
            "Yıldız",
            "Aydın",
            "Öztürk",
            "Arslan",
            "Doğan",
        ),
        True,
    ),
    Origin(
        "IQ",
        8,
        ("ar", "ku"),
        ("Mustafa", "Hussein", "Ali", "Haider", "Ammar", "Yasin", "Sajjad", "Murtadha"),
        ("Zainab", "Noor", "Ruqaya", "Fatima", "Hawraa", "Maryam", "Tabarak", "Sara"),
        (
            "Al-Jabouri",
            "Kadhim",
            "Abdullah",
            "Saleh",
            "Hamid",
            "Jasim",
            "Mahdi",
            "Kareem",
            "Sabah",
            "Salman",
        ),
        False,
    ),
    Origin(
        "RO",
        8,
        ("ro",),
        ("Andrei", "David", "Ștefan", "Gabriel", "Luca", "Matei", "Alexandru", "Ionuț"),
        ("Maria", "Ioana", "Elena", "Andreea", "Sofia", "Bianca", "Daria", "Alexia"),
        (
            "Popescu",
            "Ionescu",
            "Stan",
            "Dumitru",
            "Constantin",
            "Stoica",
            "Gheorghe",
            "Rusu",
            "Munteanu",
            "Lungu",
        ),
        True,
    ),
    Origin(
        "BG",
        7,
        ("bg", "tr"),
        ("Georgi", "Aleksandar", "Martin", "Ivan", "Nikola", "Kaloyan", "Dimitar", "Emil"),
        ("Viktoria", "Gabriela", "Mariya", "Aleksandra", "Siyana", "Nikol", "Elena", "Raya"),
        (
            "Dimitrov",
            "Ivanov",
            "Georgiev",
            "Petrov",
            "Nikolov",
            "Hristov",
            "Stoyanov",
            "Todorov",
            "Iliev",
            "Angelov",
        ),
        False,
        ("", "a"),
    ),
    Origin(
        "IR",
        5,
        ("fa",),
        ("Amir", "Reza", "Ali", "Arian", "Mahan", "Parsa", "Sina", "Kian"),
        ("Zahra", "Fatemeh", "Nazanin", "Yasaman", "Parisa", "Niloufar", "Hasti", "Ava"),
        (
            "Hosseini",
            "Mohammadi",
            "Rezaei",
            "Ahmadi",
            "Moradi",
            "Karimi",
            "Jafari",
            "Rahimi",
            "Ghasemi",
            "Sadeghi",
        ),
        False,
    ),
    Origin(
        "ER",
        5,
        ("ti",),
        ("Yonas", "Merhawi", "Filmon", "Semere", "Dawit", "Kibrom", "Amanuel", "Robel"),
        ("Selam", "Helen", "Saba", "Rahel", "Luwam", "Yordanos", "Senait", "Winta"),
        (
            "Tesfay",
            "Ghebremariam",
            "Haile",
            "Kidane",
            "Tekle",
            "Berhane",
            "Woldu",
            "Mehari",
            "Gebreyesus",
            "Negash",
        ),
        False,
    ),
    Origin(
        "GN",
        5,
        ("ff", "fr"),
        ("Mamadou", "Ibrahima", "Alpha", "Abdoulaye", "Ousmane", "Sekou", "Mohamed", "Boubacar"),
        ("Mariama", "Fatoumata", "Aissatou", "Kadiatou", "Hawa", "Aminata", "Djenabou", "Binta"),
        ("Diallo", "Barry", "Bah", "Camara", "Sow", "Condé", "Keita", "Touré", "Sylla", "Soumah"),
        True,
    ),
)

COUNSELLORS: tuple[tuple[str, str], ...] = (
    ("abecker", "Anna Becker"),
    ("jhoffmann", "Jonas Hoffmann"),
    ("laksoy", "Leyla Aksoy"),
    ("mschulte", "Miriam Schulte"),
    ("twolters", "Tobias Wolters"),
    ("sarslan", "Sevgi Arslan"),
)

STREETS: tuple[str, ...] = (
    "Bahnhofstraße",
    "Kirchstraße",
    "Marktstraße",
    "Schulstraße",
    "Am Rathaus",
    "Lindenweg",
    "Gartenstraße",
    "Mühlenweg",
    "Ringstraße",
    "Wiesenweg",
    "Eschstraße",
    "Nordring",
)

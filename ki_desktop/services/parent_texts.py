"""Parent-facing texts in German and the family's language, for handouts and the interpreter
view: the school duty, the school system, the next steps, the recommended school of one case
and the interview questions.

Every text comes as a :class:`Bilingual`: the German text, the text in the family's language
and whether that is a real translation. Where a translation is missing, ``family`` is the
German text and ``translated`` is False; the caller shows it with a visible note
(„(noch keine Übersetzung)“), never an empty line. Dates and numbers inside the texts follow
the family's locale (babel); names of schools and addresses stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel import Locale, UnknownLocaleError
from babel.lists import format_list

from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _, locale_data
from ki_desktop.i18n.parents import parent_text
from ki_desktop.services import parent_content as content
from ki_desktop.services import session
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import case_file as case_file_repo
from ki_desktop.store import cases as case_repo
from ki_desktop.store import recommendations as rec_repo
from ki_desktop.store.connection import get_setting

__all__ = [
    "FAMILY_LANGUAGES",
    "GERMAN",
    "Bilingual",
    "Section",
    "bilingual",
    "family_locale",
    "interview_questions",
    "is_rtl",
    "language_name",
    "require_parent_content",
    "sections",
]

GERMAN = "de"
# The families' languages the parent texts are translated into (ISO 639-1; "fa" covers Farsi
# and Dari, "ku" is Kurmanji in Latin letters).
FAMILY_LANGUAGES: tuple[str, ...] = (
    "ar",
    "fa",
    "ps",
    "uk",
    "ru",
    "tr",
    "ku",
    "ti",
    "ro",
    "bg",
    "en",
    "fr",
)

# The section keys, in the order of the handouts.
SCHOOL_DUTY = content.SCHOOL_DUTY.key
SCHOOL_SYSTEM = content.SCHOOL_SYSTEM.key
NEXT_STEPS = content.NEXT_STEPS.key
RECOMMENDED_SCHOOL = "recommended_school"


@dataclass(frozen=True, slots=True)
class Bilingual:
    """A text in German and in the family's language (``family`` == ``german`` and
    ``translated`` False while there is no translation)."""

    german: str
    family: str
    translated: bool


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the parent information: a title and short paragraphs."""

    key: str
    title: Bilingual
    paragraphs: list[Bilingual] = field(default_factory=list)


def language_name(code: str, in_language: str = GERMAN) -> str:
    """The name of the language ``code`` in the language ``in_language`` (CLDR via babel):
    ``language_name("ar", "ar")`` is „العربية“; the code itself when babel has no name."""
    try:
        return locale_data.language_name(code, family_locale(in_language))
    except (ValueError, UnknownLocaleError):
        return code


def is_rtl(code: str) -> bool:
    """Whether the language ``code`` is written from right to left (Arabic, Persian, Pashto)."""
    try:
        return locale_data.text_direction(code) == "rtl"
    except (ValueError, UnknownLocaleError):
        return False


def family_locale(code: str) -> str:
    """A babel locale for dates and numbers in ``code``; German when babel does not know it."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return GERMAN
    return code.replace("-", "_")


def bilingual(message: str, language: str, **values: object) -> Bilingual:
    """``message`` (German, marked ``P_``) in German and in ``language``, its placeholders
    filled with ``values``. A value may itself be a :class:`Bilingual` (a translated name)
    or a date or a number (formatted in each language's locale)."""
    german = message.format(**{k: _value(v, GERMAN) for k, v in values.items()})
    if language == GERMAN:
        return Bilingual(german, german, True)
    text = parent_text(message, language)
    if not text.translated:
        return Bilingual(german, german, False)
    family = text.text.format(**{k: _value(v, language) for k, v in values.items()})
    return Bilingual(german, family, True)


def _value(value: object, language: str) -> str:
    if isinstance(value, Bilingual):
        return value.german if language == GERMAN else value.family
    if isinstance(value, date):
        return locale_data.format_date(value, family_locale(language), "long")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return locale_data.format_number(value, family_locale(language))
    return str(value)


def _names(messages: list[str], language: str, style: str = "standard") -> Bilingual:
    """Several translated names as a list in each language's way (style "or": "A, B oder C",
    "A أو B أو C"; "standard": "A, B und C"; babel's CLDR list patterns); a missing name
    stays German."""
    parts = [bilingual(m, language) for m in messages]
    return Bilingual(
        _listed([p.german for p in parts], GERMAN, style),
        _listed([p.family for p in parts], language, style),
        all(p.translated for p in parts),
    )


def _listed(names: list[str], language: str, style: str) -> str:
    joined = format_list(names, style=style, locale=family_locale(language))
    return joined.replace("\u200f", "").replace("\u200e", "")  # our layout orders the text


def _section(source: content.SectionSource, language: str, **values: object) -> Section:
    return Section(
        source.key,
        bilingual(source.title, language),
        [bilingual(p, language, **values) for p in source.paragraphs],
    )


def _office_values() -> dict[str, str]:
    """The KI's name and phone number for "Rufen Sie uns an" (the settings' letterhead, else
    the Kreis's default office)."""
    name = get_setting("letter.ki_name", "")
    phone = get_setting("letter.phone", "")
    if not (name and phone):
        from ki_desktop.services.placement_letter import office_for  # loads reportlab

        head = office_for("").letterhead
        name, phone = name or head.ki_name, phone or head.phone
    return {"office": name, "phone": phone}


def sections(language: str, case_id: str | None = None) -> list[Section]:
    """The parent information in German and ``language``: the school duty, the school system
    and the next steps; with ``case_id`` also the section about the school recommended for
    that child (needs the permission for parent information of that case)."""
    language = (language or GERMAN).strip().lower()
    if case_id is not None:
        require_parent_content(case_id)
    office = _office_values()
    found = [_section(source, language, **office) for source in content.GENERAL_SECTIONS]
    if case_id is not None:
        found.append(recommended_school(language, case_id))
    return found


def recommended_school(language: str, case_id: str) -> Section:
    """The section about the recommended (and, once known, assigned) school of a case."""
    require_parent_content(case_id)
    case = case_repo.get_case(case_id)
    if case is None:
        raise ServiceError(_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht."))
    texts = content.RECOMMENDATION
    child = " ".join(p for p in (case.first_name, case.last_name) if p)
    title = bilingual(texts["title"], language, name=child)
    latest = rec_repo.latest_recommendation(case_id)
    assigned, _assigned_on, school_start = case_file_repo.placement_of_case(case_id)
    lines: list[Bilingual] = []
    if latest is None:
        lines.append(bilingual(texts["none"], language))
    else:
        rec, proposed_number = latest
        lines.append(bilingual(texts["intro"], language, date=rec.created_on))
        stage = content.STAGE_NAMES.get(rec.stage)
        if stage:
            lines.append(bilingual(texts["stage"], language, stage=bilingual(stage, language)))
        if rec.grade is not None:
            lines.append(bilingual(texts["grade"], language, grade=rec.grade))
        forms = [
            content.SCHOOL_FORM_NAMES[f] for f in rec.school_forms if f in content.SCHOOL_FORM_NAMES
        ]
        if forms:
            names = _names(forms, language, style="or")  # alternatives
            lines.append(bilingual(texts["school_forms"], language, school_forms=names))
        support = [content.SUPPORT_NAMES[s] for s in rec.support if s in content.SUPPORT_NAMES]
        if support:
            lines.append(bilingual(texts["support"], language, support=_names(support, language)))
        proposed = case_file_repo.school_by_number(proposed_number) if proposed_number else None
        if proposed is not None and assigned is None:
            lines.append(
                bilingual(
                    texts["proposed"], language, school=proposed.name, address=_address(proposed)
                )
            )
    if assigned is not None:
        lines.append(
            bilingual(texts["assigned"], language, school=assigned.name, address=_address(assigned))
        )
        if school_start is not None:
            lines.append(bilingual(texts["school_start"], language, date=school_start))
    elif latest is not None:
        lines.append(bilingual(texts["waiting"], language))
    return Section(RECOMMENDED_SCHOOL, title, lines)


def require_parent_content(case_id: str) -> session.Session:
    """The check before anything of one case is shown to parents: a counsellor who may read
    the case (and, where teams are kept apart, sees it), or the interpreter view opened for
    exactly this case."""
    try:
        from ki_desktop.services.case_access import require_parent_content as check
    except ImportError:  # a version without team visibility
        return session.require(Permission.PARENT_CONTENT, case_id=case_id)
    return check(case_id)


def _address(school) -> str:
    town = " ".join(p for p in (school.postcode, school.city) if p)
    return ", ".join(p for p in (school.street, town) if p)


def interview_questions(language: str) -> list[Bilingual]:
    """The intake interview's questions in German and ``language``, for the interpreter."""
    language = (language or GERMAN).strip().lower()
    return [bilingual(q, language) for q in content.INTERVIEW_QUESTIONS]

"""The interpreter view (Elterngespräch): entering it for one case and leaving it again.

Entering needs no password: the counsellor who may read the case hands the screen to the
interpreter and the parents. The session is then narrowed to that case's parent-facing content
(:func:`ki_desktop.services.session.narrowed_to_case`), so every service refuses other cases
and everything that is not parent content, whatever the screen still offers. Leaving needs the
counsellor's password (:func:`ki_desktop.services.accounts.verify_password`, with its failure
count and lockout); until it is given, the session stays narrowed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ki_desktop.domain import model as dm
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.i18n.parents import P_
from ki_desktop.services import parent_texts, session
from ki_desktop.services.case_access import require_case, require_parent_content
from ki_desktop.services.database import releases_worker_connection
from ki_desktop.services.errors import PermissionDenied, ServiceError
from ki_desktop.services.session import Session
from ki_desktop.store import cases as case_repo
from ki_desktop.store.users import record_event

__all__ = [
    "DEFAULT_FAMILY_LANGUAGE",
    "QUESTIONS",
    "enter",
    "family_language",
    "is_open",
    "leave",
    "questions_section",
]

# The step of the view that holds the intake questions (after the parent_texts sections).
QUESTIONS = "questions"
QUESTIONS_TITLE = P_("Fragen im Erstgespräch")
DEFAULT_FAMILY_LANGUAGE = "en"
GERMAN = "de"
# Codes that name one of the family languages differently: Dari, the macrolanguage Persian,
# Kurmanji, Tigrinya's and Arabic's regional tags are cut at "_"/"-" before.
_ALIASES = {"prs": "fa", "pes": "fa", "kmr": "ku", "arb": "ar", "ukr": "uk", "rus": "ru"}


def _case_or_refuse(case_id: str) -> dm.Case:
    case = case_repo.get_case(case_id)
    if case is None:
        raise ServiceError(_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht."))
    return case


def is_open() -> bool:
    """Whether the current session is narrowed to one case by the interpreter view."""
    current = session.current_or_none()
    return current is not None and current.case_scope is not None


def enter(case_id: str) -> Session:
    """Open the interpreter view for ``case_id``: the counsellor must be allowed to read the
    case; the session is narrowed to its parent-facing content (audit ``interpreter.enter``)."""
    current = session.current()
    if current.case_scope is not None:
        raise PermissionDenied(
            _("Die Dolmetschansicht ist schon geöffnet. Bitte erst zur Beratung zurückkehren.")
        )
    require_case(Permission.CASE_READ, case_id)
    _case_or_refuse(case_id)
    record_event(current.username, "interpreter.enter", case_id)
    return session.begin(session.narrowed_to_case(current, case_id))


@releases_worker_connection
def leave(password: str, *, clock: Callable[[], datetime] | None = None) -> Session:
    """Back to the counsellor's own session, after checking the counsellor's ``password``
    (audit ``interpreter.leave``). A wrong password raises :class:`ServiceError` and the view
    stays narrowed; so does a lockout after too many failures (its message says how long).
    The GUI calls it off the GUI thread; the connection opened there is closed on return."""
    current = session.current()
    if current.case_scope is None or current.outer is None:
        return current
    from ki_desktop.services import accounts  # Argon2: loaded only when needed

    if not accounts.verify_password(password, clock=clock):
        raise ServiceError(
            _(
                "Das Passwort ist nicht richtig. Die Dolmetschansicht bleibt geöffnet; bitte "
                "geben Sie das Passwort der Beraterin oder des Beraters ein."
            )
        )
    outer = session.begin(current.outer)
    record_event(outer.username, "interpreter.leave", current.case_scope)
    return outer


def _family_code(code: str) -> str | None:
    """``code`` as one of :data:`parent_texts.FAMILY_LANGUAGES`, or None."""
    base = code.strip().lower().replace("-", "_").split("_")[0]
    base = _ALIASES.get(base, base)
    return base if base in parent_texts.FAMILY_LANGUAGES else None


def family_language(case_id: str) -> str:
    """The language to show the parents' texts in: the first language marked as the family's
    (spoken at home) that is not German, else the language the intake interview was
    interpreted into, else the child's first language — the first of these that has parent
    texts; English when none has."""
    require_parent_content(case_id)
    case = _case_or_refuse(case_id)
    candidates = [s.language for s in case.languages if s.is_family_language]
    interviews = sorted(case.interviews, key=lambda i: i.held_on, reverse=True)
    candidates += [i.interpreter_language for i in interviews if i.interpreter_language]
    candidates += [case.first_language]
    candidates += [s.language for s in case.languages if s.is_first_language]
    for code in candidates:
        found = _family_code(code or "")
        if found is not None and found != GERMAN:
            return found
    return DEFAULT_FAMILY_LANGUAGE


def questions_section(language: str) -> parent_texts.Section:
    """The intake interview's questions as the last step of the view, in German and
    ``language``."""
    return parent_texts.Section(
        QUESTIONS,
        parent_texts.bilingual(QUESTIONS_TITLE, language),
        parent_texts.interview_questions(language),
    )

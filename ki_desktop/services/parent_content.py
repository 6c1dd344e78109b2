"""What parents are told, in German: the source of the handouts and the interpreter view.

Plain language for parents who are new to the German school system: short sentences, the
polite "Sie", every technical word explained the first time. The facts follow the SchulG NRW
and the Erstförderung decree (see the domain notes in the README); when those change, change
the text here and update the catalogues (``translations/parents/README.md``).

Every text is marked with ``P_``: it is extracted into the parents' catalogue, not the staff
UI's. Placeholders in braces (``{phone}``) are filled when the text is shown, in both
languages alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from ki_desktop.i18n.parents import P_

__all__ = [
    "GENERAL_SECTIONS",
    "INTERVIEW_QUESTIONS",
    "NEXT_STEPS",
    "RECOMMENDATION",
    "SCHOOL_DUTY",
    "SCHOOL_FORM_NAMES",
    "SCHOOL_SYSTEM",
    "STAGE_NAMES",
    "SUPPORT_NAMES",
    "SectionSource",
]


@dataclass(frozen=True, slots=True)
class SectionSource:
    """One section as written in German: a key, a title and its paragraphs."""

    key: str
    title: str
    paragraphs: tuple[str, ...]


SCHOOL_DUTY = SectionSource(
    "school_duty",
    P_("Schulpflicht in Nordrhein-Westfalen"),
    (
        P_(
            "In Nordrhein-Westfalen (NRW) müssen alle Kinder und Jugendlichen zur Schule gehen. "
            "Das heißt Schulpflicht. Sie ist ein Gesetz und gilt auch für Ihr Kind."
        ),
        P_(
            "Die Schulpflicht beginnt mit 6 Jahren. Ein Kind, das bis zum 30. September 6 Jahre "
            "alt wird, kommt am 1. August in die Schule. Ein Schuljahr dauert vom 1. August bis "
            "zum 31. Juli."
        ),
        P_(
            "Kinder gehen 10 Schuljahre lang jeden Tag zur Schule. Danach lernen Jugendliche an "
            "einem Berufskolleg oder machen eine Ausbildung, meist bis zum Ende des Schuljahres, "
            "in dem sie 18 Jahre alt werden."
        ),
        P_(
            "Auch Kinder von Familien im Asylverfahren müssen zur Schule gehen, sobald die "
            "Familie einer Stadt oder Gemeinde zugewiesen ist."
        ),
        P_("Öffentliche Schulen sind kostenlos. Sie bezahlen kein Schulgeld."),
        P_(
            "Welche Schule Ihr Kind besucht, entscheidet das Schulamt, beim Berufskolleg die "
            "Bezirksregierung. Das Kommunale Integrationszentrum (KI) berät Sie und hilft Ihnen "
            "dabei."
        ),
        P_(
            "Ab 18 Jahren gibt es keine Schulpflicht mehr. Es gibt aber andere Wege zum Lernen, "
            "zum Beispiel einen Integrationskurs oder ein Weiterbildungskolleg. Wir beraten Sie "
            "gern."
        ),
    ),
)

SCHOOL_SYSTEM = SectionSource(
    "school_system",
    P_("Das Schulsystem"),
    (
        P_(
            "Alle Kinder besuchen zuerst die Grundschule. Sie dauert 4 Jahre, von Klasse 1 bis "
            "Klasse 4."
        ),
        P_(
            "Ab Klasse 5 gibt es verschiedene Schulen: Hauptschule, Realschule, Sekundarschule, "
            "Gesamtschule und Gymnasium. An der Gesamtschule und am Gymnasium kann Ihr Kind das "
            "Abitur machen. Mit dem Abitur kann man an einer Universität studieren."
        ),
        P_(
            "Kinder, die besondere Unterstützung brauchen, zum Beispiel beim Lernen, Hören oder "
            "Sehen, können eine Förderschule besuchen oder mit anderen Kindern an einer "
            "allgemeinen Schule lernen."
        ),
        P_(
            "Jugendliche ab 16 Jahren, die schon etwa 10 Jahre zur Schule gegangen sind, lernen "
            "meist an einem Berufskolleg. Dort lernen sie Deutsch und bereiten sich auf einen "
            "Beruf vor, zum Beispiel in einer Internationalen Förderklasse."
        ),
        P_(
            "Die Leistungen bekommen Noten von 1 bis 6. Die 1 ist die beste Note (sehr gut), "
            "dann kommen 2 (gut), 3 (befriedigend) und 4 (ausreichend). 5 (mangelhaft) und 6 "
            "(ungenügend) bedeuten: Das Ziel ist nicht erreicht."
        ),
        P_(
            "Zweimal im Jahr bekommt Ihr Kind ein Zeugnis mit seinen Noten: in der Mitte und am "
            "Ende des Schuljahres. Bitte heben Sie alle Zeugnisse gut auf."
        ),
        P_(
            "Neu zugewanderte Kinder gehören von Anfang an zu einer Klasse ihrer Schule. Sie "
            "bekommen zusätzlich Deutschunterricht. Diese Deutschförderung heißt Erstförderung "
            "und dauert meist bis zu 2 Jahre."
        ),
        P_(
            "Die Erstförderung gibt es in drei Formen: integrativ (Ihr Kind lernt in seiner "
            "Klasse und bekommt zusätzliche Deutschstunden), teilintegrativ (ein Teil der Stunden "
            "in der Klasse, ein Teil in einer Deutschfördergruppe) oder zuerst in einer eigenen "
            "Deutschfördergruppe. Wer noch nicht lesen und schreiben kann, lernt das zuerst in "
            "einer kleinen Gruppe."
        ),
        P_(
            "Schulabschlüsse: Nach Klasse 9 gibt es den Ersten Schulabschluss, nach Klasse 10 den "
            "Erweiterten Ersten Schulabschluss oder den Mittleren Schulabschluss. Das Abitur "
            "gibt es nach Klasse 13 (Gymnasium, Gesamtschule, Berufskolleg)."
        ),
    ),
)

NEXT_STEPS = SectionSource(
    "next_steps",
    P_("Wie geht es weiter?"),
    (
        P_(
            "Das Kommunale Integrationszentrum schickt unsere Empfehlung an das Schulamt. Das tun "
            "wir nur, wenn Sie einverstanden sind und unterschrieben haben."
        ),
        P_(
            "Das Schulamt sucht eine Schule mit einem freien Platz für Ihr Kind aus. Sie bekommen "
            "einen Brief mit dem Namen und der Adresse der Schule. Die Schule sagt Ihnen, wann "
            "der erste Schultag ist."
        ),
        P_(
            "Vor dem Schulbeginn untersucht das Gesundheitsamt Ihr Kind "
            "(Schuleingangsuntersuchung). Die Untersuchung ist kostenlos. Oft machen wir den "
            "Termin für Sie."
        ),
        P_("Bitte bringen Sie zu den Terminen diese Unterlagen mit:"),
        P_("• Ausweis oder Reisepass Ihres Kindes oder Ihr Aufenthaltsdokument"),
        P_("• die Meldebescheinigung (Sie bekommen sie, wenn Sie Ihre Wohnung anmelden)"),
        P_(
            "• den Impfpass Ihres Kindes. Wichtig: Jedes Kind braucht für die Schule einen "
            "Nachweis über die Masern-Impfung. Fehlt die Impfung, sprechen Sie bitte mit einer "
            "Ärztin oder einem Arzt."
        ),
        P_("• die letzten Zeugnisse Ihres Kindes, wenn möglich mit Übersetzung"),
        P_("• einen Nachweis über das Sorgerecht, wenn Sie nicht die Eltern sind"),
        P_(
            "Haben Sie Fragen? Rufen Sie uns an: {phone} ({office}). Sie können gern jemanden "
            "zum Übersetzen mitbringen oder uns nach einer Dolmetscherin oder einem Dolmetscher "
            "fragen."
        ),
    ),
)

GENERAL_SECTIONS: tuple[SectionSource, ...] = (SCHOOL_DUTY, SCHOOL_SYSTEM, NEXT_STEPS)

# The section about the recommended school, filled from the case; which lines appear depends
# on what the case holds (a recommendation, a proposed school, an assignment).
RECOMMENDATION: dict[str, str] = {
    "title": P_("Unsere Empfehlung für {name}"),
    "intro": P_("Nach unserem Gespräch am {date} empfehlen wir für Ihr Kind:"),
    "stage": P_("Schulstufe: {stage}"),
    "grade": P_("Klasse: {grade}"),
    "school_forms": P_("Passende Schulformen: {school_forms}"),
    "support": P_("Deutschförderung: {support}"),
    "proposed": P_(
        "Wir schlagen diese Schule vor: {school}, {address}. Die Entscheidung trifft das Schulamt."
    ),
    "assigned": P_("Das Schulamt hat Ihrem Kind diese Schule zugewiesen: {school}, {address}."),
    "waiting": P_(
        "Das Schulamt hat noch keine Schule zugewiesen. Sie bekommen dazu einen Brief vom Schulamt."
    ),
    "school_start": P_("Erster Schultag: {date}"),
    "none": P_(
        "Für Ihr Kind gibt es noch keine Empfehlung. Wir sprechen mit Ihnen darüber im nächsten "
        "Gespräch."
    ),
}

# Stages and school forms as parents read them (the staff labels are in services.labels).
STAGE_NAMES: dict[str, str] = {
    "pre_school": P_("noch nicht im Schulalter"),
    "primary": P_("Grundschule (Klasse 1 bis 4)"),
    "secondary_1": P_("Sekundarstufe I (Klasse 5 bis 10)"),
    "vocational_college": P_("Berufskolleg"),
    "adult_education": P_("Weiterbildung für Erwachsene"),
}

SCHOOL_FORM_NAMES: dict[str, str] = {
    "02": P_("Grundschule"),
    "04": P_("Hauptschule"),
    "08": P_("Förderschule"),
    "10": P_("Realschule"),
    "14": P_("Sekundarschule"),
    "15": P_("Gesamtschule"),
    "20": P_("Gymnasium"),
    "30": P_("Berufskolleg"),
}

SUPPORT_NAMES: dict[str, str] = {
    "integrative": P_("in der Klasse, mit zusätzlichen Deutschstunden (integrativ)"),
    "part_integrative": P_("teils in der Klasse, teils in einer Deutschfördergruppe"),
    "separate_group": P_("zuerst in einer eigenen Deutschfördergruppe"),
    "alphabetisation_group": P_("zuerst in einer Gruppe, die lesen und schreiben lernt"),
    "international_support_class": P_("Internationale Förderklasse am Berufskolleg"),
    "fit_fuer_mehr": P_("„Fit für mehr“ (Deutschkurs am Berufskolleg bis zum Schuljahresende)"),
    "integration_course": P_("Integrationskurs"),
}

# The questions a counsellor asks in the intake interview, read by the interpreter.
INTERVIEW_QUESTIONS: tuple[str, ...] = (
    P_("Wie heißt Ihr Kind (Vorname und Familienname)?"),
    P_("Wann ist Ihr Kind geboren (Tag, Monat, Jahr)? In welchem Land?"),
    P_("Wann ist Ihr Kind nach Deutschland gekommen?"),
    P_("Welche Sprachen sprechen Sie zu Hause? Welche Sprache hat Ihr Kind zuerst gelernt?"),
    P_("Wie viele Jahre ist Ihr Kind zur Schule gegangen? In welchem Land?"),
    P_(
        "Welche Klasse hat Ihr Kind zuletzt besucht? Was für eine Schule war das (zum Beispiel "
        "Grundschule, Mittelschule, Gymnasium)?"
    ),
    P_("Gab es Zeiten, in denen Ihr Kind nicht zur Schule gehen konnte? Wie lange?"),
    P_(
        "Kann Ihr Kind lesen und schreiben? In welcher Schrift (zum Beispiel arabische, "
        "lateinische oder kyrillische Schrift)?"
    ),
    P_("Spricht Ihr Kind schon etwas Deutsch oder Englisch? Welche Sprachen hat es noch gelernt?"),
    P_(
        "Hat Ihr Kind gesundheitliche Probleme oder braucht es besondere Unterstützung? Diese "
        "Frage ist freiwillig. Sie müssen nicht antworten."
    ),
    P_("Was macht Ihr Kind gern? Welche Fächer mag es?"),
    P_("Wer hat das Sorgerecht für Ihr Kind? Wie können wir Sie erreichen (Telefon, E-Mail)?"),
    P_("Welche Unterlagen haben Sie dabei (Ausweis, Meldebescheinigung, Zeugnisse, Impfpass)?"),
)

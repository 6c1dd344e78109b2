"""The reports the application offers, with what each contains and who may create it."""

from __future__ import annotations

from dataclasses import dataclass

from ki_desktop.i18n import N_


@dataclass(frozen=True, slots=True)
class ReportKind:
    key: str
    title: str
    description: str
    formats: tuple[str, ...]
    anonymised: bool


REPORT_KINDS: tuple[ReportKind, ...] = (
    ReportKind(
        "quarterly",
        N_("Quartalsstatistik"),
        N_("Anonymisierte Zahlen je Quartal für Kreis und LaKI, mit Vergleich zum Vorquartal."),
        ("pdf", "xlsx", "csv"),
        True,
    ),
    ReportKind(
        "monthly",
        N_("Monatsstatistik"),
        N_("Anonymisierte Zahlen eines Monats: Beratungen, neue Fälle, Wartezeiten."),
        ("pdf", "xlsx", "csv"),
        True,
    ),
    ReportKind(
        "case_file",
        N_("Fallakte (Auskunft nach Art. 15 DSGVO)"),
        N_("Alles, was über ein Kind gespeichert ist, mit Verlauf und Einwilligungen."),
        ("pdf",),
        False,
    ),
    ReportKind(
        "school_handover",
        N_("Übergabe an die Schule"),
        N_("Mit Einwilligung: die Daten, die die aufnehmende Schule braucht."),
        ("csv", "pdf"),
        False,
    ),
    ReportKind(
        "gap_analysis",
        N_("Bedarfsanalyse Angebote"),
        N_("Nachfrage aus den Fällen gegenüber den passenden Angeboten."),
        ("pdf", "xlsx"),
        True,
    ),
)

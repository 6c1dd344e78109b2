"""Who may call which service: one row per public service function (some with two uses), the
sessions allowed, and how the test calls it. ``EXEMPT`` names the public functions that read
no stored data (labels, checks of typed input, helpers the checked services call) and why.

A row's call gets the world (tests/services/role_world.py), a folder for files and, for a row
about one case, the case id; the table test calls it with the own case, the team tests with the
others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ki_desktop.domain import model as dm
from ki_desktop.domain.placement_input import parse_placement_input
from ki_desktop.services import (
    backup_restore,
    case_file,
    cases,
    gap_analysis,
    intake,
    offer_editing,
    offer_sheet,
    offers,
    placement,
    placement_letter,
    reports,
    school_handover,
    schools,
    server_migration,
    statistics,
    statistics_export,
    sync,
    sync_conflicts,
)
from ki_desktop.store import cases as case_repo
from ki_desktop.store import offers as offer_repo
from tests.services.role_world import PASSPHRASE, REFERENCE

COUNSELLORS = frozenset({"counsellor", "admin+counsellor"})  # case contents
PARENTS = COUNSELLORS | {"interpreter view"}  # parent-facing content of the open case
OFFERS = COUNSELLORS | {"admin"}  # offers to look up, schools to read, sync
ADMIN = frozenset({"admin", "admin+counsellor"})  # catalogue, school list, team, conflicts
STATISTICS = frozenset({"admin", "statistics", "admin+counsellor"})
CASE_CONFLICTS = frozenset({"admin+counsellor"})  # settling shows the case's values
LOGGED_IN = OFFERS | {"statistics", "interpreter", "interpreter view"}
SYNC = OFFERS

Call = Callable[..., Any]


@dataclass(frozen=True)
class Row:
    name: str  # "module.function", optionally "[use]"
    allowed: frozenset[str]
    call: Call  # (world, out) or, with per_case, (world, out, case_id)
    per_case: bool = False

    @property
    def function(self) -> str:
        return self.name.split("[")[0]


def row(name: str, allowed: frozenset[str], call: Call) -> Row:
    return Row(name, allowed, call)


def case_row(name: str, allowed: frozenset[str], call: Call) -> Row:
    return Row(name, allowed, call, per_case=True)


def _stored(case_id: str) -> dm.Case:
    case = case_repo.get_case(case_id)
    assert case is not None
    return case


def _offer(offer_id: str) -> tuple[dm.Offer, dm.Provider | None]:
    offer = offer_repo.get_offer(offer_id)
    assert offer is not None
    return offer, None


NEW_CASE = dict(first_name="Mila", last_name="Rollentest", birth_date=date(2015, 2, 3))
PERIOD = ("quarterly", 2026, 3)


def _inp():
    return parse_placement_input({"birth_date": "2014-03-10"}, REFERENCE)


def _missing(out: Path) -> Path:
    return out / "gibt-es-nicht.csv"


TABLE: tuple[Row, ...] = (
    # cases
    row("cases.case_count", COUNSELLORS, lambda w, o: cases.case_count()),
    row("cases.case_page", COUNSELLORS, lambda w, o: cases.case_page()),
    case_row("cases.case_detail", COUNSELLORS, lambda w, o, c: cases.case_detail(c)),
    row("cases.counsellors", COUNSELLORS, lambda w, o: cases.counsellors()),
    row("cases.waiting_threshold_days", COUNSELLORS, lambda w, o: cases.waiting_threshold_days()),
    # intake
    case_row("intake.save_case", COUNSELLORS, lambda w, o, c: intake.save_case(_stored(c))),
    row("intake.save_case[new]", COUNSELLORS, lambda w, o: intake.save_case(dm.Case(**NEW_CASE))),
    row(
        "intake.find_duplicates",
        COUNSELLORS,
        lambda w, o: intake.find_duplicates("Mila", "Rollentest", date(2015, 2, 3)),
    ),
    case_row("intake.case_history", COUNSELLORS, lambda w, o, c: intake.case_history(c)),
    row("intake.save_draft", COUNSELLORS, lambda w, o: intake.save_draft("new:r", None, {})),
    row("intake.drafts", COUNSELLORS, lambda w, o: intake.drafts()),
    row("intake.discard_draft", COUNSELLORS, lambda w, o: intake.discard_draft("new:r")),
    case_row("intake.close_case", COUNSELLORS, lambda w, o, c: intake.close_case(c, "moved_away")),
    case_row("intake.start_follow_up", COUNSELLORS, lambda w, o, c: intake.start_follow_up(c)),
    # placement, letter, handover, case file
    row(
        "placement.candidate_schools",
        COUNSELLORS,
        lambda w, o: placement.candidate_schools(["02"], None),
    ),
    row("placement.recommend", COUNSELLORS, lambda w, o: placement.recommend(_inp())),
    row(
        "placement.recommend_from_file",
        COUNSELLORS,
        lambda w, o: placement.recommend_from_file(w.case_json),
    ),
    case_row(
        "placement.recommend_for_case",
        COUNSELLORS,
        lambda w, o, c: placement.recommend_for_case(c, REFERENCE),
    ),
    case_row(
        "placement.accept_recommendation",
        COUNSELLORS,
        lambda w, o, c: placement.accept_recommendation(c, w.placement, today=REFERENCE),
    ),
    case_row(
        "placement.latest_recommendation",
        PARENTS,
        lambda w, o, c: placement.latest_recommendation(c),
    ),
    case_row(
        "placement.record_assignment",
        COUNSELLORS,
        lambda w, o, c: placement.record_assignment(c, w.schulnummer, REFERENCE),
    ),
    case_row(
        "placement.record_school_start",
        COUNSELLORS,
        lambda w, o, c: placement.record_school_start(c, REFERENCE),
    ),
    row(
        "placement.update_school_ki_data",
        ADMIN,
        lambda w, o: placement.update_school_ki_data(w.schulnummer, 6, 2),
    ),
    case_row(
        "placement_letter.write_placement_letter",
        COUNSELLORS,
        lambda w, o, c: placement_letter.write_placement_letter(c, o / "brief.pdf"),
    ),
    case_row(
        "school_handover.check_handover",
        COUNSELLORS,
        lambda w, o, c: school_handover.check_handover(c),
    ),
    case_row(
        "school_handover.collect_handover",
        COUNSELLORS,
        lambda w, o, c: school_handover.collect_handover(c),
    ),
    case_row(
        "school_handover.write_school_handover",
        COUNSELLORS,
        lambda w, o, c: school_handover.write_school_handover(c, o / "uebergabe.csv"),
    ),
    case_row(
        "case_file.collect_case_file", COUNSELLORS, lambda w, o, c: case_file.collect_case_file(c)
    ),
    case_row(
        "case_file.write_case_file",
        COUNSELLORS,
        lambda w, o, c: case_file.write_case_file(c, o / "auskunft.pdf"),
    ),
    # offers and referrals
    row("offers.offers", OFFERS, lambda w, o: offers.offers()),
    row("offers.offer_count", OFFERS, lambda w, o: offers.offer_count()),
    row("offers.categories", OFFERS, lambda w, o: offers.categories()),
    row("offers.languages_in_use", OFFERS, lambda w, o: offers.languages_in_use()),
    row("offers.provider", OFFERS, lambda w, o: offers.provider("Caritas")),
    row(
        "offers.neighbour_municipalities",
        OFFERS,
        lambda w, o: offers.neighbour_municipalities("05554008", 10),
    ),
    row("offers.search", OFFERS, lambda w, o: offers.search("Deutsch")),
    row("offers.search_offers", OFFERS, lambda w, o: offers.search_offers("Deutsch")),
    row("offers.export_csv", OFFERS, lambda w, o: offers.export_csv(o / "angebote.csv")),
    row("offers.import_csv", ADMIN, lambda w, o: offers.import_csv(w.offers_csv, dry_run=True)),
    case_row("offers.case_profile", COUNSELLORS, lambda w, o, c: offers.case_profile(c)),
    case_row(
        "offers.refer_case",
        COUNSELLORS,
        lambda w, o, c: offers.refer_case(c, w.offer_id, REFERENCE),
    ),
    case_row("offers.referrals_of_case", COUNSELLORS, lambda w, o, c: offers.referrals_of_case(c)),
    case_row(
        "offers.remove_referral",
        COUNSELLORS,
        lambda w, o, c: offers.remove_referral(w.referral[c]),
    ),
    row("offer_editing.providers", OFFERS, lambda w, o: offer_editing.providers()),
    row(
        "offer_editing.offer_for_editing",
        ADMIN,
        lambda w, o: offer_editing.offer_for_editing(w.offer_id),
    ),
    row(
        "offer_editing.save_offer",
        ADMIN,
        lambda w, o: offer_editing.save_offer(*_offer(w.offer_id)),
    ),
    row(
        "offer_editing.delete_offer",
        ADMIN,
        lambda w, o: offer_editing.delete_offer(w.spare_offer_id),
    ),
    row(
        "offer_sheet.sheet_languages",
        OFFERS,
        lambda w, o: offer_sheet.sheet_languages([w.offer_id]),
    ),
    row(
        "offer_sheet.write_offer_sheet",
        OFFERS,
        lambda w, o: offer_sheet.write_offer_sheet([w.offer_id], o / "blatt.pdf"),
    ),
    row(
        "offer_sheet.sheet_offers",
        OFFERS,
        lambda w, o: offer_sheet.sheet_offers([w.offer_id], "ar"),
    ),
    case_row(
        "offer_sheet.sheet_offers[case]",
        PARENTS,
        lambda w, o, c: offer_sheet.sheet_offers([w.offer_id], "ar", case_id=c),
    ),
    case_row(
        "offer_sheet.write_offer_sheet[case]",
        PARENTS,
        lambda w, o, c: offer_sheet.write_offer_sheet([w.offer_id], o / "blatt.pdf", case_id=c),
    ),
    # school list
    row("schools.import_school_list", ADMIN, lambda w, o: schools.import_school_list(_missing(o))),
    row("schools.schools", OFFERS, lambda w, o: schools.schools()),
    row("schools.municipalities", LOGGED_IN, lambda w, o: schools.municipalities()),
    # statistics
    row("statistics.build_report", STATISTICS, lambda w, o: statistics.build_report(*PERIOD)),
    row(
        "statistics_export.build_report",
        STATISTICS,
        lambda w, o: statistics_export.build_report(*PERIOD),
    ),
    row(
        "statistics_export.export_statistics",
        STATISTICS,
        lambda w, o: statistics_export.export_statistics(*PERIOD, "csv", o / "q3.csv"),
    ),
    row(
        "statistics_export.export_report",
        STATISTICS,
        lambda w, o: statistics_export.export_report(*PERIOD, "csv", o / "q3.csv"),
    ),
    row("gap_analysis.gap_analysis", STATISTICS, lambda w, o: gap_analysis.gap_analysis()),
    row(
        "gap_analysis.export_gap_analysis",
        STATISTICS,
        lambda w, o: gap_analysis.export_gap_analysis(o / "bedarf.xlsx"),
    ),
    row("reports.available_reports", STATISTICS, lambda w, o: reports.available_reports()),
    # sync
    row("sync.peers", SYNC, lambda w, o: sync.peers()),
    row("sync.this_device", SYNC, lambda w, o: sync.this_device()),
    row("sync.log_entries", SYNC, lambda w, o: sync.log_entries()),
    row("sync.team", SYNC, lambda w, o: sync.team()),
    row("sync.set_team[change]", ADMIN, lambda w, o: sync.set_team("KI Borken")),
    row(
        "sync.export_changes",
        SYNC,
        lambda w, o: sync.export_changes(o / "neu.kisync", PASSPHRASE),
    ),
    row(
        "sync.import_file",
        SYNC,
        lambda w, o: sync.import_file(w.sync_file, PASSPHRASE, preview=True),
    ),
    row("sync_conflicts.conflict_count", SYNC, lambda w, o: sync_conflicts.conflict_count()),
    row("sync_conflicts.open_conflicts", ADMIN, lambda w, o: sync_conflicts.open_conflicts()),
    row("sync_conflicts.hidden_conflicts", ADMIN, lambda w, o: sync_conflicts.hidden_conflicts()),
    row(
        "sync_conflicts.settle[offer]",
        ADMIN,
        lambda w, o: sync_conflicts.settle("offer", w.offer_id, {}),
    ),
    case_row(
        "sync_conflicts.settle[case]",
        CASE_CONFLICTS,
        lambda w, o, c: sync_conflicts.settle("case", c, {}),
    ),
    case_row(
        "sync_conflicts.keep_deletion",
        CASE_CONFLICTS,
        lambda w, o, c: sync_conflicts.keep_deletion("guardian", _guardian(c)),
    ),
    row(
        "sync_conflicts.restore",
        ADMIN,
        lambda w, o: sync_conflicts.restore("offer", w.offer_id),
    ),
    # restoring a backup (a file the caller names; on a server refused as the
    # administration's task), moving the database to a server
    row("backup_restore.backup_key", ADMIN, lambda w, o: backup_restore.backup_key(_missing(o))),
    row(
        "backup_restore.check_backup",
        ADMIN,
        lambda w, o: backup_restore.check_backup(_missing(o)),
    ),
    row("backup_restore.restore", ADMIN, lambda w, o: backup_restore.restore(_missing(o))),
    row(
        "server_migration.migrate_to_server",
        ADMIN,
        lambda w, o: server_migration.migrate_to_server("keine-serveradresse"),
    ),
)


def _guardian(case_id: str) -> str:
    """A record of the case's (its first guardian) for the conflict rows about child tables."""
    guardians = _stored(case_id).guardians
    return guardians[0].id if guardians and guardians[0].id else case_id


# Public functions that read no stored data, or helpers the checked services call after
# their own check; each with the reason it needs none.
EXEMPT: dict[str, str] = {
    **{
        f"case_access.{name}": "the checks themselves"
        for name in ("visibility", "require_case", "require_parent_content", "require_any")
    },
    **{
        f"case_file_texts.{name}": "texts of the case file"
        for name in (
            "action_label",
            "entry_field_label",
            "explanation",
            "field_label",
            "history_values",
            "retention_text",
        )
    },
    **{
        f"statistics_texts.{name}": "texts of the statistics"
        for name in ("definitions", "is_other", "label", "other_label", "title", "unknown_label")
    },
    **{
        f"labels.{name}": "display texts of codes"
        for name in (
            "age_group_choices",
            "age_range_label",
            "compulsory_label",
            "consent_label",
            "document_label",
            "language_level_label",
            "school_type_label",
            "sex_label",
            "stage_choices",
            "stage_label",
            "status_choices",
            "status_label",
            "support_choices",
            "support_label",
            "yes_no",
        )
    },
    "export_files.write_atomically": "writes what a checked export made",
    "letterhead.configured_letterhead": "the KI's address for exports that checked already",
    "placement_letter.office_for": "the KI's address for documents that checked already",
    "intake.check_case": "checks the form as typed",
    "intake.case_to_payload": "converts the form's case for its draft",
    "intake.case_from_payload": "converts a draft back",
    "offers.is_language": "CLDR language codes",
    "offer_checks.offer_problems": "checks the offer as typed",
    "offer_checks.degrees_text": "formats a number",
    "offer_conflicts.last_saved_by": "who saved an offer, for a save that checked already",
    "offer_sheet.family_language": "reads a case the caller has",
    "placement.placement_input_for_case": "reads a case the caller has",
    "statistics.period_label": "names a period",
    "statistics.report_period": "checks a period",
    "sync.field_kinds": "the column types of a table",
    "backup_restore.on_server": "whether the open database is on a server",
    "backup_restore.refuse_on_server": "says who backs up a server database",
    "backup_restore.is_encrypted_backup": "the header of a file the caller chose",
    "backup_restore.opens_with_current_key": "whether the open key opens a chosen file",
    **{
        f"server_connection.{name}": "the server's address and whether it answers, also "
        "before a login (settings, start, status bar); no stored data"
        for name in (
            "add_listener",
            "address_had_password",
            "checked_address",
            "is_available",
            "is_server_address",
            "on_server",
            "open_location",
            "probe",
            "remove_listener",
            "server_host",
        )
    },
    **{
        f"server_login.{name}": "the server's password, needed before anyone can log in"
        for name in ("forget_remembered", "install", "keyring_available", "terminal_prompt")
    },
    **{
        f"server_migration_texts.{name}": "texts of the move to a server"
        for name in ("describe", "failure_message", "value_message")
    },
    **{
        f"sync_engine.{name}": "merge engine, called inside the checked sync services"
        for name in ("apply", "capture", "state_entry", "write_row")
    },
}

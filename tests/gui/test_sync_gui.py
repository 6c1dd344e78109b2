"""The sync in the main window: export through the dialog, import with a preview (also by
dropping the file), conflicts settled field by field, and the sync log."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from ki_desktop.gui.sync_values import BadValue, parse_value, show_value
from ki_desktop.services import database, sync, sync_conflicts
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.schools import import_school_list
from ki_desktop.store.models import Case
from tests.conftest import SCHOOL_EXTRACT
from tests.gui.conftest import ScriptedPrompts, _stop_timers, _window

SECRET = "Passphrase des Teams Warendorf"
TEAM = "KI Kreis Warendorf"


class SyncPrompts(ScriptedPrompts):
    """Also answers the question for a file name to save to."""

    save_answer: str | None = None

    def save_file_name(self, parent, title, suggested, file_filter):
        self.suggested = suggested
        return self.save_answer


class Laptop:
    """One database; ``window()`` opens it in a main window, ``close()`` closes both."""

    def __init__(self, location, qtbot, settings):
        self.location, self.qtbot, self.settings = str(location), qtbot, settings
        self.prompts = SyncPrompts()
        self.main = None

    def open(self):
        database.open_app_database(self.location)
        return self

    def window(self):
        self.open()
        self.main = _window(self.qtbot, self.location, self.settings, self.prompts)
        return self.main

    def close(self):
        if self.main is not None:
            _stop_timers(self.main)
            self.main.close()
            self.main = None
        database.close_app_database()


@pytest.fixture
def laptops(tmp_path, qtbot, settings, new_location):
    """An office laptop with 8 demo cases and a team name, a second one with only schools (the
    server on the PostgreSQL run: the import, conflict and log windows work on it)."""
    office = Laptop(tmp_path / "office.sqlite", qtbot, settings)
    laptop = Laptop(new_location("laptop"), qtbot, settings)
    office.open()
    load_demo_data(size=8, seed=2, reference=date(2026, 11, 1))
    sync.set_team(TEAM)
    office.close()
    laptop.open()
    import_school_list(SCHOOL_EXTRACT)
    laptop.close()
    yield office, laptop
    for machine in (office, laptop):
        if machine.main is not None:
            machine.close()


def export_through_dialog(qtbot, machine, target, peer_index=0, full=False):
    window = machine.main
    machine.prompts.save_answer = str(target)
    dialog = window.sync.export()
    assert dialog.team_edit.text() == TEAM and dialog.team_edit.isReadOnly()
    dialog.peer_combo.setCurrentIndex(peer_index)
    dialog.full_check.setChecked(full)
    assert not dialog.ok_button.isEnabled()  # no passphrase yet
    dialog.passphrase_edit.setText(SECRET)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(machine.prompts.notices), timeout=10_000)
    assert window.sync.operation is None
    return machine.prompts.notices[-1]


def preview(qtbot, dialog, passphrase=SECRET):
    dialog.passphrase_edit.setText(passphrase)
    dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.operation is None, timeout=10_000)


def shown_counts(dialog):
    return {k: dialog.labels[k].text() for k in ("created", "updated", "deleted", "conflicts")}


def test_export_then_import_with_preview_into_another_database(qtbot, laptops, tmp_path):
    office, laptop = laptops
    file = tmp_path / "wochenabgleich"
    window = office.window()
    names = sorted(c.last_name for c in Case.select())
    notice = export_through_dialog(qtbot, office, file)
    assert office.prompts.suggested.startswith("ki-sync-")
    assert office.prompts.suggested.endswith(f"{date.today().isoformat()}.kisync")
    written = file.with_name("wochenabgleich.kisync")  # the suffix is added
    assert written.is_file() and written.read_bytes().startswith(b"KI-SYNC\n")
    (entry,) = sync.log_entries()
    assert entry.direction == "export" and entry.records > 8
    assert f"{entry.records} Datensätze" in notice and "wochenabgleich.kisync" in notice
    assert window.sync.passphrase == SECRET  # remembered for this session
    office.close()

    window = laptop.window()
    assert window.intake.model.rowCount() == 0
    dialog = window.sync.open_import(str(written))
    assert dialog.passphrase_edit.text() == ""  # another session: nothing remembered
    assert not dialog.apply_button.isEnabled()
    preview(qtbot, dialog)
    assert dialog.result_box.isVisible() and dialog.apply_button.isEnabled()
    counts = shown_counts(dialog)
    assert counts["deleted"] == counts["conflicts"] == "0"
    assert int(counts["created"]) > 8  # cases and what belongs to them, offers
    assert int(counts["updated"]) > 0  # the KI's own data of schools both laptops know
    assert dialog.labels["records"].text() == str(entry.records)
    assert dialog.labels["source"].text().startswith("Gerät ")
    assert Case.select().count() == 0  # a preview changes nothing
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert not dialog.isVisible() and laptop.prompts.errors == []
    final = dialog.report.counts
    assert [str(n) for n in (final.created, final.updated)] == [
        counts["created"],
        counts["updated"],
    ]
    assert window.intake.model.rowCount() == 8  # the case list shows the new cases
    model = window.intake.model
    shown = " ".join(
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    )
    assert all(name in shown for name in names)
    assert sorted(c.last_name for c in Case.select()) == names
    assert window.statusBar().currentMessage().startswith("Sync-Datei eingelesen – neu: ")
    assert sync.team() == TEAM  # taken over from the file
    export = window.sync.export()  # the office is now a known device
    assert export.peer_combo.count() == 2 and export.peer_combo.itemData(1) == entry_device()
    assert export.peer_combo.itemText(1).startswith(f"Gerät {entry_device()[:8]} (letzter")
    export.reject()


def entry_device():
    return sync.log_entries()[0].peer


def test_cancel_after_the_preview_and_a_wrong_passphrase_change_nothing(qtbot, laptops, tmp_path):
    office, laptop = laptops
    file = tmp_path / "office.kisync"
    office.open()
    sync.export_changes(file, SECRET)
    office.close()
    window = laptop.window()

    dialog = window.sync.open_import(str(file))
    preview(qtbot, dialog, "eine falsche Passphrase")
    assert laptop.prompts.errors == ["Die Passphrase ist falsch."]
    assert not dialog.result_box.isVisible() and not dialog.apply_button.isEnabled()

    preview(qtbot, dialog)
    assert int(dialog.labels["created"].text()) > 8
    dialog.cancel_button.click()
    assert not dialog.isVisible()
    assert Case.select().count() == 0 and window.intake.model.rowCount() == 0
    assert [e.result for e in sync.log_entries()] == ["refused"]  # only the wrong passphrase
    assert sync.team() == ""  # not even the team name was taken over


def test_import_menu_asks_for_the_file_and_a_damaged_file_is_refused(qtbot, laptops, tmp_path):
    _office, laptop = laptops
    damaged = tmp_path / "kaputt.kisync"
    damaged.write_bytes(b"KI-SYNC\n\x00\x00")
    window = laptop.window()
    assert window.sync.actionImport.shortcut().toString() == "Ctrl+Shift+I"
    assert window.sync.actionExport.shortcut().toString() == "Ctrl+Shift+E"
    assert window.sync.import_() is None  # the file question was cancelled
    assert laptop.prompts.questions == ["Sync-Datei einlesen"]
    laptop.prompts.open_file_answer = str(damaged)
    dialog = window.sync.import_()
    preview(qtbot, dialog)
    assert laptop.prompts.errors == ["Die Sync-Datei ist unvollständig (abgeschnitten)."]
    assert Case.select().count() == 0


def test_unsaved_case_input_is_asked_about_before_an_import(qtbot, laptops):
    _office, laptop = laptops
    window = laptop.window()
    window.new_case()
    window.intake.form.child.last_name.setText("Yilmaz")
    assert window.intake.form.is_dirty()
    laptop.prompts.open_file_answer = "/nicht/gefragt.kisync"
    assert window.sync.import_() is None  # "Abbrechen": the form stays open
    assert window.intake.form_is_open() and len(laptop.prompts.questions) == 1
    assert "nicht gespeicherte Eingaben" in laptop.prompts.questions[0]


def drag_events(path_or_url):
    mime = QMimeData()
    url = path_or_url if isinstance(path_or_url, QUrl) else QUrl.fromLocalFile(str(path_or_url))
    mime.setUrls([url])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    return enter, drop, mime


def test_dropping_a_sync_file_starts_the_import_other_files_are_refused(qtbot, laptops, tmp_path):
    office, laptop = laptops
    file = tmp_path / "office.kisync"
    office.open()
    sync.export_changes(file, SECRET)
    office.close()
    window = laptop.window()
    assert window.acceptDrops()
    for other in (tmp_path / "brief.pdf", QUrl("https://example.org/office.kisync")):
        enter, drop, _mime = drag_events(other)
        window.dragEnterEvent(enter)
        assert not enter.isAccepted()
        window.dropEvent(drop)
        assert not drop.isAccepted()
    qtbot.wait(20)
    assert window.sync.import_dialog is None

    window.sync.passphrase = SECRET  # known from an export earlier in this session
    enter, drop, _mime = drag_events(file)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.sync.import_dialog is not None, timeout=5_000)
    dialog = window.sync.import_dialog
    assert dialog.path == file
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)  # started at once
    assert int(dialog.labels["created"].text()) > 8
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert window.intake.model.rowCount() == 8


@pytest.fixture
def conflict(laptops, tmp_path):
    """The same case edited on both laptops: first and last name and birth date differ."""
    office, laptop = laptops
    first = tmp_path / "first.kisync"
    office.open()
    sync.export_changes(first, SECRET)
    case_id = Case.select(Case.id).order_by(Case.id).first().id
    office.close()
    laptop.open()
    sync.import_file(first, SECRET)
    edit(case_id, first_name="Maryam", last_name="Haddad", birth_date=date(2015, 1, 2))
    laptop.close()
    office.open()
    edit(case_id, first_name="Mariam", last_name="Hadad", birth_date=date(2015, 3, 4))
    second = tmp_path / "second.kisync"
    sync.export_changes(second, SECRET)
    office.close()
    return office, laptop, case_id, second


def edit(case_id, **values):
    case = Case.get_by_id(case_id)
    for name, value in values.items():
        setattr(case, name, value)
    case.save()


def test_a_real_conflict_is_settled_field_by_field(qtbot, conflict, tmp_path):
    _office, laptop, case_id, second = conflict
    window = laptop.window()
    assert not window.sync.actionConflicts.isEnabled()
    assert window.sync.conflict_button.isHidden()
    dialog = window.sync.open_import(str(second))
    preview(qtbot, dialog)
    assert shown_counts(dialog)["conflicts"] == "1" and dialog.conflict_hint.isVisible()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert window.sync.conflict_button.isVisible()
    assert window.sync.conflict_button.text() == "1 Konflikt"
    assert window.sync.actionConflicts.isEnabled()
    assert window.sync.actionConflicts.text() == "&Konflikte lösen (1)…"

    window.sync.conflict_button.click()  # the status bar opens the dialog
    conflicts = window.sync.conflicts_dialog
    assert conflicts.list.count() == 1 and conflicts.list.item(0).text().startswith("Fall: ")
    by_name = {c.field.name: c for c in conflicts.choices}
    assert sorted(by_name) == ["birth_date", "first_name", "last_name"]
    birth = by_name["birth_date"]
    assert sorted(b.text() for b in birth.values) == ["02.01.2015", "04.03.2015"]
    mine = next(b for b, v in by_name["first_name"].values.items() if v == "Maryam")
    mine.setChecked(True)
    theirs = next(b for b, v in by_name["last_name"].values.items() if v == "Hadad")
    theirs.setChecked(True)
    birth.editor.setText("31.12.2014")
    birth.edit_button.setChecked(True)
    assert conflicts.settle_button.isVisible() and not conflicts.restore_button.isVisible()

    birth.editor.setText("31.13.2014")  # not a date: nothing is settled
    assert not conflicts.settle()
    assert laptop.prompts.errors == ["Geburtsdatum: Bitte das Datum als TT.MM.JJJJ eingeben."]
    birth.editor.setText("31.12.2014")
    conflicts.settle_button.click()
    assert sync_conflicts.conflict_count() == 0 and conflicts.list.count() == 0
    assert "Keine Konflikte offen" in conflicts.heading.text()
    case = Case.get_by_id(case_id)
    assert (case.first_name, case.last_name, case.birth_date) == (
        "Maryam",
        "Hadad",
        date(2014, 12, 31),
    )
    assert window.sync.conflict_button.isHidden()
    assert not window.sync.actionConflicts.isEnabled()


def test_a_deletion_against_an_edit_is_confirmed_or_restored(qtbot, laptops, tmp_path):
    office, laptop = laptops
    first, deletion = tmp_path / "first.kisync", tmp_path / "deletion.kisync"
    office.open()
    sync.export_changes(first, SECRET)
    case_id = Case.select(Case.id).order_by(Case.id).first().id
    Case.get_by_id(case_id).delete_instance()
    sync.export_changes(deletion, SECRET)
    office.close()
    laptop.open()
    sync.import_file(first, SECRET)
    edit(case_id, address="Neue Straße 5, 48231 Warendorf")
    sync.import_file(deletion, SECRET)
    laptop.close()

    window = laptop.window()
    assert window.sync.conflict_button.text() == "1 Konflikt"
    dialog = window.sync.show_conflicts()
    assert dialog.restore_button.isVisible() and dialog.delete_button.isVisible()
    assert not dialog.settle_button.isVisible() and dialog.choices == []
    assert "gelöscht" in dialog.heading.text()
    dialog.delete_button.click()  # asks first; "Nein" keeps everything
    assert "endgültig löschen" in laptop.prompts.questions[-1]
    assert sync_conflicts.conflict_count() == 1 and Case.get_or_none(Case.id == case_id)
    dialog.restore_button.click()
    assert Case.get_by_id(case_id).address.startswith("Neue Straße")
    assert sync_conflicts.conflict_count() == 0 and laptop.prompts.errors == []


def test_the_log_dialog_lists_every_export_and_import(qtbot, laptops, tmp_path):
    office, laptop = laptops
    file = tmp_path / "office.kisync"
    office.open()
    sync.export_changes(file, SECRET, user="anna")
    office.close()
    laptop.open()
    with pytest.raises(database.ServiceError):
        sync.import_file(file, "eine falsche Passphrase")
    sync.import_file(file, SECRET, user="ben")
    laptop.close()

    window = laptop.window()
    assert window.sync.actionLog.text() == "Sync-&Protokoll…"
    dialog = window.sync.show_log()
    model = dialog.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    entry = sync.log_entries()[0]
    assert model.rowCount() == 2 and dialog.table.isVisible()
    ok, refused = rows
    assert ok[1:4] == ["Import", entry.peer[:8], "office.kisync"]
    assert ok[4:9] == [str(n) for n in (entry.records, entry.created, entry.updated, 0, 0)]
    assert ok[9] == "erfolgreich" and ok[11] == "ben"
    assert refused[1] == "Import" and refused[9] == "abgelehnt"
    assert refused[10] == "Die Passphrase ist falsch." and refused[4] == ""


def test_the_log_dialog_says_when_there_is_nothing_yet(laptops):
    _office, laptop = laptops
    dialog = laptop.window().sync.show_log()
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisible()


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        ("2015-03-04", "date", "04.03.2015"),
        (1, "bool", "ja"),
        (0, "bool", "nein"),
        (True, "text", "ja"),
        (None, "text", "—"),
        ("", "text", "—"),
        (12, "int", "12"),
        ("05566028", "text", "05566028"),
    ],
)
def test_values_are_shown_readably(value, kind, text):
    assert show_value(value, kind) == text


def test_typed_values_are_read_back_or_refused():
    assert parse_value("04.03.2015", "date") == "2015-03-04"
    assert parse_value(" nein ", "bool") == 0
    assert parse_value("", "int") is None
    assert parse_value("7", "int") == 7
    for text, kind in (("4.3.", "date"), ("vielleicht", "bool"), ("sieben", "int")):
        with pytest.raises(BadValue):
            parse_value(text, kind)

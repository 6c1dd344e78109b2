"""The case form of the Erstberatung: filled in with the keyboard, saved with Strg+S, reopened
and compared field by field; validation while typing; history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ki_desktop.domain import model as dm
from ki_desktop.services import cases, intake
from tests.gui.form_typing import choose, pick, tick, type_text

MUNICIPALITY = "Ahlen"


def _municipality_ags(name: str) -> str:
    from ki_desktop.services import schools

    return next(m.ags for m in schools.municipalities() if m.name == name)


def fill_form(qtbot, form) -> None:
    child = form.child
    type_text(child.last_name, "Okonkwo")
    type_text(child.first_name, "Chidinma Ada")
    type_text(child.birth_date, "12.05.2013")
    choose(child.sex, "weiblich")
    pick(child.country_of_birth, "Syrien")
    pick(child.nationality, "SY")
    type_text(child.arrival_date, "03.02.2026")
    type_text(child.assignment_date, "20.02.2026")
    child.registered_on.set_value(None)
    type_text(child.registered_on, "01.03.2026")
    type_text(child.address, "Weststraße 12, 59227 Ahlen")
    choose(child.municipality, MUNICIPALITY)
    choose(child.counsellor, child.counsellor.itemText(1))

    talk = form.conversation
    talk.held_on.set_value(None)
    type_text(talk.held_on, "05.03.2026")
    tick(talk.interpreter_needed)
    pick(talk.interpreter_language, "ara")

    lang = form.languages
    pick(lang.first_language, "Arabisch")
    choose(lang.latin_literate, "ja")
    choose(lang.literate_other_script, "ja")
    type_text(lang.other_scripts, "arabisch")
    qtbot.mouseClick(lang.family.add_button, Qt.MouseButton.LeftButton)
    pick(lang.family.rows[0][0], "Arabisch")
    qtbot.mouseClick(lang.family.add_button, Qt.MouseButton.LeftButton)
    pick(lang.family.rows[1][0], "Kurdisch")
    qtbot.mouseClick(lang.foreign.add_button, Qt.MouseButton.LeftButton)
    pick(lang.foreign.rows[0][0], "Englisch")
    choose(lang.foreign.rows[0][1], "A2")

    rows = form.schooling.schools
    for country, kind, start, end, grades, gap in (
        ("Syrien", "Primarstufe", "2019", "2022", "1–3", ""),
        ("Türkei", "Sekundarstufe I", "2023", "2025", "5-6", "2022–2023 Flucht"),
    ):
        qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
        editors = rows.rows[-1]
        pick(editors[0], country)
        choose(editors[1], kind)
        for spin, year in ((editors[2], start), (editors[3], end)):
            spin.setFocus()
            spin.selectAll()
            QTest.keyClicks(spin, year)
        type_text(editors[4], grades)
        type_text(editors[5], gap)

    learn = form.learning
    choose(learn.german_level, "A1")
    type_text(learn.maths_level, "altersgemäß, Bruchrechnung fehlt")
    type_text(learn.interests, "Fußball, Zeichnen")
    type_text(learn.notes, "Möchte Ärztin werden.")

    type_text(form.needs.special_needs, "keiner bekannt")
    type_text(form.needs.health_notes, "Brille")

    people = form.guardians.guardians
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    name, relation, phone, email, custody = people.rows[0]
    type_text(name, "Amaka Okonkwo")
    type_text(relation, "Mutter")
    type_text(phone, "0151 2345678")
    type_text(email, "amaka@example.org")
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    name, relation, phone, email, custody = people.rows[1]
    type_text(name, "Emeka Okonkwo")
    type_text(relation, "Onkel")
    custody.setFocus()
    qtbot.keyClick(custody, Qt.Key.Key_Space)  # keyboard only: no custody

    for key in ("id", "meldebescheinigung", "sorgerecht"):
        tick(form.documents.boxes[key])

    rows = form.consents.rows
    given, day, by = rows["data_processing"]
    choose(given, "ja, erteilt")
    type_text(day, "05.03.2026")
    type_text(by, "Amaka Okonkwo")
    given, day, by = rows["school_schulamt"]
    choose(given, "ja, erteilt")
    type_text(day, "05.03.2026")
    type_text(by, "Amaka Okonkwo")
    given, day, by = rows["gesundheitsamt"]
    choose(given, "nein, nicht erteilt")
    type_text(day, "06.03.2026")
    type_text(by, "Amaka Okonkwo")


def expected_case(counsellor: str) -> dm.Case:
    signed = date(2026, 3, 5)
    return dm.Case(
        first_name="Chidinma Ada",
        last_name="Okonkwo",
        birth_date=date(2013, 5, 12),
        sex=dm.Sex.FEMALE,
        country_of_birth="SY",
        nationality="SY",
        arrival_date=date(2026, 2, 3),
        assignment_date=date(2026, 2, 20),
        registered_on=date(2026, 3, 1),
        municipality_ags=_municipality_ags(MUNICIPALITY),
        address="Weststraße 12, 59227 Ahlen",
        first_language="ar",
        status=dm.CaseStatus.INTERVIEWED,
        counsellor=counsellor,
        guardians=[
            dm.Guardian("Amaka Okonkwo", "Mutter", "0151 2345678", "amaka@example.org", True),
            dm.Guardian("Emeka Okonkwo", "Onkel", "", "", False),
        ],
        school_history=[
            dm.SchoolHistoryEntry("SY", "primary", 2019, 2022, "1–3", ""),
            dm.SchoolHistoryEntry("TR", "lower_secondary", 2023, 2025, "5-6", "2022–2023 Flucht"),
        ],
        languages=[
            dm.LanguageSkill("ar", "", True, True),
            dm.LanguageSkill("ku", "", True, False),
            dm.LanguageSkill("en", "A2", False, False),
        ],
        consents=[
            dm.Consent("data_processing", True, signed, "Amaka Okonkwo"),
            dm.Consent("school_schulamt", True, signed, "Amaka Okonkwo"),
            dm.Consent("gesundheitsamt", False, date(2026, 3, 6), "Amaka Okonkwo"),
        ],
        interviews=[
            dm.Interview(
                held_on=signed,
                interpreter_needed=True,
                interpreter_language="ar",
                latin_literate=True,
                other_scripts="arabisch",
                german_level="A1",
                english_level="A2",
                maths_level="altersgemäß, Bruchrechnung fehlt",
                interests="Fußball, Zeichnen",
                documents_seen=["id", "meldebescheinigung", "sorgerecht"],
                literate_other_script=True,
                special_needs="keiner bekannt",
                health_notes="Brille",
                notes="Möchte Ärztin werden.",
            )
        ],
    )


def _without_ids(case: dm.Case) -> dict:
    data = intake.case_to_payload(case)
    data.pop("id"), data.pop("version")
    for name in ("guardians", "school_history", "languages", "consents", "interviews"):
        for item in data[name]:
            item.pop("id")
    return data


def test_fill_save_with_ctrl_s_reopen_and_compare_every_field(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.intake.form
    assert window.intake.form_is_open() and form.is_new()
    fill_form(qtbot, form)
    assert intake.find_duplicates("Chidinma Ada", "Okonkwo", date(2013, 5, 12)) == []
    assert form.check() == [] and form.save_button.isEnabled()
    assert form.save_button.text() == "Speichern"

    qtbot.keyClick(form.learning.interests, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.is_new() and not form.is_dirty()
    case_id = form.case().id
    counsellor = form.child.counsellor.itemData(1)
    stored = cases.case_detail(case_id)
    expected = _without_ids(expected_case(counsellor))
    got = _without_ids(stored)
    for key in expected:
        assert got[key] == expected[key], key
    assert intake.drafts() == []

    window.intake.close_form()
    assert not window.intake.form_is_open()
    window.intake.edit_case(case_id)
    assert _without_ids(window.intake.form.case()) == expected
    assert window.intake.form.title.text() == "Fall: Okonkwo, Chidinma Ada"


def test_validation_messages_while_typing(qtbot, window):
    window.new_case()
    form = window.intake.form
    message = form.child.messages["birth_date"]
    assert "Geburtsdatum eintragen" in message.text.text()
    assert form.save_button.isEnabled() and form.save_button.text() == "Als Entwurf speichern"

    type_text(form.child.birth_date, "01.01.2099")
    qtbot.waitUntil(lambda: message.severity == "error")
    assert message.text.text() == "Fehler: Das Geburtsdatum liegt in der Zukunft."
    assert not message.icon.pixmap().isNull()
    assert not form.save_button.isEnabled()
    assert "Zukunft" in form.summary.text.text()
    qtbot.keyClick(form.child.birth_date, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.child.birth_date, Qt.Key.Key_Delete)
    type_text(form.child.birth_date, "01.01.2015")
    qtbot.waitUntil(lambda: message.isHidden())
    assert form.save_button.isEnabled()

    type_text(form.child.arrival_date, "01.01.2010")
    arrival = form.child.messages["arrival_date"]
    qtbot.waitUntil(lambda: arrival.severity == "error")
    assert "vor der Geburt" in arrival.text.text()


def test_required_fields_are_marked(window):
    window.new_case()
    form = window.intake.form
    labels = {label.text() for label in form.findChildren(type(form.title))}
    assert {"Nachname *", "Vorname(n) *", "Geburtsdatum *", "Gemeinde *"} <= labels
    assert form.child.last_name.accessibleName() == "Nachname (Pflichtfeld)"


def test_a_draft_without_required_fields_can_be_saved(qtbot, window):
    window.new_case()
    form = window.intake.form
    type_text(form.child.last_name, "Nurzhanova")
    assert form.save()
    assert cases.case_detail(form.case().id).last_name == "Nurzhanova"


def test_pickers_find_names_native_names_and_codes(window):
    window.new_case()
    form = window.intake.form
    for picker, text, code in (
        (form.child.country_of_birth, "Syrien", "SY"),
        (form.child.country_of_birth, "SY", "SY"),
        (form.child.nationality, "Ukrai", "UA"),
        (form.languages.first_language, "Українська", "uk"),
        (form.languages.first_language, "ara", "ar"),
    ):
        picker.set_code("")
        pick(picker, text)
        assert picker.code() == code, text
    countries = [form.child.nationality.itemData(row) for row in range(1, 11)]
    assert countries == ["UA", "SY", "AF", "TR", "IQ", "RO", "BG", "IR", "ER", "GN"]


def test_history_lists_every_change(qtbot, window):
    window.new_case()
    form = window.intake.form
    type_text(form.child.last_name, "Nurzhanova")
    assert form.save()
    type_text(form.child.address, "Markt 1")
    qtbot.keyClick(form.child.address, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.intake.close_form()
    history = window.intake.history
    rows = lambda: [history.item(r, 2).text() for r in range(history.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: len(rows()) >= 2)
    assert rows() == ["Adresse", "angelegt"]
    assert history.item(0, 3).text() == "Markt 1"
    assert window.intake.ui.detailTabs.tabText(1) == "Verlauf"


def test_tab_order_follows_the_form(qtbot, window):
    window.new_case()
    form = window.intake.form
    child = form.child
    window.activateWindow()
    chain = [child.last_name, child.first_name, child.birth_date, child.sex, child.country_of_birth]
    child.last_name.setFocus()
    for expected in chain[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is expected or focused.parent() is expected

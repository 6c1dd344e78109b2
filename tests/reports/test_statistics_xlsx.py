"""The statistics workbook, read back with openpyxl."""

from datetime import date, datetime

from openpyxl import load_workbook

from ki_desktop.reports.statistics_xlsx import build_statistics_xlsx, sheet_title
from tests.reports.statistics_sample import sample_report


def test_workbook(tmp_path):
    path = tmp_path / "q.xlsx"
    build_statistics_xlsx(sample_report(), path)
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Übersicht",
        "Neue Fälle nach Schulstufe",
        "Neue Fälle nach Kommune",
        "Staatsangehörigkeit",
        "Kinder ohne Schulplatz am Stic…",
        "Wartezeiten in Tagen",
        "Definitionen",
    ]
    assert all(len(name) <= 31 for name in wb.sheetnames)

    overview = wb["Übersicht"]
    assert overview["A1"].value == "Quartalsstatistik 3. Quartal 2026"
    values = {row[0]: row[1] for row in overview.iter_rows(min_row=3, max_col=2, values_only=True)}
    assert values["Zeitraum"] == "3. Quartal 2026"
    assert values["Herausgeber"] == "Kommunales Integrationszentrum Kreis Borken"
    # the long titles are listed with the name of their sheet
    assert values["Neue Fälle nach Staatsangehörigkeit"] == "Staatsangehörigkeit"
    assert values["Erstellt am"] == datetime(2026, 10, 5, 9, 30)
    assert type(values["Stichtag"]) is datetime  # openpyxl reads date cells as datetimes
    assert values["Stichtag"].date() == date(2026, 9, 30)
    stichtag = next(c for c in overview["B"] if c.is_date and c.value.date() == date(2026, 9, 30))
    assert stichtag.number_format == "DD.MM.YYYY"

    stage = wb["Neue Fälle nach Schulstufe"]
    assert stage["A1"].value == "Neue Fälle nach Schulstufe"
    assert [c.value for c in stage[2]] == ["Schulstufe", "3. Quartal 2026", "2. Quartal 2026"]
    assert stage["A2"].font.b
    assert stage.freeze_panes == "B3"
    assert stage["A3"].value == "Primarstufe"
    assert type(stage["B3"].value) is int and stage["B3"].value == 118
    assert stage["B3"].number_format == "#,##0"
    suppressed = stage["B7"]
    assert (stage["A7"].value, suppressed.value) == ("ohne Zuordnung", "<3")
    assert suppressed.data_type == "s" and suppressed.alignment.horizontal == "right"
    assert stage["C7"].value == 3
    total = stage["A8"]
    assert total.value == "Insgesamt" and total.font.b and stage["B8"].font.b
    assert stage["B8"].value == 253
    assert stage.column_dimensions["A"].width >= len("ohne Zuordnung")
    notes = [c.value for c in stage["A"] if c.value and "Anzahlen unter 3" in str(c.value)]
    assert notes

    waiting = wb["Wartezeiten in Tagen"]
    assert waiting["B3"].value == 12.5 and waiting["B3"].number_format == "#,##0.0"
    assert waiting["C4"].value == 14.0
    assert waiting["B5"].value is None and waiting["E5"].value == "<3"
    assert type(waiting["E3"].value) is int

    definitions = wb["Definitionen"]
    assert [c.value for c in definitions[1]] == ["Begriff", "Wie gezählt wird"]
    assert definitions["A2"].value == "Neuer Fall"
    assert definitions.freeze_panes == "A2"


def test_sheet_titles_are_valid_and_unique():
    taken = set()
    first = sheet_title("Kinder [neu]: 5/6 * ? \\ Kommune und mehr als einunddreißig", taken)
    assert len(first) <= 31 and not set("[]:*?/\\") & set(first)
    second = sheet_title("Kinder [neu]: 5/6 * ? \\ Kommune und mehr als einunddreißig", taken)
    assert second != first and len(second) <= 31 and second.endswith("(2)")
    assert sheet_title("kinder  neu   5 6", set()) == "kinder neu 5 6"

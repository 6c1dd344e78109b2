"""Writing merged sync values into the rows of one table, fast, on either backend.

A merge writes thousands of rows; on a server every statement is a round trip over the
network. New rows are therefore collected in a :class:`RowBatch` and inserted a page at a
time, and the batch is written before any other statement of the merge, so that updates and
deletions (with their cascades) meet the rows in the order of the file, as if each had been
written at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ki_desktop.store import dialect
from ki_desktop.store.models import DB, utcnow
from ki_desktop.store.sync_values import Codec

if TYPE_CHECKING:
    from ki_desktop.store.sync_records import SyncTable


def write_many(sql: str, rows: Sequence[Sequence[object]]) -> None:
    """One statement (``?`` placeholders) for many rows (see
    :func:`ki_desktop.store.dialect.executemany` for its errors)."""
    dialect.executemany(sql, rows)


class RowWriter:
    """Writes merged sync values into one table's rows with two prepared statements (building
    a query per row would cost more than the merge itself)."""

    def __init__(self, table: SyncTable, batch: RowBatch | None = None) -> None:
        self.table, self.codec, self.batch = table, Codec(table), batch
        model = table.model
        self.fields = [model._meta.fields[name] for name in table.fields]
        quoted = [f'"{f.column_name}"' for f in self.fields]
        # An empty value where the column needs one (a deletion met an edit) keeps the row's.
        sets = [
            f"{q} = ?" if f.null else f"{q} = COALESCE(?, {q})"
            for q, f in zip(quoted, self.fields, strict=True)
        ]
        name, key = model._meta.table_name, model._meta.fields[table.key].column_name
        # The statements in the database's own placeholder style, converted once here rather
        # than for every row.
        self.update = dialect.portable(
            f'UPDATE "{name}" SET {", ".join(sets)}, updated_at = ?, device_id = ?, '
            f'version = version + 1 WHERE "{key}" = ?'
        )
        # While a deletion and an edit disagree, no value is emptied (the row keeps its data
        # until someone decides).
        keep = ", ".join(f"{q} = COALESCE(?, {q})" for q in quoted)
        self.update_keeping = dialect.portable(
            f'UPDATE "{name}" SET {keep}, updated_at = ?, device_id = ?, '
            f'version = version + 1 WHERE "{key}" = ?'
        )
        columns = ", ".join(["id", "created_at", "updated_at", "version", "device_id", *quoted])
        marks = ", ".join("?" * (5 + len(quoted)))
        self.insert_many = f'INSERT INTO "{name}" ({columns}) VALUES ({marks})'
        self.insert = dialect.portable(self.insert_many)

    def _db_values(self, values: dict[str, object]) -> list[object]:
        row = self.codec.to_row(values)
        return [
            None if row[f.column_name] is None else f.db_value(row[f.column_name])
            for f in self.fields
        ]

    def write(
        self, key: str, values: dict[str, object], device: str, keep: bool = False, new=False
    ) -> str:
        """Returns "updated", "created" or "" (a school this device does not have). With
        ``keep`` an empty value leaves the row's value as it is; ``new`` says that the row
        cannot exist here yet (it has no merge state), so no update is tried first."""
        now = utcnow().isoformat(sep=" ")
        cells = self._db_values(values)
        update = self.update_keeping if keep else self.update
        if not (new and self.table.key == "id"):
            self.before_change()
            if DB.execute_sql(update, [*cells, now, device, key]).rowcount:
                return "updated"
        if self.table.key != "id" or keep:
            return ""  # a school not in this list; or deleted here while edited elsewhere
        for i, field in enumerate(self.fields):
            if cells[i] is None and not field.null and field.default is not None:
                default = field.default() if callable(field.default) else field.default
                cells[i] = field.db_value(default)
        row = [key, now, now, 1, device, *cells]
        if self.batch is None:
            DB.execute_sql(self.insert, row)
        else:
            self.batch.add(self, row)
        return "created"

    def before_change(self) -> None:
        """Before a statement that changes rows already there: the new rows collected so far
        are written first."""
        if self.batch is not None:
            self.batch.flush()


class RowBatch:
    """New rows of one merge, of every table, inserted a page at a time."""

    PAGE = 250

    def __init__(self) -> None:
        self._rows: dict[RowWriter, list[list[object]]] = {}
        self._count = 0

    def add(self, writer: RowWriter, row: list[object]) -> None:
        self._rows.setdefault(writer, []).append(row)
        self._count += 1
        if self._count >= self.PAGE:
            self.flush()

    def flush(self) -> None:
        """Insert every row collected (parents may follow children: the references are
        checked at commit)."""
        for writer, rows in self._rows.items():
            write_many(writer.insert_many, rows)
        self._rows.clear()
        self._count = 0

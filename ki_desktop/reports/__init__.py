"""Report builders: reportlab PDFs, XLSX/CSV writers and babel formatting. No Qt, no peewee."""

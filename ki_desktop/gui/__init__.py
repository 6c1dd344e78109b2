"""The PySide6 desktop interface: main window, one module per tab, item models, dialogs and the
background-operation helper. Forms come from ``ui/*.ui`` (compiled into ``gui/forms``)."""

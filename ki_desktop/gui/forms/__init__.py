"""Python code generated from the Qt Designer forms in ``ui/`` by packaging/compile_forms.py."""

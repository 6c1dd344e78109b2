"""Use cases that combine domain, store, permission checks and audit.

The GUI and the CLI call these; neither talks to peewee directly.
"""

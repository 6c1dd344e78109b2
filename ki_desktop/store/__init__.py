"""Persistence: peewee models, the connection (SQLite by default), schema migrations and the
repository functions that return domain objects. No Qt."""

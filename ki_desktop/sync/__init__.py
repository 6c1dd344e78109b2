"""Sync between offline laptops: file format, export, import, merge and conflicts. No Qt.

The store already keeps what merging needs on every record: a UUID, a version, the id of the
device that changed it last, and tombstones for deletions.
"""

"""The peers this device exchanges files with, and the sync log (no personal data)."""

from __future__ import annotations

import peewee as pw

from ki_desktop.store.models import SyncLog, SyncPeer, utcnow


def acked_seq(peer: str | None) -> int:
    """Our changes up to this number are confirmed by ``peer`` (None: by every known peer)."""
    if peer is not None:
        row = SyncPeer.get_or_none(SyncPeer.device == peer)
        return row.acked_seq if row else 0
    return SyncPeer.select(pw.fn.MIN(SyncPeer.acked_seq)).scalar() or 0


def seen_seqs() -> dict[str, int]:
    """Per peer device: its changes up to this number are here."""
    return {p.device: p.seen_seq for p in SyncPeer.select() if p.seen_seq}


def peers() -> list[dict]:
    """The known peer devices with their last exchange times, as plain values."""
    return list(SyncPeer.select().order_by(SyncPeer.device).dicts())


def _peer(device: str) -> SyncPeer:
    row = SyncPeer.get_or_none(SyncPeer.device == device)
    return row or SyncPeer.create(device=device)


def received(source: str, body: dict, me: str) -> None:
    """After importing ``source``'s file: what we now have of it, what it has of ours."""
    peer = _peer(source)
    if peer.seen_seq >= int(body.get("from_seq", 0)):
        peer.seen_seq = max(peer.seen_seq, int(body.get("up_to_seq", 0)))
    peer.acked_seq = max(peer.acked_seq, int(body.get("seen", {}).get(me, 0)))
    peer.last_import_at = utcnow()
    peer.save()


def log(direction: str, peer: str, file_name: str, result: str, **counts: object) -> None:
    SyncLog.create(direction=direction, peer=peer, file_name=file_name, result=result, **counts)


def exported(peer: str, records: int, file_name: str, user: str) -> None:
    if peer != "*":
        row = _peer(peer)
        row.last_export_at = utcnow()
        row.save()
    log("export", peer, file_name, "ok", records=records, user=user)


def imported(source: str, file_name: str, counts, user: str) -> None:
    log(
        "import",
        source,
        file_name,
        "ok",
        records=counts.records,
        created=counts.created,
        updated=counts.updated,
        deleted=counts.deleted,
        conflicts=counts.conflicts,
        user=user,
    )


def entries(limit: int = 200) -> list[dict]:
    """Newest first, as plain values."""
    query = SyncLog.select().order_by(SyncLog.at.desc(), SyncLog.id.desc()).limit(limit)
    return list(query.dicts())

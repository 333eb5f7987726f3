"""My digits: the user's own handwriting, kept to teach the classifier their hand (no Qt).

Each digit is one small JSON file in the my-digits folder (``config.resolve_my_digits_dir``):
its strokes when it was drawn, the 28x28 input exactly as the model saw it, the label the user
gave, the label the model predicted, which model, and when. One file per digit, written with
``atomic_write`` (temp file + rename), so a crash or a kill right after a correction leaves either
the whole digit or nothing, never half a file; temp files a killed process left behind are
removed the next time the store opens. Nothing here ever leaves the machine.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from mnist_desk.errors import UserError
from mnist_desk.support.config import resolve_my_digits_dir
from mnist_desk.support.fileio import atomic_write_bytes

FORMAT = "mnist-desk-my-digit"
VERSION = 1
ITEM_SUFFIX = ".json"
# A temp file older than this was left by a process that died mid-write (a live write takes
# milliseconds); younger ones may belong to another running mnist-desk and are left alone.
STALE_TEMP_S = 60.0

Stroke = dict[str, Any]  # {"points": [[x, y, pressure], ...], "width": fraction of the paper side}


class MyDigitsError(UserError, ValueError):
    """A problem with the user's digits that the user can act on (shown as a message)."""


@dataclass(frozen=True)
class PersonalDigit:
    """One digit of the user's hand, as it was read."""

    id: str
    label: int  # what the user says it is
    image28: np.ndarray = field(repr=False)  # uint8 (28, 28), white on black: what the model saw
    predicted: int | None = None  # what the model read (None: unknown, e.g. imported)
    model: str = ""  # the model that read it (a file stem such as classifier-convnet)
    created: str = ""  # ISO 8601, UTC
    source: str = "drawn"  # drawn, image, imported, generated
    strokes: tuple[Stroke, ...] | None = field(default=None, repr=False)

    @property
    def misread(self) -> bool:
        return self.predicted is not None and self.predicted != self.label

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "id": self.id,
            "label": self.label,
            "predicted": self.predicted,
            "model": self.model,
            "created": self.created,
            "source": self.source,
            "image28": base64.b64encode(self.image28.tobytes()).decode("ascii"),
            "strokes": list(self.strokes) if self.strokes is not None else None,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> PersonalDigit:
        if obj.get("format") != FORMAT:
            raise MyDigitsError("not an mnist-desk digit file")
        pixels = np.frombuffer(base64.b64decode(obj["image28"]), np.uint8)
        if pixels.size != 28 * 28:
            raise MyDigitsError(f"its image has {pixels.size} pixels, not 784")
        return cls(
            id=str(obj["id"]),
            label=check_label(obj["label"]),
            image28=pixels.reshape(28, 28).copy(),
            predicted=None if obj.get("predicted") is None else check_label(obj["predicted"]),
            model=str(obj.get("model") or ""),
            created=str(obj.get("created") or ""),
            source=str(obj.get("source") or "drawn"),
            strokes=None if obj.get("strokes") is None else tuple(obj["strokes"]),
        )

    def summary(self) -> dict[str, Any]:
        """Everything but the pixels and strokes (for listings)."""
        return {
            "id": self.id,
            "label": self.label,
            "predicted": self.predicted,
            "misread": self.misread,
            "model": self.model,
            "created": self.created,
            "source": self.source,
            "has_strokes": self.strokes is not None,
        }


def check_label(value: Any) -> int:
    """A digit label 0..9, or MyDigitsError."""
    try:
        label = int(value)
    except (TypeError, ValueError):
        raise MyDigitsError(f"{value!r} is not a digit label (0-9)") from None
    if not 0 <= label <= 9 or str(value).strip() not in (str(label), f"{label}.0"):
        raise MyDigitsError(f"{value!r} is not a digit label (0-9)")
    return label


def check_image28(image: np.ndarray) -> np.ndarray:
    image = np.asarray(image)
    if image.shape != (28, 28):
        raise MyDigitsError(f"a digit's model input must be 28x28, got {image.shape}")
    if image.dtype != np.uint8:
        image = np.clip(np.round(image), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(image)


def new_id(when: datetime | None = None) -> str:
    """Sortable by time, unique across processes: 20261124-051900-123456-a1b2c3."""
    when = when or datetime.now(timezone.utc)
    return f"{when:%Y%m%d-%H%M%S-%f}-{secrets.token_hex(3)}"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def strokes_to_json(strokes: Iterable[Any]) -> tuple[Stroke, ...]:
    """Canvas strokes (objects with ``points`` and ``width``, or dicts) -> plain JSON values."""
    out = []
    for s in strokes:
        points = s["points"] if isinstance(s, dict) else s.points
        width = s["width"] if isinstance(s, dict) else s.width
        out.append(
            {
                "points": [[round(float(v), 5) for v in p] for p in points],
                "width": round(float(width), 5),
            }
        )
    return tuple(out)


class MyDigitsStore:
    """The user's digits on disk, one file each, and in memory for listing.

    Every change is written through at once (atomically); ``reload()`` re-reads the folder (e.g.
    after another process, the CLI, imported digits).
    """

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = resolve_my_digits_dir(folder)
        self.items_dir = self.folder / "items"
        self.problems: list[str] = []  # files that could not be read, with why
        self._items: dict[str, PersonalDigit] = {}
        self.removed_temp_files = self.clean_stale_temp_files()
        self.reload()

    # ---- reading ----------------------------------------------------------------------

    def clean_stale_temp_files(self, older_than_s: float = STALE_TEMP_S) -> int:
        """Remove temp files left by a writer that died; returns how many were removed."""
        if not self.items_dir.is_dir():
            return 0
        removed = 0
        cutoff = time.time() - older_than_s
        for tmp in self.items_dir.glob(".*.tmp"):
            try:
                if tmp.stat().st_mtime <= cutoff:
                    tmp.unlink()
                    removed += 1
            except OSError:
                pass  # another process removed or finished it meanwhile
        return removed

    def reload(self) -> None:
        self._items.clear()
        self.problems = []
        if not self.items_dir.is_dir():
            return
        for path in sorted(self.items_dir.glob(f"*{ITEM_SUFFIX}")):
            try:
                item = PersonalDigit.from_json(json.loads(path.read_text()))
            except (OSError, ValueError, KeyError, TypeError) as e:
                self.problems.append(f"{path.name}: {e}")
                continue
            self._items[item.id] = item

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._items

    def items(self, label: int | None = None, misread_only: bool = False) -> list[PersonalDigit]:
        """Oldest first; optionally one digit only, or only those the model misread."""
        chosen = sorted(self._items.values(), key=lambda d: d.id)
        if label is not None:
            chosen = [d for d in chosen if d.label == label]
        if misread_only:
            chosen = [d for d in chosen if d.misread]
        return chosen

    def get(self, item_id: str) -> PersonalDigit:
        try:
            return self._items[item_id]
        except KeyError:
            raise MyDigitsError(f"no digit with id {item_id!r} in {self.folder}") from None

    def counts(self) -> list[int]:
        """How many digits of each label 0..9."""
        counts = [0] * 10
        for d in self._items.values():
            counts[d.label] += 1
        return counts

    def misread_count(self) -> int:
        return sum(d.misread for d in self._items.values())

    def find_image(self, image28: np.ndarray) -> PersonalDigit | None:
        """A stored digit with exactly these pixels, if any (for duplicate detection)."""
        key = check_image28(image28).tobytes()
        return next((d for d in self._items.values() if d.image28.tobytes() == key), None)

    # ---- writing ----------------------------------------------------------------------

    def _path(self, item_id: str) -> Path:
        return self.items_dir / f"{item_id}{ITEM_SUFFIX}"

    def _write(self, item: PersonalDigit) -> None:
        data = (json.dumps(item.to_json(), separators=(",", ":")) + "\n").encode()
        atomic_write_bytes(self._path(item.id), data)
        self._items[item.id] = item

    def add(
        self,
        image28: np.ndarray,
        label: int,
        *,
        predicted: int | None = None,
        model: str = "",
        strokes: Iterable[Any] | None = None,
        source: str = "drawn",
        created: str | None = None,
    ) -> PersonalDigit:
        """Save a new digit (on disk before this returns) and return it."""
        item = PersonalDigit(
            id=new_id(),
            label=check_label(label),
            image28=check_image28(image28),
            predicted=None if predicted is None else check_label(predicted),
            model=model,
            created=created or now_iso(),
            source=source,
            strokes=None if strokes is None else strokes_to_json(strokes),
        )
        self._write(item)
        return item

    def relabel(self, item_id: str, label: int) -> PersonalDigit:
        item = replace(self.get(item_id), label=check_label(label))
        self._write(item)
        return item

    def delete(self, item_id: str) -> PersonalDigit:
        """Remove a digit; returns it (so a caller can offer to put it back with ``restore``)."""
        item = self.get(item_id)
        self._path(item_id).unlink(missing_ok=True)
        del self._items[item_id]
        return item

    def restore(self, item: PersonalDigit) -> None:
        """Put back a digit removed by ``delete`` (same id)."""
        self._write(item)

    def delete_many(self, item_ids: Sequence[str]) -> int:
        return sum(1 for i in item_ids if self.delete(i))

    # ---- for training -----------------------------------------------------------------

    def arrays(self, items: Sequence[PersonalDigit] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(uint8 (N, 28, 28) images, int64 (N,) labels) of ``items`` (default: all)."""
        items = self.items() if items is None else items
        if not items:
            return np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.int64)
        return np.stack([d.image28 for d in items]), np.array([d.label for d in items], np.int64)

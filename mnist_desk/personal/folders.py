"""My digits to and from a folder: ``DIR/0/*.png ... DIR/9/*.png`` plus a CSV of metadata.

The folder layout lets a class pool its digits with nothing but a file manager; the CSV keeps
what a picture cannot (what the model read, which model, when, the strokes). Import takes what
it can and reports the rest: files that are not images, folders not named 0-9, duplicates,
blank pictures and an empty folder each get a line saying so.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from mnist_desk.errors import A_FILE_NOT_A_FOLDER, Phrase
from mnist_desk.personal.data import digit_count
from mnist_desk.personal.store import MyDigitsError, MyDigitsStore, check_label
from mnist_desk.support.fileio import atomic_write_bytes

METADATA_FILE = "my-digits.csv"
CSV_COLUMNS = ("file", "label", "predicted", "model", "created", "source", "id", "strokes")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".pgm"}

# What import and export report, in words the window can translate (errors.Phrase).
EXPORTED = Phrase("exported {count} to {folder} ({per_digit})")
IMPORTED = Phrase("imported {count} from {folder} ({per_digit})")
NOTHING_IMPORTED = Phrase("nothing imported from {folder}")
SKIPPED = Phrase("skipped {n}:")
SKIPPED_ONE = Phrase("  {where}: {why}")
EMPTY_FOLDER = Phrase(
    "  the folder is empty: put images in sub-folders named 0 to 9 (DIR/0/*.png ... DIR/9/*.png)"
)
NO_SUCH_FOLDER = Phrase(
    "{folder}: no such folder (expected DIR/0/*.png ... DIR/9/*.png and optionally {metadata})"
)
UNREADABLE_METADATA = Phrase("unreadable metadata, ignored ({error})")
NOT_IN_A_DIGIT_FOLDER = Phrase("not in a digit folder (0-9)")
NOT_A_DIGIT_FOLDER = Phrase("not a digit folder: folders must be named 0 to 9")
FOLDER_IN_A_DIGIT_FOLDER = Phrase("a folder inside a digit folder")
NOT_AN_IMAGE_FILE = Phrase("not an image file")
NOT_A_READABLE_IMAGE = Phrase("not a readable image ({error})")
BLANK = Phrase("blank: no digit in the picture")
DUPLICATE_OF = Phrase("duplicate of {other}")
YOUR_DIGIT = Phrase("your digit {id}")


@dataclass
class ExportReport:
    folder: Path
    written: int
    counts: list[int]

    def summary(self) -> str:
        per_digit = ", ".join(f"{d}: {n}" for d, n in enumerate(self.counts))
        return EXPORTED(count=digit_count(self.written), folder=self.folder, per_digit=per_digit)


@dataclass
class ImportReport:
    folder: Path
    imported: list[str] = field(default_factory=list)  # ids of the new digits
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path relative to DIR, why)
    counts: list[int] = field(default_factory=lambda: [0] * 10)

    @property
    def nothing_imported(self) -> bool:
        return not self.imported

    def lines(self) -> list[str]:
        """A human report: what came in, then each thing left out and why."""
        if self.imported:
            per_digit = ", ".join(f"{d}: {n}" for d, n in enumerate(self.counts) if n)
            head = IMPORTED(
                count=digit_count(len(self.imported)), folder=self.folder, per_digit=per_digit
            )
        else:
            head = NOTHING_IMPORTED(folder=self.folder)
        out = [head]
        if self.skipped:
            out.append(SKIPPED(n=len(self.skipped)))
            out += [SKIPPED_ONE(where=where, why=why) for where, why in self.skipped]
        if not self.imported and not self.skipped:
            out.append(EMPTY_FOLDER())
        return out


def encode_png(image28: np.ndarray) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.asarray(image28, np.uint8), mode="L").save(buffer, "PNG")
    return buffer.getvalue()


def export_digits(store: MyDigitsStore, folder: str | Path) -> ExportReport:
    """Write every digit as ``folder/<label>/<id>.png`` (the 28x28 model input) plus the CSV."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise MyDigitsError(A_FILE_NOT_A_FOLDER(folder=folder))
    rows = []
    for item in store.items():
        relative = f"{item.label}/{item.id}.png"
        atomic_write_bytes(folder / relative, encode_png(item.image28))
        rows.append(
            {
                "file": relative,
                "label": item.label,
                "predicted": "" if item.predicted is None else item.predicted,
                "model": item.model,
                "created": item.created,
                "source": item.source,
                "id": item.id,
                "strokes": "" if item.strokes is None else json.dumps(list(item.strokes)),
            }
        )
    text = io.StringIO()
    writer = csv.DictWriter(text, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_bytes(folder / METADATA_FILE, text.getvalue().encode())
    return ExportReport(folder, len(rows), store.counts())


def _read_metadata(folder: Path, report: ImportReport) -> dict[str, dict[str, str]]:
    """CSV rows by file path (as written by export); a broken CSV is reported, not fatal."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        report.skipped.append((METADATA_FILE, UNREADABLE_METADATA(error=e)))
        return {}
    return {row["file"].replace("\\", "/"): row for row in rows if row.get("file")}


def image_to_input(path: Path) -> np.ndarray | None:
    """An image file -> the 28x28 model input; None when blank. ValueError if not an image.

    A 28x28 light-on-dark picture is taken as a model input already (that is what export writes);
    anything else (a photo, a scan, a canvas saved as PNG) goes through the app's preprocessing.
    """
    from mnist_desk.imaging.drawn import to_grey
    from mnist_desk.imaging.image_files import load_image
    from mnist_desk.imaging.pictures import preprocess

    image = load_image(path)
    grey = np.round(to_grey(image) * 255).astype(np.uint8)
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    if grey.shape == (28, 28) and np.median(border) < 128:
        return grey if grey.max() > 25 else None
    return preprocess(image).image28


def _optional_label(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        return check_label(value)
    except MyDigitsError:
        return None


def import_digits(store: MyDigitsStore, folder: str | Path) -> ImportReport:
    """Add every readable, new digit image under ``folder/0`` ... ``folder/9`` to the store."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise MyDigitsError(NO_SUCH_FOLDER(folder=folder, metadata=METADATA_FILE))
    report = ImportReport(folder)
    metadata = _read_metadata(folder, report)
    seen: dict[bytes, str] = {d.image28.tobytes(): YOUR_DIGIT(id=d.id) for d in store.items()}
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if entry.is_file():
            if name != METADATA_FILE:
                report.skipped.append((name, NOT_IN_A_DIGIT_FOLDER()))
            continue
        if not entry.is_dir() or name not in {str(d) for d in range(10)}:
            report.skipped.append((f"{name}/", NOT_A_DIGIT_FOLDER()))
            continue
        label = int(name)
        for path in sorted(entry.iterdir()):
            relative = f"{name}/{path.name}"
            if path.is_dir():
                report.skipped.append((relative + "/", FOLDER_IN_A_DIGIT_FOLDER()))
                continue
            if path.name.startswith(".") or path.suffix.lower() not in IMAGE_SUFFIXES:
                report.skipped.append((relative, NOT_AN_IMAGE_FILE()))
                continue
            try:
                image28 = image_to_input(path)
            except (OSError, ValueError) as e:
                report.skipped.append((relative, NOT_A_READABLE_IMAGE(error=e)))
                continue
            if image28 is None:
                report.skipped.append((relative, BLANK()))
                continue
            key = image28.tobytes()
            if key in seen:
                report.skipped.append((relative, DUPLICATE_OF(other=seen[key])))
                continue
            meta = metadata.get(relative, {})
            strokes = None
            if meta.get("strokes"):
                try:
                    strokes = json.loads(meta["strokes"])
                except ValueError:
                    strokes = None
            item = store.add(
                image28,
                label,
                predicted=_optional_label(meta.get("predicted")),
                model=meta.get("model") or "",
                strokes=strokes,
                source=meta.get("source") or "imported",
                created=meta.get("created") or None,
            )
            seen[key] = relative
            report.imported.append(item.id)
            report.counts[label] += 1
    return report

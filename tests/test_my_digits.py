"""My digits: the store on disk, import/export through a folder, and the CLI on top of them."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mnist_desk.cli.main import main
from mnist_desk.personal.folders import METADATA_FILE, encode_png, export_digits, import_digits
from mnist_desk.personal.store import MyDigitsError, MyDigitsStore
from tests.support import mnist_test_digits


@pytest.fixture
def digits():
    images, labels = mnist_test_digits(40)
    return images, labels


@pytest.fixture
def store(tmp_path):
    return MyDigitsStore(tmp_path / "mine")


def fill(store, images, labels, n=20):
    for i in range(n):
        predicted = int(labels[i]) if i % 4 else (int(labels[i]) + 1) % 10
        strokes = [{"points": [[0.2, 0.3, 1.0], [0.5, 0.6, 0.8]], "width": 0.08}] if i % 2 else None
        store.add(images[i], int(labels[i]), predicted=predicted, model="m", strokes=strokes)


def test_a_digit_is_on_disk_with_everything_about_it_as_soon_as_add_returns(store, digits):
    images, labels = digits
    strokes = [{"points": [[0.1, 0.2, 1.0], [0.3, 0.4, 0.5]], "width": 0.07}]
    item = store.add(images[0], 3, predicted=5, model="classifier-convnet", strokes=strokes)
    again = MyDigitsStore(store.folder).get(item.id)  # a fresh process would see this
    assert again.label == 3 and again.predicted == 5 and again.misread
    assert again.model == "classifier-convnet" and again.created and again.source == "drawn"
    assert np.array_equal(again.image28, images[0])
    assert again.strokes == tuple(strokes)


def test_relabel_delete_restore_and_counts(store, digits):
    images, labels = digits
    fill(store, images, labels, 12)
    first = store.items()[0]
    counts = store.counts()
    store.relabel(first.id, (first.label + 1) % 10)
    reopened = MyDigitsStore(store.folder)
    assert reopened.get(first.id).label == (first.label + 1) % 10
    removed = store.delete(first.id)
    assert first.id not in MyDigitsStore(store.folder) and len(store) == 11
    store.restore(removed)
    assert MyDigitsStore(store.folder).get(first.id).label == (first.label + 1) % 10
    assert sum(store.counts()) == sum(counts) == 12
    assert [d.misread for d in store.items(misread_only=True)] == [True] * store.misread_count()
    with pytest.raises(MyDigitsError):
        store.relabel(first.id, 10)
    with pytest.raises(MyDigitsError):
        store.get("no-such-id")


def test_stale_temp_files_are_removed_on_open_and_broken_files_reported(store, digits):
    images, labels = digits
    item = store.add(images[0], int(labels[0]))
    stale = store.items_dir / f".{item.id}.json.abc.tmp"
    stale.write_bytes(b'{"format": "mnist-desk-my-d')  # what a write killed midway leaves
    (store.items_dir / "broken.json").write_text("{not json")
    import os

    os.utime(stale, (0, 0))
    reopened = MyDigitsStore(store.folder)
    assert not stale.exists() and reopened.removed_temp_files == 1
    assert len(reopened) == 1 and any("broken.json" in p for p in reopened.problems)


def test_export_then_import_keeps_images_labels_and_metadata(store, tmp_path, digits):
    images, labels = digits
    fill(store, images, labels, 20)
    report = export_digits(store, tmp_path / "out")
    assert report.written == 20
    assert (tmp_path / "out" / METADATA_FILE).is_file()
    other = MyDigitsStore(tmp_path / "other")
    imported = import_digits(other, tmp_path / "out")
    assert len(imported.imported) == 20 and not imported.skipped
    key = lambda d: d.image28.tobytes()  # noqa: E731
    before = {key(d): d for d in store.items()}
    for d in other.items():
        original = before[key(d)]
        assert (d.label, d.predicted, d.model, d.created, d.strokes) == (
            original.label,
            original.predicted,
            original.model,
            original.created,
            original.strokes,
        )
    assert other.counts() == store.counts()
    again = import_digits(other, tmp_path / "out")  # everything is a duplicate now
    assert again.nothing_imported and len(again.skipped) == 20
    assert all("duplicate" in why for _, why in again.skipped)


def test_a_broken_import_folder_imports_what_it_can_and_reports_the_rest(store, tmp_path, digits):
    images, labels = digits
    src = tmp_path / "class-pool"
    (src / "3").mkdir(parents=True)
    (src / "7").mkdir()
    (src / "seven").mkdir()
    (src / "12").mkdir()
    (src / "3" / "a.png").write_bytes(encode_png(images[0]))
    (src / "3" / "same-as-a.png").write_bytes(encode_png(images[0]))
    (src / "3" / "notes.txt").write_text("hello")
    (src / "3" / "fake.png").write_text("not really a png")
    (src / "7" / "b.png").write_bytes(encode_png(images[1]))
    (src / "7" / "blank.png").write_bytes(encode_png(np.zeros((28, 28), np.uint8)))
    (src / "seven" / "c.png").write_bytes(encode_png(images[2]))
    (src / "loose.png").write_bytes(encode_png(images[3]))
    (src / METADATA_FILE).write_bytes(b"\xff\xfe garbage")
    # a white-on-black photo-like picture of another size goes through preprocessing
    big = np.kron(images[4], np.ones((5, 5), np.uint8))
    (src / "7" / "big.png").write_bytes(encode_png(big))
    report = import_digits(store, src)
    assert len(report.imported) == 3 and report.counts[3] == 1 and report.counts[7] == 2
    reasons = dict(report.skipped)
    assert "duplicate" in reasons["3/same-as-a.png"]
    assert reasons["3/notes.txt"] == "not an image file"
    assert "not a readable image" in reasons["3/fake.png"]
    assert "blank" in reasons["7/blank.png"]
    assert "folders must be named 0 to 9" in reasons["seven/"]
    assert "folders must be named 0 to 9" in reasons["12/"]
    assert "not in a digit folder" in reasons["loose.png"]
    assert "unreadable metadata" in reasons[METADATA_FILE]
    text = "\n".join(report.lines())
    assert "imported 3 digits" in text and "skipped 8" in text


def test_an_empty_or_missing_import_folder_says_what_is_expected(store, tmp_path):
    (tmp_path / "empty").mkdir()
    report = import_digits(store, tmp_path / "empty")
    assert report.nothing_imported and "sub-folders named 0 to 9" in "\n".join(report.lines())
    with pytest.raises(MyDigitsError, match="no such folder"):
        import_digits(store, tmp_path / "absent")


def test_cli_list_import_export(tmp_path, monkeypatch, capsys, digits):
    images, labels = digits
    monkeypatch.setenv("MNIST_DESK_MY_DIGITS", str(tmp_path / "cli-store"))
    src = MyDigitsStore(tmp_path / "src")
    fill(src, images, labels, 10)
    export_digits(src, tmp_path / "pool")
    assert main(["my-digits", "import", str(tmp_path / "pool")]) == 0
    assert "imported 10 digits" in capsys.readouterr().out
    assert main(["my-digits", "list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert listing["count"] == 10 and listing["counts"] == src.counts()
    assert listing["misread"] == src.misread_count() == 3
    assert {d["label"] for d in listing["digits"]} == {int(v) for v in labels[:10]}
    assert main(["my-digits", "list", "--misread"]) == 0
    assert "10 digits in" in (out := capsys.readouterr().out) and "misread by their model: 3" in out
    assert main(["my-digits", "export", str(tmp_path / "again")]) == 0
    assert "exported 10 digits" in capsys.readouterr().out
    assert len(list((tmp_path / "again").glob("*/*.png"))) == 10
    assert main(["my-digits", "import", str(tmp_path / "again")]) == 1  # all duplicates
    assert "nothing imported" in capsys.readouterr().out
    assert main(["my-digits", "import", str(tmp_path / "nowhere")]) == 1
    assert "no such folder" in capsys.readouterr().err

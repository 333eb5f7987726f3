import pytest
import torch

from mnist_desk.data import mnist as mdata
from mnist_desk.models import SCRATCH
from mnist_desk.training import TaskData, TrainingSettings
from tests.support import shared_data_dir


@pytest.fixture(scope="module")
def splits():
    return mdata.load_splits(shared_data_dir())


def test_split_sizes_and_shapes(splits):
    assert len(splits.train) == 50_000 and len(splits.val) == 10_000 and len(splits.test) == 10_000
    assert splits.train.images.shape == (50_000, 1, 28, 28)
    assert splits.train.images.dtype == torch.float32
    # normalised with MNIST's statistics: the training mean is about 0, its std about 1
    assert abs(splits.train.images.mean().item()) < 0.05
    assert abs(splits.train.images.std().item() - 1) < 0.05


def test_train_and_validation_are_disjoint_and_cover_the_official_training_set():
    train_idx, val_idx = mdata.split_indices()
    assert len(set(train_idx.tolist()) & set(val_idx.tolist())) == 0
    assert sorted(train_idx.tolist() + val_idx.tolist()) == list(range(60_000))


def test_split_is_reproducible():
    first, second = mdata.split_indices(), mdata.split_indices()
    assert torch.equal(first[0], second[0]) and torch.equal(first[1], second[1])


def test_validation_labels_are_balanced_enough(splits):
    counts = torch.bincount(splits.val.labels, minlength=10)
    assert counts.min() > 800 and counts.max() < 1300  # a random 10k of MNIST, ~1000 per class


def test_fixed_pairs_are_labelled_with_the_sum_and_built_from_that_split(splits):
    images, sums = mdata.fixed_pairs(splits.test, 500)
    idx = mdata.random_pairs(len(splits.test), 500, torch.Generator().manual_seed(mdata.PAIR_SEED))
    assert images.shape == (500, 2, 1, 28, 28)
    assert torch.equal(sums, splits.test.labels[idx].sum(1))
    assert torch.equal(images, splits.test.images[idx])
    assert sums.min() >= 0 and sums.max() <= 18
    again_images, again_sums = mdata.fixed_pairs(splits.test, 500)
    assert torch.equal(again_sums, sums) and torch.equal(again_images, images)


def test_training_pairs_are_redrawn_every_epoch():
    settings = TrainingSettings(
        task=SCRATCH, train_subset=1000, val_subset=100, test_subset=100, augment=False
    )
    task = TaskData(settings, mdata.load_splits(shared_data_dir()), torch.device("cpu"))
    first = next(task.epoch_batches(64))
    second = next(task.epoch_batches(64))
    assert first[0].shape == (64, 2, 1, 28, 28)
    assert not torch.equal(first[0], second[0])
    # the sum label matches the two digits: check through the digit labels of the subset
    assert first[1].min() >= 0 and first[1].max() <= 18


def test_random_affine_keeps_shape_and_background(splits):
    batch = splits.test.images[:32]
    out = mdata.random_affine(batch, torch.Generator().manual_seed(0))
    assert out.shape == batch.shape
    background = -mdata.MEAN / mdata.STD
    assert torch.allclose(out[:, :, 0, 0], torch.full((32, 1), background), atol=1e-4)
    assert not torch.allclose(out, batch)
    identity = mdata.random_affine(batch, degrees=0, translate=0, scale=(1, 1))
    assert torch.allclose(identity, batch, atol=1e-4)


def test_missing_data_gives_instructions_without_downloading(tmp_path):
    with pytest.raises(mdata.DataUnavailableError) as info:
        mdata.load_splits(tmp_path / "nowhere", download=False)
    message = str(info.value)
    assert str(tmp_path / "nowhere" / "MNIST" / "raw") in message
    assert (
        "train-images-idx3-ubyte" in message
        and "--data-dir" in message
        and "MNIST_DESK_DATA" in message
    )


def test_data_dir_resolution_order(monkeypatch, tmp_path):
    from mnist_desk.support.config import resolve_data_dir

    monkeypatch.setenv("MNIST_DESK_DATA", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("MNIST_DESK_DATA")
    assert resolve_data_dir(None).name == "data"


def test_normalising_in_place_gives_the_same_bits_as_the_formula():
    images = torch.randint(0, 256, (64, 28, 28), dtype=torch.uint8)
    expected = ((images.float() / 255.0 - mdata.MEAN) / mdata.STD).unsqueeze(1)
    normalised = mdata.normalize_uint8(images)
    assert normalised.shape == (64, 1, 28, 28)
    assert torch.equal(normalised, expected)
    assert images.dtype == torch.uint8  # the raw images are left as they were


@pytest.mark.parametrize(
    ("share", "drawn"),
    [(1.0, list(range(16))), (0.5, [1, 3, 5, 7, 9, 11, 13, 15]), (0.25, [3, 7, 11, 15])],
)
def test_the_drawn_augmentation_takes_its_share_of_the_batches(splits, share, drawn):
    """With ``drawn_share`` s, that share of the batches, spread evenly, is drawn-augmented; the
    others pass as they are (no affine augmentation asked for): 16 batches of 64 here."""
    settings = TrainingSettings(
        train_subset=1024, augment=False, aug_drawn=True, drawn_share=share, seed=3
    )
    task = TaskData(settings, splits, torch.device("cpu"))
    train = splits.train.images[:1024].flatten(1)
    untouched = [
        all(bool((train == image.flatten()).all(1).any()) for image in images)
        for images, _ in task.epoch_batches(64)
    ]
    assert [k for k, same in enumerate(untouched) if not same] == drawn


def test_the_drawn_augmentation_runs_on_one_thread_with_the_same_pixels(splits, monkeypatch):
    """It runs on one thread (faster) whatever the run's count, which it leaves as it was, and
    gives the pixels a two-thread run of the same seed gives."""
    from mnist_desk.data import drawn

    settings = TrainingSettings(train_subset=256, augment=False, aug_drawn=True, seed=3)
    before = torch.get_num_threads()
    seen, threads_inside = [], set()
    augment = drawn.drawn_augment_like

    def counting(*args, **kwargs):
        threads_inside.add(torch.get_num_threads())
        return augment(*args, **kwargs)

    monkeypatch.setattr(drawn, "drawn_augment_like", counting)
    try:
        for threads in (2, 1):
            torch.set_num_threads(threads)
            task = TaskData(settings, splits, torch.device("cpu"))
            seen.append([images for images, _ in task.epoch_batches(64)])
            assert torch.get_num_threads() == threads
    finally:
        torch.set_num_threads(before)
    assert all(torch.equal(a, b) for a, b in zip(*seen, strict=True))
    assert threads_inside == {1}


def test_a_drawn_share_outside_zero_to_one_is_refused():
    from mnist_desk.errors import SettingsError

    for share in (0.0, 1.5):
        with pytest.raises(SettingsError, match="share"):
            TrainingSettings(aug_drawn=True, drawn_share=share).validate()


@pytest.mark.parametrize("download", [False, True])
def test_a_data_folder_that_is_a_file_is_named_as_such(tmp_path, download):
    """--data-dir (or MNIST_DESK_DATA) naming a file said "MNIST was not found in FILE/MNIST/raw"
    and to place the four files there, which cannot be done; with the download allowed the
    download was refused for "a file in the way". It says the data folder is a file."""
    afile = tmp_path / "mnist.tar"
    afile.write_bytes(b"not a folder")
    with pytest.raises(mdata.DataUnavailableError) as info:
        mdata.load_splits(afile, download=download)
    message = str(info.value)
    assert message.startswith(f"The data folder {afile} is a file, not a folder: ")
    assert "place the four files" not in message and "File > MNIST Data Folder" in message

import os
import pickle

import pytest
import torch

from mnist_desk.models import CLASSIFIER, build_model
from mnist_desk.store.checkpoints import (
    CheckpointError,
    load_checkpoint,
    make_meta,
    save_checkpoint,
)
from mnist_desk.support.fileio import atomic_write


def _saved(tmp_path, arch="mlp"):
    torch.manual_seed(0)
    model = build_model(CLASSIFIER, arch).eval()
    path = save_checkpoint(
        tmp_path / "m.pt",
        model,
        make_meta(CLASSIFIER, arch, metrics={"test_accuracy": 0.5}, seed=3),
    )
    return model, path


def test_round_trip_gives_the_same_model_and_metadata(tmp_path):
    model, path = _saved(tmp_path)
    ckpt = load_checkpoint(path)
    assert (ckpt.task, ckpt.arch, ckpt.test_accuracy, ckpt.meta["seed"]) == (
        CLASSIFIER,
        "mlp",
        0.5,
        3,
    )
    assert {"torch", "numpy", "mnist_desk"} <= set(ckpt.meta["versions"])
    assert ckpt.meta["normalization"]["mean"] == pytest.approx(0.1307)
    x = torch.randn(5, 1, 28, 28)
    assert torch.allclose(ckpt.build()(x), model(x))


def test_truncated_file_is_refused_with_its_name(tmp_path):
    _, path = _saved(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match="was cut short") as info:
        load_checkpoint(path)
    assert str(path) in str(info.value)


def test_garbage_bytes_are_refused(tmp_path):
    path = tmp_path / "garbage.pt"
    path.write_bytes(os.urandom(1000))
    with pytest.raises(CheckpointError, match=r"garbage\.pt"):
        load_checkpoint(path)


def test_foreign_pytorch_file_is_refused(tmp_path):
    path = tmp_path / "foreign.pt"
    torch.save({"weight": torch.zeros(3)}, path)
    with pytest.raises(CheckpointError, match="not an mnist-desk checkpoint"):
        load_checkpoint(path)


class _Exploit:
    def __reduce__(self):
        return (os.system, (f"touch {os.environ['EXPLOIT_MARKER']}",))


# torch remarks on the attacker's pickle protocol before refusing the file: expected here
@pytest.mark.filterwarnings("ignore:Detected pickle protocol:UserWarning")
def test_a_pickle_carrying_code_is_refused_and_never_runs(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    monkeypatch.setenv("EXPLOIT_MARKER", str(marker))
    path = tmp_path / "evil.pt"
    torch.save({"format": "mnist-desk-checkpoint", "payload": _Exploit()}, path)
    with pytest.raises(CheckpointError, match="refused"):
        load_checkpoint(path)
    assert not marker.exists()
    # and a plain pickle (not a torch zip) is refused too
    plain = tmp_path / "plain.pt"
    plain.write_bytes(pickle.dumps(_Exploit()))
    with pytest.raises(CheckpointError):
        load_checkpoint(plain)
    assert not marker.exists()


def test_weights_that_do_not_fit_the_declared_arch_are_refused(tmp_path):
    model = build_model(CLASSIFIER, "mlp")
    path = save_checkpoint(tmp_path / "liar.pt", model, make_meta(CLASSIFIER, "lenet5"))
    with pytest.raises(CheckpointError, match="do not fit a classifier/lenet5 model"):
        load_checkpoint(path).build()


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CheckpointError, match="no such checkpoint"):
        load_checkpoint(tmp_path / "absent.pt")


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "keep.bin"
    target.write_bytes(b"old")

    def explode(f):
        f.write(b"partial")
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(target, explode)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.bin"]

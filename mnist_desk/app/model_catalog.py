"""What can be chosen: the catalog of models, tasks, architectures and devices, read once.

``read_catalog`` is the one catalog reader (the window's model picker, the Models tab and the
Train tab's form all take their choices from it); it imports torch, so a worker runs it. Reading
the ``ModelCatalog`` it returns, and the English titles views translate, need no torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mnist_desk.store.names import is_file_reference

if TYPE_CHECKING:  # torch-backed core types; imported at run time by the worker only
    from mnist_desk.store.catalog import ModelEntry
    from mnist_desk.support.devices import DeviceInfo


def english_task_title(task: str) -> str:
    """The task's title in English (the core's ``TASK_TITLES``); views translate it."""
    from mnist_desk.models import TASK_TITLES

    return TASK_TITLES.get(task, task)


def english_arch_title(task: str | None, arch: str) -> str:
    """The architecture's title in English (the core's registry); views translate it. Without a
    task, a classifier's title first, then a scratch adder's."""
    from mnist_desk.models import CLASSIFIER, SCRATCH, arch_info

    for where in (task,) if task else (CLASSIFIER, SCRATCH):
        info = arch_info(where, arch)
        if info is not None:
            return info.title
    return arch


def same_path(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name the same file (as written, where it cannot be resolved)."""
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return str(a) == str(b)


@dataclass
class ModelCatalog:
    """What can be chosen: tasks, architectures, checkpoints and devices (one reading)."""

    tasks: list[tuple[str, str]] = field(default_factory=list)  # (task, title)
    archs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # task -> (arch, title)
    preferred: dict[str, str] = field(default_factory=dict)  # task -> its default architecture
    models: list[ModelEntry] = field(default_factory=list)  # shipped first, then the user's
    devices: list[DeviceInfo] = field(default_factory=list)
    cuda_reason: str = ""  # why CUDA is unusable ("" when a CUDA device is listed)
    default_path: str = ""  # the shipped default classifier
    error: str = ""  # set when the catalog could not be read

    def readable(self, task: str | None = None, arch: str | None = None) -> list[ModelEntry]:
        """The checkpoints that can be loaded, for ``task`` (and ``arch``) if given."""
        return [
            m
            for m in self.models
            if m.readable and (task is None or m.task == task) and (arch is None or m.arch == arch)
        ]

    def entry_for(self, path: str | Path) -> ModelEntry | None:
        return next((m for m in self.models if same_path(m.path, path)), None)

    def path_of(self, name_or_path: str) -> str:
        """The checkpoint ``name_or_path`` refers to, as ``--model`` resolves it
        (``store.names.find_model_file``, here among the models listed): "" when none."""
        if is_file_reference(name_or_path):
            return name_or_path if Path(name_or_path).is_file() else ""
        entry = next((m for m in self.models if m.name == name_or_path), None)
        return str(entry.path) if entry is not None else ""


def read_catalog(models_dir: str | Path | None, cpu_threads: int | None = None) -> ModelCatalog:
    """The shipped and user models, the tasks and architectures, the devices (imports torch):
    the one catalog reader. ``cpu_threads``: the threads work on the CPU will use (the CPU's
    title names them; default: this thread's torch count)."""
    from mnist_desk.models import TASKS, archs_for, default_arch
    from mnist_desk.store.catalog import default_classifier_path, list_models
    from mnist_desk.support.devices import cuda_unavailable_reason, list_devices

    devices = list_devices(cpu_threads=cpu_threads)
    has_cuda = any(d.name.startswith("cuda") for d in devices)
    return ModelCatalog(
        tasks=[(t, english_task_title(t)) for t in TASKS],
        archs={task: [(a, english_arch_title(task, a)) for a in archs_for(task)] for task in TASKS},
        preferred={task: default_arch(task) for task in TASKS},
        models=list_models(models_dir or None),
        devices=devices,
        cuda_reason="" if has_cuda else cuda_unavailable_reason(),
        default_path=str(default_classifier_path()),
    )


def device_name(device: str) -> str:
    """The name the device pickers list ("cuda" is "cuda:0")."""
    return "cuda:0" if device == "cuda" else device

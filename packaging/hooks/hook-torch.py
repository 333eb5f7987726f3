"""torch for mnist-desk; takes priority over the hook in pyinstaller-hooks-contrib.

Differences: submodules in bundle_rules' excluded packages are not collected (faster analysis),
and headers, CMake files and build tools are not collected as data. The CUDA libraries of the nvidia-*
wheels are collected by the spec (torch links to some and dlopens others).
"""

import os

from bundle_rules import active_exclusions, is_dropped_file, is_excluded_module
from PyInstaller.utils.hooks import (
    PY_DYLIB_PATTERNS,
    collect_data_files,
    collect_dynamic_libs,
    collect_submodules,
)

# torch.jit, torch.library and friends read Python source with inspect: keep .py next to .pyc.
module_collection_mode = "pyz+py"
warn_on_missing_hiddenimports = False

# Deprecated aliases that only warn when imported; whatever uses them imports them statically.
_deprecated_aliases = [
    "torch.distributed._sharded_tensor",
    "torch.distributed._sharding_spec",
    "torch.distributed._shard.checkpoint",
]
_excluded = active_exclusions() + _deprecated_aliases
hiddenimports = collect_submodules(
    "torch",
    filter=lambda name: not is_excluded_module(name, _excluded),
    on_error="ignore",
)
datas = [
    (src, dest)
    for src, dest in collect_data_files("torch", excludes=["**/*.h", "**/*.hpp", "**/*.cuh"])
    if not is_dropped_file(f"{dest}/{os.path.basename(src)}")
]
binaries = collect_dynamic_libs("torch", search_patterns=[*PY_DYLIB_PATTERNS, "*.so.*"])

# torch/lib must stay a real directory: symlinks to it in the top-level directory confuse torch's
# search for its own dlopen-ed libraries.
bindepend_symlink_suppression = ["**/torch/lib/*.so*"]

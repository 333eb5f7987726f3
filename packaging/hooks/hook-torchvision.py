"""torchvision for mnist-desk; takes priority over the hook in pyinstaller-hooks-contrib.

torchvision's compiled operators (nms, roi_align, ... and image decoding) live in libraries it
loads with torch.ops.load_library: ``_C.so``/``image.so`` in older releases, ``_C_stable.so`` and
``image_stable.so`` since the stable-ABI builds. Nothing imports them, so the contributed hook
(which names ``torchvision._C``) misses the new names and the frozen app fails with
"operator torchvision::nms does not exist". Collect whatever extension libraries are there.
"""

import glob
import os

from PyInstaller.utils.hooks import get_package_paths

module_collection_mode = "pyz+py"

_, _package_dir = get_package_paths("torchvision")
binaries = [
    (path, "torchvision")
    for pattern in ("*.so", "*.pyd", "*.dylib")
    for path in sorted(glob.glob(os.path.join(_package_dir, pattern)))
]

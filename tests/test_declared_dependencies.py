"""Every third-party package the app imports is declared in pyproject.toml's dependencies."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions

import pytest

from tests.support import REPO


def imported_top_level_modules() -> set[str]:
    names = set()
    for path in (REPO / "mnist_desk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"mnist_desk", "__future__"}


# Extras the app itself imports, each only where the feature needs it (ONNX export).
RUNTIME_EXTRAS = ("export",)


def declared_distributions() -> set[str]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    deps = list(project["dependencies"])
    for extra in RUNTIME_EXTRAS:
        deps += project["optional-dependencies"][extra]
    names = {re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0] for dep in deps}
    return {name.lower().replace("_", "-") for name in names}


def test_every_imported_package_is_declared():
    distributions = packages_distributions()
    declared = declared_distributions()
    undeclared = {}
    for module in imported_top_level_modules():
        providers = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        if not providers & declared:
            undeclared[module] = sorted(providers)
    assert undeclared == {}

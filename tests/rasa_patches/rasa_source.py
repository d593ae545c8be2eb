"""The Rasa code our patches replace or rely on, read from Rasa's own files (never from the live objects, which the
patches may have replaced), and a check that it is still the code the patches were written against."""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from pathlib import Path

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def source_of(module: str, qualname: str) -> str:
    """The source of `qualname` (`function`, `Class` or `Class.method`) in Rasa's file of `module`; of an overloaded
    name, the last definition (the implementation)."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin, f"{module} is gone"
    text = Path(spec.origin).read_text(encoding="utf-8")
    node: ast.AST = ast.parse(text)
    for name in qualname.split("."):
        found = [n for n in ast.iter_child_nodes(node) if isinstance(n, Definition) and n.name == name]
        assert found, f"{module}.{qualname} is gone"
        node = found[-1]
    return ast.get_source_segment(text, node) or ""


def fingerprint(module: str, qualname: str) -> str:
    """The first 16 hex digits of the SHA-256 of `source_of`."""
    return hashlib.sha256(source_of(module, qualname).encode("utf-8")).hexdigest()[:16]


def assert_unchanged(relied_on: dict[tuple[str, str], str], patch: str) -> None:
    """Fail, naming the patch to review, when any of this Rasa code differs from what the patch was written for."""
    changed = [
        f"{module}.{qualname}"
        for (module, qualname), digest in relied_on.items()
        if fingerprint(module, qualname) != digest
    ]
    assert not changed, (
        f"Rasa changed {changed}, which {patch} replaces or relies on: check the patch against the new code, then "
        "update the fingerprints in this test (tests/rasa_patches/rasa_source.py: fingerprint)."
    )

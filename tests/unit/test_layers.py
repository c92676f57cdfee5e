"""The layers hold: the domain imports no channel, no storage and no I/O library, feedback's domain not even its
service layer, and the dialogue knows no messenger. Read from the source (ast), so a module added later is checked
too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CHANNELS = {"bot", "web", "zalo", "text_channel", "stand_ins", "dialogue"}
OUTER = {"storage", "motcua", "delivery", "monitoring", "background", "reporting"}
IO_LIBRARIES = {"telegram", "aiohttp", "sqlalchemy", "asyncpg", "aiosqlite", "alembic", "prometheus_client", "redis"}
DOMAIN = ("feedback", "procedures_catalog", "vocabulary", "vietnamese_text")
# What each layer (a folder) may not import: a package or module and everything under it; and the modules excepted.
FORBIDDEN = {
    **{package: CHANNELS | OUTER | IO_LIBRARIES for package in DOMAIN},
    # cosmicpython's rule: the model knows nothing of the services that orchestrate it nor of their ports.
    "feedback/domain": CHANNELS | OUTER | IO_LIBRARIES | {"feedback.service_layer"},
    "dialogue": (CHANNELS - {"dialogue"}) | OUTER | IO_LIBRARIES,
}
EXCEPTED = {"dialogue": {"delivery.ports"}}  # the dialogue queues replies by the delivery's plain types


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from feedback import service_layer` imports a package as surely as `import feedback.service_layer`.
            names.update([node.module, *(f"{node.module}.{alias.name}" for alias in node.names)])
    return names


def within(name: str, modules: set[str]) -> bool:
    """Whether the module `name` is one of `modules` or under one of them."""
    return any(name == module or name.startswith(f"{module}.") for module in modules)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_outside_it_allows(package: str) -> None:
    crossings = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / package).rglob("*.py")
        for name in imported(path)
        if within(name, FORBIDDEN[package]) and not within(name, EXCEPTED.get(package, set()))
    )
    assert crossings == []

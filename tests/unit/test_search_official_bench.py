"""The official-name benchmark shortens names the way citizens do (bench/search_official.py)."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "search_official.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("search_official", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_short_name_drops_level_leading_procedure_and_trailing_qualifiers() -> None:
    short_name = _bench().short_name
    assert short_name("Thủ tục đăng ký khai sinh có yếu tố nước ngoài") == "đăng ký khai sinh có yếu tố nước ngoài"
    assert short_name("Gia hạn giấy phép thăm dò khoáng sản (cấp Bộ)") == "Gia hạn giấy phép thăm dò khoáng sản"
    assert short_name("Thủ tục giải quyết khiếu nại lần đầu tại cấp xã") == "giải quyết khiếu nại lần đầu"
    assert short_name("Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp xã") == (
        "Giải quyết tranh chấp đất đai"
    )
    assert short_name("Cấp Giấy chứng nhận cơ sở đủ điều kiện nuôi trồng thủy sản theo yêu cầu của tổ chức") == (
        "Cấp Giấy chứng nhận cơ sở đủ điều kiện nuôi trồng thủy sản"
    )


def test_queries_are_deterministic_and_expect_their_source() -> None:
    bench = _bench()
    entries = bench.load_entries()
    first = bench.build_queries(entries, 40, 7)
    assert first == bench.build_queries(entries, 40, 7)
    assert {query.kind for query in first} == set(bench.KINDS)
    assert all(query.code in query.expected for query in first)

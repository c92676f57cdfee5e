"""The citizens' portal, lookup: home, results with filters and highlighted words, a procedure's page."""

from collections.abc import AsyncIterator

import lxml.html
import pytest
from aiohttp.test_utils import TestClient, TestServer

from procedures_catalog.lessons import UnansweredGroup
from procedures_catalog.model import OnlineLevel, Procedure
from procedures_catalog.services import Catalog
from procedures_catalog.teaching import SearchTeaching
from web.app import create_app

PROCEDURES = [
    Procedure(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        level="Cấp xã",
        field="Hộ tịch",
        agency="Ủy ban nhân dân xã",
        processing_time="Ngay trong ngày",
        fees="Miễn phí",
        documents=("Tờ khai đăng ký khai sinh", "Giấy chứng sinh"),
        steps=("Nộp hồ sơ tại bộ phận một cửa",),
        legal_basis=("Luật Hộ tịch 2014",),
        online=OnlineLevel.FULL,
    ),
    Procedure(code="1.000894", name="Thủ tục đăng ký kết hôn", level="Cấp xã", field="Hộ tịch"),
    Procedure(code="3.000347", name="Đổi giấy phép lái xe", level="Cấp Bộ", field="Sát hạch, cấp giấy phép lái xe"),
    Procedure(
        code="1.012783",
        name="Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        level="Cấp tỉnh",
        field="Đất đai",
    ),
]
BROWSER = {"Accept": "text/html,application/xhtml+xml"}


@pytest.fixture
async def teaching(uow_factory) -> SearchTeaching:
    async with uow_factory() as uow:
        await uow.procedures.upsert(PROCEDURES)
        await uow.commit()
    return SearchTeaching(uow_factory, await Catalog.load(uow_factory))


@pytest.fixture
async def client(uow_factory, teaching: SearchTeaching) -> AsyncIterator[TestClient]:
    catalog = await Catalog.load(uow_factory)
    async with TestClient(TestServer(create_app(catalog, teaching=teaching))) as client:
        yield client


def page(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


async def test_the_home_page_has_the_search_box_and_the_most_asked_procedures(client: TestClient) -> None:
    response = await client.get("/")
    assert response.status == 200 and response.content_type == "text/html"
    html = page(await response.text())
    assert html.xpath('//form[@action="/thu-tuc"]//input[@name="q"]')
    links = html.xpath('//a[@href="/thu-tuc/1.001193"]')
    assert links and links[0].text_content() == "Thủ tục đăng ký khai sinh"
    assert html.get("lang") == "vi"


async def test_results_mark_the_words_the_query_matched(client: TestClient) -> None:
    html = page(await (await client.get("/thu-tuc", params={"q": "dang ky khai sinh"})).text())
    first = html.xpath('//ol[@class="results"]/li//a')[0]
    assert first.get("href") == "/thu-tuc/1.001193"
    assert [mark.text for mark in first.xpath(".//mark")] == ["đăng", "ký", "khai", "sinh"]
    assert "Thủ tục" not in [mark.text for mark in first.xpath(".//mark")]


async def test_results_use_the_engines_filters(client: TestClient) -> None:
    html = page(await (await client.get("/thu-tuc", params={"q": "dang ky", "cap": "central"})).text())
    assert not html.xpath('//a[@href="/thu-tuc/1.001193"]')
    html = page(await (await client.get("/thu-tuc", params={"q": "giay phep lai xe", "linh_vuc": "sat hach"})).text())
    assert html.xpath('//ol[@class="results"]//a[@href="/thu-tuc/3.000347"]')
    selected = page(await (await client.get("/thu-tuc", params={"q": "dang ky", "cap": "commune"})).text())
    assert selected.xpath('//select[@id="cap"]/option[@selected]')[0].get("value") == "commune"


async def test_no_good_match_says_so_and_suggests(client: TestClient) -> None:
    html = page(await (await client.get("/thu-tuc", params={"q": "giay chung nhan nuoi ca"})).text())
    assert html.xpath("//h1")[0].text_content().startswith("Chưa tìm thấy thủ tục nào khớp với")
    assert html.xpath('//h2[text()="Có phải bạn muốn tìm…"]')
    assert html.xpath('//section//a[starts-with(@href, "/thu-tuc/")]')


async def test_a_mistyped_query_is_answered_and_offered_back_spelled_right(client: TestClient) -> None:
    html = page(await (await client.get("/thu-tuc", params={"q": "dangky kethon"})).text())
    assert html.xpath('//ol[@class="results"]/li//a')[0].get("href") == "/thu-tuc/1.000894"
    offered = html.xpath('//p[@class="did-you-mean"]/a')[0]
    assert offered.text == "đăng ký kết hôn"
    assert offered.get("href") == "/thu-tuc?q=%C4%91%C4%83ng+k%C3%BD+k%E1%BA%BFt+h%C3%B4n"


async def test_a_matter_for_the_court_says_where_it_is_handled(client: TestClient) -> None:
    html = page(await (await client.get("/thu-tuc", params={"q": "thu tuc ly hon"})).text())
    assert "Tòa án nhân dân" in html.xpath('//p[@class="notice"]')[0].text_content()


async def _groups(teaching: SearchTeaching) -> list[tuple[str, int, tuple[str, ...]]]:
    groups: list[UnansweredGroup] = await teaching.unanswered()
    return [(group.key, group.count, group.channels) for group in groups]


async def test_what_the_portal_could_not_answer_is_kept_for_the_agency(
    client: TestClient, teaching: SearchTeaching
) -> None:
    await client.get("/thu-tuc", params={"q": "giay chung nhan nuoi ca"})
    await client.get("/thu-tuc", params={"q": "dang ky khai sinh"})
    await client.get("/thu-tuc", params={"q": "1.001193"})
    await client.get("/thu-tuc", params={"q": "nuoi ca", "cap": "commune"})  # the filter may be what failed
    await client.get("/thu-tuc", params={"q": "giay chung nhan nuoi ca", "trang": "2"})  # the same search, paged
    assert await _groups(teaching) == [("giay chung nhan nuoi ca", 1, ("web",))]


async def test_searching_again_from_answers_keeps_the_first_query(client: TestClient, teaching: SearchTeaching) -> None:
    html = page(await (await client.get("/thu-tuc", params={"q": "khai sinh"})).text())
    assert html.xpath('//form[@role="search"]//input[@name="truoc"]')[0].get("value") == "khai sinh"
    await client.get("/thu-tuc", params={"q": "dang ky khai sinh", "truoc": "khai sinh"})
    await client.get("/thu-tuc", params={"q": "Khai sinh", "truoc": "khai sinh"})  # the same words: a filter changed
    assert await _groups(teaching) == [("khai sinh", 1, ("web",))]
    no_answer = page(await (await client.get("/thu-tuc", params={"q": "giay chung nhan nuoi ca"})).text())
    assert not no_answer.xpath('//input[@name="truoc"]')  # already kept as unanswered


async def test_a_code_typed_in_the_search_box_opens_its_page(client: TestClient) -> None:
    response = await client.get("/thu-tuc", params={"q": "1.001193"}, allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/thu-tuc/1.001193")


async def test_the_query_is_escaped_everywhere_it_is_shown(client: TestClient) -> None:
    text = await (await client.get("/thu-tuc", params={"q": '<script>alert(1)</script> "khai sinh'})).text()
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;" in text


async def test_a_procedures_page_shows_the_card_with_open_graph_tags(client: TestClient) -> None:
    response = await client.get("/thu-tuc/1.001193")
    html = page(await response.text())
    assert html.xpath("//h1")[0].text == "Thủ tục đăng ký khai sinh"
    meta = {node.get("property"): node.get("content") for node in html.xpath("//meta[@property]")}
    assert meta["og:title"] == "Thủ tục đăng ký khai sinh"
    assert meta["og:url"].endswith("/thu-tuc/1.001193") and meta["og:url"].startswith("http")
    assert "1.001193" in meta["og:description"]
    facts = {
        dt.text_content(): dd.text_content() for dt, dd in zip(html.xpath("//dt"), html.xpath("//dd"), strict=True)
    }
    assert facts["Phí, lệ phí"] == "Miễn phí"
    assert facts["Dịch vụ công trực tuyến"] == "Toàn trình"
    assert [li.text for li in html.xpath("//section[h2='Thành phần hồ sơ']//li")] == [
        "Tờ khai đăng ký khai sinh",
        "Giấy chứng sinh",
    ]
    assert html.xpath('//input[@id="share-url"]')[0].get("value") == meta["og:url"]


@pytest.mark.parametrize("linked", ["tthc_1-001193", "tthc_1_001193", "1-001193", "1.001193.000.00.00.H12"])
async def test_the_bots_deep_link_code_opens_the_same_page(client: TestClient, linked: str) -> None:
    response = await client.get(f"/thu-tuc/{linked}", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (301, "/thu-tuc/1.001193")


async def test_an_unknown_procedure_is_a_vietnamese_404_page(client: TestClient) -> None:
    response = await client.get("/thu-tuc/9.999999")
    assert response.status == 404 and response.content_type == "text/html"
    assert "Không tìm thấy thủ tục có mã 9.999999" in await response.text()


async def test_a_bad_filter_is_a_400_page_saying_what_to_change(client: TestClient) -> None:
    response = await client.get("/thu-tuc", params={"q": "khai sinh", "cap": "moon"})
    assert response.status == 400
    assert "Cấp thực hiện không hợp lệ" in await response.text()
    assert (await client.get("/thu-tuc", params={"q": "khai sinh", "trang": "x"})).status == 400


async def test_a_mistyped_address_is_a_page_for_a_browser_and_json_for_the_api(client: TestClient) -> None:
    response = await client.get("/thu-tuc/1.001193/thua", headers=BROWSER)
    assert response.status == 404 and response.content_type == "text/html"
    assert (await client.get("/api/nowhere", headers=BROWSER)).content_type == "application/json"

"""Every response carries the security headers; pages with personal data are never stored; downloads are
saved, never opened as a page of the site (finding 2 of issue 15)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Attachment, AttachmentKind, CitizenRef, Contact, Draft
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.open311_world import PREFIX, build_open311_world
from tests.web_office import WebOffice, build_web_office, file_items, log_in
from web.downloads import content_disposition, download_type


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """Headers do not depend on the database: SQLite alone."""
    return sqlite_url


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, tmp_path: Path) -> WebOffice:
    world = await build_web_office(uow_factory, clock, attachments_dir=tmp_path / "attachments")
    await file_items(world)
    return world


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


def assert_hardened(response: ClientResponse) -> None:
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


async def test_pages_behind_the_login_are_hardened_and_never_stored(world: WebOffice, client: TestClient) -> None:
    await log_in(client, "an")
    for path in (
        "/can-bo/queue",
        f"/can-bo/items/{world.office.codes['desk']}",
        "/can-bo/reports",
        "/can-bo/items/20990101.0001",
    ):
        response = await client.get(path)
        assert_hardened(response)
        assert response.headers["Cache-Control"] == "no-store", path


async def test_the_login_form_and_a_redirect_to_it_are_hardened_and_never_stored(client: TestClient) -> None:
    for path in ("/can-bo/login", "/can-bo/queue"):
        response = await client.get(path, allow_redirects=False)
        assert_hardened(response)
        assert response.headers["Cache-Control"] == "no-store"


async def test_the_api_static_files_and_unknown_paths_are_hardened_too(client: TestClient) -> None:
    for path in ("/healthz", "/api/procedures?q=khai+sinh", "/static/officer.css", "/nowhere"):
        response = await client.get(path)
        assert_hardened(response)
        assert "no-store" not in response.headers.get("Cache-Control", "")


async def test_open311_answers_are_hardened(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> None:
    world = await build_open311_world(uow_factory, clock)
    async with TestClient(TestServer(world.app)) as client:
        for path in ("/services.xml", "/requests.json", "/requests/nope.json"):
            assert_hardened(await client.get(PREFIX + path))
        assert_hardened(await client.post(PREFIX + "/requests.json", data={"service_code": "phan_anh"}))


async def file_with(world: WebOffice, folder: Path, file_name: str, body: bytes) -> str:
    folder.mkdir(exist_ok=True)
    (folder / "stored.bin").write_bytes(body)
    attachment = Attachment(
        AttachmentKind.DOCUMENT, "f1", file_name=file_name, local_path=str(folder / "stored.bin"), size=len(body)
    )
    draft = Draft(
        type=FeedbackType.PHAN_ANH,
        content="Tệp đính kèm có tên lạ, nội dung phản ánh về thủ tục",
        citizen=CitizenRef("telegram", "777"),
        contact=Contact(name="Đỗ Thị Lan", phone="0987654321", address="Thôn 1"),
        attachments=(attachment,),
        unit="MOT-CUA",
    )
    return (await world.feedback.submit(draft)).code


async def test_an_html_attachment_is_downloaded_as_bytes_never_shown_as_a_page(
    world: WebOffice, client: TestClient, tmp_path: Path
) -> None:
    code = await file_with(world, tmp_path / "attachments", "bằng chứng.html", b"<script>alert(1)</script>")
    await log_in(client, "an")
    response = await client.get(f"/can-bo/items/{code}/attachments/0")
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.content_disposition is not None
    assert response.content_disposition.filename == "bằng chứng.html"
    assert response.headers["Cache-Control"] == "no-store"


async def test_a_report_download_is_an_attachment_with_nosniff(client: TestClient) -> None:
    await log_in(client, "quantri")
    response = await client.get("/can-bo/reports/download?from=2026-11-01&to=2026-11-30&format=csv")
    assert response.status == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("anh.jpg", "image/jpeg"),
        ("don.pdf", "application/pdf"),
        ("trang.html", "application/octet-stream"),
        ("TRANG.HTM", "application/octet-stream"),
        ("hinh.svg", "application/octet-stream"),
        ("x.xhtml", "application/octet-stream"),
        ("bang.csv.gz", "application/octet-stream"),
        ("khong-duoi", "application/octet-stream"),
    ],
)
def test_only_harmless_types_keep_their_type(name: str, kind: str) -> None:
    assert download_type(name) == kind


@pytest.mark.parametrize(
    "name",
    ['a"; filename=evil.html', "dòng\r\nSet-Cookie: x=1", "../../etc/passwd", "", "Đơn đề nghị (bản 2).docx"],
)
def test_the_disposition_keeps_one_header_and_a_plain_fallback(name: str) -> None:
    header = content_disposition(name)
    assert header.startswith('attachment; filename="')
    assert "\r" not in header and "\n" not in header
    fallback = header.split('filename="')[1].split('"')[0]
    assert fallback.isascii() and "/" not in fallback and ";" not in fallback
    assert header.count("filename*=UTF-8''") == 1

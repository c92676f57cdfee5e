"""Two `motcua serve` processes on one PostgreSQL, a citizen on Zalo whose every event reaches one instance and
then, again, the other (as a retried webhook does): one item, one code, every reply sent once, none lost."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import socket
import subprocess
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest
from sqlalchemy import func, select

from stand_ins.zalo_oa import LocalZaloOa
from stand_ins.zalo_user import ZaloUser
from storage.db import create_engine, create_session_factory
from storage.feedback_models import FeedbackRecord
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import small_catalog_procedures
from zalo.webhook import PATH

pytestmark = pytest.mark.postgres

MOTCUA = [sys.executable, "-m", "motcua.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def two_instances(url: str, oa: LocalZaloOa) -> AsyncIterator[list[str]]:
    base = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    processes: list[tuple[subprocess.Popen[bytes], int]] = []
    try:
        for _ in range(2):
            port = free_port()
            env = {
                **base,
                "MOTCUA_DATABASE_URL": url,
                "MOTCUA_WEB_PORT": str(port),
                "MOTCUA_ZALO_APP_ID": oa.app_id,
                "MOTCUA_ZALO_APP_SECRET": oa.app_secret,
                "MOTCUA_ZALO_OA_SECRET_KEY": oa.oa_secret_key,
                "MOTCUA_ZALO_API_BASE": oa.api_base,
                "MOTCUA_ZALO_OAUTH_BASE": oa.oauth_base,
                "MOTCUA_ZALO_ZNS_BASE": oa.zns_base,
            }
            serve = [*MOTCUA, "serve"]
            processes.append((subprocess.Popen(serve, env=env, stderr=subprocess.DEVNULL), port))
        async with aiohttp.ClientSession() as session:
            for process, port in processes:
                for _ in range(600):
                    with contextlib.suppress(aiohttp.ClientError):
                        async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                            if response.status in (200, 503):
                                break
                    assert process.poll() is None, "motcua serve ended at start"
                    await asyncio.sleep(0.1)
        yield [f"http://127.0.0.1:{port}{PATH}" for _, port in processes]
    finally:
        for process, _ in processes:
            process.terminate()
        for process, _ in processes:
            process.wait(30)


class Citizen:
    """A Zalo user whose events alternate between the instances, each event then sent again, the same signed
    bytes, to the other instance."""

    def __init__(self, oa: LocalZaloOa, urls: list[str], session: aiohttp.ClientSession) -> None:
        self.oa = oa
        self.urls = urls
        self.user = ZaloUser(oa, urls[0], session)
        self.turn = 0

    async def say(self, text: str, expect: str) -> str:
        first, other = self.urls[self.turn % 2], self.urls[(self.turn + 1) % 2]
        self.turn += 1
        before = len(self.oa.messages_to(self.user.user_id))
        self.user.webhook_url = first
        answered = await self.user.send_text(text)
        assert self.user.last_body is not None
        self.user.webhook_url = other
        again = await self.user.post_raw(self.user.last_body, self.user.last_headers)
        assert answered in (200, 503) and again in (200, 503)
        new: list[str] = []
        for _ in range(600):
            new = [message.text for message in self.oa.messages_to(self.user.user_id)[before:]]
            if any(expect in sent for sent in new):
                await asyncio.sleep(0.3)  # a duplicate reply, if there were one, would come now
                return "\n".join(message.text for message in self.oa.messages_to(self.user.user_id)[before:])
            await asyncio.sleep(0.05)
        raise AssertionError(f"no {expect!r} after {text!r}: {new}")


async def test_two_instances_each_event_twice_one_item_every_reply_once(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    await upgrade(engine)
    factory = create_session_factory(engine)
    async with SqlUnitOfWork(factory) as uow:
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()
    async with LocalZaloOa() as oa:
        async with SqlUnitOfWork(factory) as uow:
            await uow.zalo.connect(oa.issue_tokens(), oa_id=oa.oa_id, oa_name=oa.oa_name, at=oa.clock())
            await uow.commit()
        async with two_instances(postgres_url, oa) as urls, aiohttp.ClientSession() as session:
            citizen = Citizen(oa, urls, session)
            await citizen.say("/phananh", "Bạn muốn gửi loại nào")
            await citizen.say("phản ánh", "mô tả rõ sự việc")
            await citizen.say("Đèn đường thôn 3 hỏng cả tháng nay, tối đi lại rất nguy hiểm.", "Đã nhận")
            await citizen.say("xong", "thủ tục hành chính nào")
            await citizen.say("bỏ qua", "Họ và tên")
            await citizen.say("Nguyễn Thị Lan", "Số điện thoại hoặc email")
            await citizen.say("0912345678", "Địa chỉ")
            await citizen.say("12 Lê Lợi, xã Tân Lập", "Kiểm tra lại trước khi gửi")
            receipt = await citizen.say("gửi", "Đã tiếp nhận")
        everything = [message.text for message in oa.messages_to(citizen.user.user_id)]
    async with factory() as session:
        items = (await session.execute(select(func.count()).select_from(FeedbackRecord))).scalar_one()
    await engine.dispose()
    assert items == 1
    code = re.search(r"\d{8}\.\d{4}", receipt)
    assert code is not None
    assert sum("Đã tiếp nhận" in text for text in everything) == 1
    for prompt in ("Bạn muốn gửi loại nào", "mô tả rõ sự việc", "Họ và tên", "Kiểm tra lại trước khi gửi"):
        assert sum(prompt in text for text in everything) == 1, (prompt, everything)

from procedures_catalog.model import OnlineLevel, Procedure
from storage.unit_of_work import SqlUnitOfWork

BIRTH = Procedure(
    code="1.001193",
    name="Thủ tục đăng ký khai sinh",
    level="Cấp xã",
    field="Hộ tịch",
    fees="Miễn phí",
    documents=("Giấy chứng sinh (1 bản chính)",),
    steps=("Nộp hồ sơ", "Nhận kết quả"),
    legal_basis=("Luật Hộ tịch 2014",),
    online=OnlineLevel.FULL,
)


async def test_a_stored_procedure_reads_back_equal(uow_factory) -> None:
    async with uow_factory() as uow:
        await uow.procedures.upsert([BIRTH])
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.procedures.get("1.001193") == BIRTH
        assert await uow.procedures.get("9.999999") is None


async def test_upsert_counts_inserts_updates_and_unchanged(uow_factory) -> None:
    async with uow_factory() as uow:
        first = await uow.procedures.upsert([BIRTH])
        await uow.commit()
    renamed = Procedure(**{**BIRTH.__dict__, "name": "Đăng ký khai sinh"})
    async with uow_factory() as uow:
        second = await uow.procedures.upsert([renamed, BIRTH.__class__(code="1.000894", name="Đăng ký kết hôn")])
        third_same = await uow.procedures.upsert([renamed])
        await uow.commit()
    assert (first.inserted, first.updated, first.unchanged) == (1, 0, 0)
    assert (second.inserted, second.updated, second.unchanged) == (1, 1, 0)
    assert (third_same.inserted, third_same.updated, third_same.unchanged) == (0, 0, 1)
    async with uow_factory() as uow:
        assert await uow.procedures.count() == 2
        assert [e.code for e in await uow.procedures.list_index_entries()] == ["1.000894", "1.001193"]


async def test_work_not_committed_is_rolled_back(uow_factory) -> None:
    async with uow_factory() as uow:
        await uow.procedures.upsert([BIRTH])
    async with uow_factory() as uow:
        assert await uow.procedures.count() == 0


async def test_uow_type_is_the_storage_one(uow_factory) -> None:
    assert isinstance(uow_factory(), SqlUnitOfWork)

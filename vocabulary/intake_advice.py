"""Advice given before a PAKN is sent, the same on every channel: what a khiếu nại or a tố cáo is and where it
goes (advice, never a dead end: the citizen may still send it as a PAKN, flagged for the officer), and the
warning that a near-identical PAKN was sent in the last day. Plain text, each a list of paragraphs."""

from __future__ import annotations

from feedback.domain.legal_type import OtherRegime

REGIME_ADVICE: dict[OtherRegime, tuple[str, ...]] = {
    OtherRegime.KHIEU_NAI: (
        "Nội dung bạn viết có vẻ là khiếu nại: đề nghị xem xét lại một quyết định hành chính hoặc hành vi hành "
        "chính mà bạn cho là trái pháp luật, xâm phạm quyền, lợi ích hợp pháp của bạn.",
        "Khiếu nại được giải quyết theo Luật Khiếu nại 2011, không theo thủ tục phản ánh, kiến nghị. Cách nộp: "
        "gửi đơn khiếu nại, hoặc đến khiếu nại trực tiếp, tại chính cơ quan hoặc người đã ra quyết định, thực hiện "
        "hành vi đó (khiếu nại lần đầu), thường qua Ban tiếp công dân. Thời hiệu là 90 ngày kể từ khi bạn nhận "
        "được hoặc biết được quyết định, hành vi.",
    ),
    OtherRegime.TO_CAO: (
        "Nội dung bạn viết có vẻ là tố cáo: báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của cán "
        "bộ, công chức hoặc của cơ quan, tổ chức, cá nhân.",
        "Tố cáo được giải quyết theo Luật Tố cáo 2018, không theo thủ tục phản ánh, kiến nghị. Cách nộp: gửi đơn "
        "tố cáo, hoặc đến tố cáo trực tiếp, ghi rõ họ tên, địa chỉ của bạn, tại Ban tiếp công dân hoặc gửi người "
        "đứng đầu cơ quan, tổ chức quản lý người bị tố cáo. Thông tin về người tố cáo được pháp luật giữ bí mật.",
    ),
}
SEND_ANYWAY = (
    "Nếu thực ra bạn muốn phản ánh, kiến nghị về cách áp dụng quy định, thủ tục hành chính, bạn vẫn gửi được: "
    "cán bộ tiếp nhận sẽ đọc và quyết định."
)
DUPLICATE = (
    "Trong 24 giờ qua bạn đã gửi một phản ánh gần giống hệt: mã {code}. Phản ánh đó vẫn đang được xử lý; "
    "gửi lại không làm nhanh hơn.",
    "Bạn vẫn muốn gửi phản ánh này?",
)


def regime_advice(regime: OtherRegime) -> tuple[str, ...]:
    return (*REGIME_ADVICE[regime], SEND_ANYWAY)


def duplicate_warning(code: str) -> tuple[str, ...]:
    return tuple(paragraph.format(code=code) for paragraph in DUPLICATE)

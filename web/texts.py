"""Vietnamese messages of the web and API channel."""

BAD_LIMIT = "Tham số limit phải là số nguyên từ 1 đến 50."
BAD_LEVEL = "Tham số level không hợp lệ: dùng central, province, district, commune hoặc other."
MISSING_QUERY = "Thiếu tham số q (nội dung cần tìm)."
UNKNOWN_PROCEDURE = "Không tìm thấy thủ tục có mã {code}."
NOT_FOUND = "Không tìm thấy trang hoặc tài nguyên được yêu cầu."
INTERNAL_ERROR = "Hệ thống đang gặp sự cố, vui lòng thử lại sau."

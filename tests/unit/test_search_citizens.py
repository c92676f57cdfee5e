"""The engine on the bundled catalog, on the cases issue 13 names as citizens type them."""

from __future__ import annotations

import pytest

from procedures_catalog.model import IndexEntry
from procedures_catalog.pointers import PointerTable, load_pointers, parse_pointers
from procedures_catalog.search import SearchIndex, SearchResult


def first(result: SearchResult) -> IndexEntry:
    return (result.hits or result.suggestions)[0].entry


def test_birth_registration_for_a_child_is_the_plain_registration_first(catalog: SearchIndex) -> None:
    assert first(catalog.search("lam giay khai sinh cho con")).code == "1.001193"


def test_land_certificate_prefers_the_household_or_person_variant(catalog: SearchIndex) -> None:
    name = first(catalog.search("lam so do")).name
    assert "hộ gia đình" in name or "cá nhân" in name
    assert "đối với tổ chức" not in name


def test_a_query_naming_an_organisation_gets_the_organisation_variant(catalog: SearchIndex) -> None:
    result = catalog.search("cấp giấy chứng nhận quyền sử dụng đất lần đầu cho tổ chức")
    assert first(result).code == "1.012753"


def test_words_run_together_are_split_and_offered_as_did_you_mean(catalog: SearchIndex) -> None:
    result = catalog.search("dangky kethon")
    assert first(result).code == "1.000894"
    assert result.confident
    assert result.did_you_mean == "đăng ký kết hôn"


def test_a_word_split_in_the_wrong_place_is_rejoined(catalog: SearchIndex) -> None:
    assert first(catalog.search("capl ai can cuoc")).code in {"1.014064", "2.001194", "1.000757"}


def test_a_short_typo_is_repaired_by_its_neighbour_and_spelled_as_names_spell_it(catalog: SearchIndex) -> None:
    result = catalog.search("xac nhan tinh trang hon nhn")
    assert first(result).code == "1.004873"
    assert result.did_you_mean == "xác nhận tình trạng hôn nhân"


def test_telex_keystrokes_are_offered_back_in_vietnamese(catalog: SearchIndex) -> None:
    result = catalog.search("ddawng kys keets hoon")
    assert first(result).code == "1.000894"
    assert result.did_you_mean == "đăng ký kết hôn"


def test_a_query_typed_right_has_no_did_you_mean(catalog: SearchIndex) -> None:
    assert catalog.search("đăng ký kết hôn").did_you_mean is None
    assert catalog.search("dang ky ket hon").did_you_mean is None


def test_death_notice_in_everyday_words_finds_death_registration(catalog: SearchIndex) -> None:
    assert first(catalog.search("bao tu nguoi than moi mat")).code == "1.000656"


def test_died_is_not_read_as_lost(catalog: SearchIndex) -> None:
    assert first(catalog.search("xóa thường trú cho người đã mất")).code == "1.003197"


def test_correcting_a_wrong_name_finds_civil_status_correction(catalog: SearchIndex) -> None:
    assert first(catalog.search("cai chinh ho tich sai ten")).code == "1.004859"


def test_passport_for_a_holiday_finds_the_passport(catalog: SearchIndex) -> None:
    result = catalog.search("lam ho chieu di du lich")
    assert first(result).code in {"1.001456", "1.001471"}


def test_divorce_gets_the_court_pointer(catalog: SearchIndex) -> None:
    result = catalog.search("thu tuc ly hon")
    assert result.pointer is not None
    assert result.pointer.key == "toa-an"
    assert "Tòa án nhân dân" in result.pointer.text


def test_recording_a_divorce_granted_abroad_is_a_commune_procedure_not_a_pointer(catalog: SearchIndex) -> None:
    result = catalog.search("ghi chú ly hôn ở nước ngoài")
    assert result.pointer is None
    assert first(result).code == "2.000554"


def test_an_inheritance_dispute_gets_the_court_pointer(catalog: SearchIndex) -> None:
    result = catalog.search("tranh chấp thừa kế giữa anh em")
    assert result.pointer is not None and result.pointer.key == "toa-an"


def test_an_ordinary_query_gets_no_pointer(catalog: SearchIndex) -> None:
    assert catalog.search("điều kiện tách thửa đất").pointer is None


def test_a_plausible_answer_is_never_withheld(catalog: SearchIndex) -> None:
    for query in ("khách đến nhà chơi có phải báo công an không", "son lai mau xe", "mat sodo"):
        result = catalog.search(query)
        assert result.hits or result.suggestions, query


def test_an_office_pointer_file_replaces_the_bundled_line(tmp_path) -> None:
    extra = tmp_path / "pointers.tsv"
    extra.write_text("toa-an\tly hôn\tTòa án nhân dân khu vực 1, số 2 Lê Lợi.\n", encoding="utf-8")
    table = load_pointers(extra)
    found = table.find(["ly", "hon"])
    assert found is not None and found.text == "Tòa án nhân dân khu vực 1, số 2 Lê Lợi."


def test_a_pointer_line_without_three_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="three TAB-separated columns"):
        parse_pointers(["toa-an\tly hôn"])


def test_no_pointer_table_means_no_pointer() -> None:
    index = SearchIndex.build([IndexEntry("1.000894", "Thủ tục đăng ký kết hôn")], pointers=PointerTable())
    assert index.search("ly hon").pointer is None


def test_a_code_inside_a_sentence_opens_that_procedure(catalog: SearchIndex) -> None:
    result = catalog.search("thủ tục 1.001612 nộp ở đâu")
    assert result.by_code and [hit.entry.code for hit in result.hits] == ["1.001612"]


def test_a_regional_spelling_is_read_as_the_word_that_fits_its_neighbour(catalog: SearchIndex) -> None:
    result = catalog.search("xin giay xac nhan cu chu")
    assert first(result).code == "1.010041"
    assert result.did_you_mean is not None and result.did_you_mean.endswith("cư trú")


def test_a_rare_word_next_to_a_known_pair_is_read_as_a_typo(catalog: SearchIndex) -> None:
    assert first(catalog.search("lam ho chiu cho tre em")).code in {"1.001456", "1.001471"}
    assert first(catalog.search("giay phep kin doanh homestay")).code == "1.001612"


def test_a_typo_is_not_split_into_words_that_never_stand_together(catalog: SearchIndex) -> None:
    assert first(catalog.search("mat so bao hiem xa hoii")).code == "1.002759"


def test_telex_is_repaired_into_the_citizens_own_words(catalog: SearchIndex) -> None:
    assert first(catalog.search("mowr quans cafe caanf giaays pheps gif")).code == "1.001612"


def test_an_optional_phrase_is_not_dropped_when_it_carries_the_question(catalog: SearchIndex) -> None:
    assert first(catalog.search("xin giấy phép chôn cất khi nhà có người chết")).code == "1.000656"


def test_numbers_do_not_outweigh_the_words_that_say_what_is_asked(catalog: SearchIndex) -> None:
    assert first(catalog.search("qua han 3 thang phai thi lai bang lai")).code in {"3.000347", "3.000348"}


def test_a_special_case_the_reading_names_is_not_ranked_down(catalog: SearchIndex) -> None:
    assert first(catalog.search("mất giấy khai sinh có làm lại được không")).code in {"1.004884", "2.000635"}


def test_the_issuer_of_a_paper_does_not_make_a_procedure_an_organisations(catalog: SearchIndex) -> None:
    assert first(catalog.search("chứng thực bản sao từ bản chính")).code == "2.000815"


def test_a_phrase_half_repaired_from_telex_still_finds_its_synonym(catalog: SearchIndex) -> None:
    assert first(catalog.search("thu tuc nhan con nuooi")).code == "2.001263"


def test_a_joint_procedure_does_not_outrank_the_one_the_citizen_asked_for(catalog: SearchIndex) -> None:
    # "Liên thông … đăng ký thường trú … cho trẻ em" is a special case of the permanent residence registration.
    assert first(catalog.search("nhập khẩu cho con vào hộ khẩu nhà cô ruột")).code == "1.004222"


def test_a_query_naming_a_company_gets_a_procedure_for_organisations_whatever_word_it_uses(
    catalog: SearchIndex,
) -> None:
    # The name says "cơ quan, tổ chức", the citizen says "doanh nghiệp": both are organisations.
    assert first(catalog.search("dang ky vneid cho doanh nghiep")).code == "3.000498"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("đổi biển số vàng sang trắng", {"1.013079"}),  # not the transfer of a vehicle ("sang tên")
        ("chuyển hộ khẩu về quê", {"1.004222"}),  # moving one's household is registering it where one goes
        ("đính chính sổ đỏ", {"1.012790", "1.012796"}),  # the action word outweighs the long expansion
        ("xin cấp mã số thuế cá nhân", {"1.008498"}),
        ("khai sinh cho con khi bố mẹ chưa đăng ký kết hôn", {"1.000689"}),
        ("ai đi đkks cho trẻ", {"1.001193"}),  # every birth registration is for a child
        ("xác nhận chưa kết hôn", {"1.004873"}),
        ("cấp giấy phép đào đường", {"1.013061"}),
        ("thu tuc sang ten so do tu bo me sang con", {"1.013831"}),  # parents to child is a gift (tặng cho)
    ],
)
def test_everyday_wording_finds_the_procedure_the_rules_mean(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize(
    "query",
    [
        "thay doi ho cho con tu ho cha sang ho me",  # not "họ chưa", "sáng", "công"
        "bi an treo di khoi noi cu tru co phai khai bao tam vang",  # not "theo", "khai"
        "chuyen nha sang phuong khac",  # not "sản"
        "cha nhận con",  # typed with accents: "cha" has none, it is not "cá"
        "đất ao chuyển lên đất ở",
    ],
)
def test_words_that_exist_are_not_read_as_other_words(catalog: SearchIndex, query: str) -> None:
    assert catalog.search(query).did_you_mean is None


def test_a_known_word_is_still_read_as_the_word_that_mostly_stands_beside_its_neighbour(catalog: SearchIndex) -> None:
    result = catalog.search("lam ho chiu cho tre em")
    assert result.did_you_mean is not None and "chiếu" in result.did_you_mean
    assert first(result).code in {"1.001456", "1.001471"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cấp lại sổ đỏ bị mất", {"1.012786"}),
        ("vay ngân hàng thế chấp sổ đỏ", {"1.011441"}),
        ("xóa thế chấp sổ đỏ", {"1.011443"}),
        ("xin tách hộ ra ở riêng", {"1.010038"}),
        ("xin phép xây dựng nhà ở", {"1.013225"}),  # a house is a grade III/IV work: the commune's permit
        ("xin phép sửa chữa nhà", {"1.013229"}),
        ("hộ kinh doanh đổi địa chỉ", {"2.000720"}),
        ("đóng cửa hộ kinh doanh", {"1.001266"}),
        ("chạy grab có cần giấy phép", {"1.000703"}),
        ("giấy xác nhận hộ khẩu", {"1.010041"}),
        ("mua bảo hiểm y tế", {"1.001939"}),
        ("bảo hiểm xã hội tự nguyện", {"1.002179"}),
        ("gia hạn hộ chiếu", {"1.001456", "1.001471"}),  # a passport is not renewed: a new one is issued
        ("trích lục kết hôn", {"2.000635"}),
        ("thêm tên cha vào giấy khai sinh", {"1.001022"}),
    ],
)
def test_everyday_wording_about_land_business_insurance_and_papers(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


def test_ending_a_registration_is_not_the_answer_to_making_one(catalog: SearchIndex) -> None:
    # "Xóa đăng ký tàu cá" is one word shorter than "Cấp giấy chứng nhận đăng ký tàu cá" but undoes it.
    assert first(catalog.search("đăng ký tàu cá")).code == "1.003650"
    assert first(catalog.search("xóa đăng ký tàu cá")).code == "1.003681"


def test_what_a_procedure_excludes_does_not_match(catalog: SearchIndex) -> None:
    # "… (trừ trường hợp nhà ở riêng lẻ)" is the one procedure that is not for a house.
    assert first(catalog.search("nha o rieng le")).code != "1.009791"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tranh chấp ranh giới đất với hàng xóm", {"1.012812"}),  # the commune mediates first
        ("đăng ký đò ngang", {"1.004047", "1.004088"}),
        ("đăng ký kết hôn với người trung quốc", {"2.000806"}),
        ("lấy chồng hàn quốc cần giấy tờ gì", {"2.000806"}),
        ("đất chưa có sổ", {"1.013978"}),
        ("đất hết hạn sử dụng", {"1.013947"}),
        ("nhận con nuôi là cháu ruột", {"2.001263"}),
        ("xác nhận sơ yếu lý lịch", {"2.000884"}),  # a CV is confirmed by authenticating the signature
        ("giấy xác nhận đang sinh sống tại địa phương", {"1.010041"}),
        ("bằng lái hết hạn", {"3.000347"}),
        ("rút hồ sơ gốc xe", {"1.013065"}),
        ("xin lý lịch tư pháp", {"3.000333"}),  # not the special case of people with no known residence
    ],
)
def test_everyday_wording_about_neighbours_marriage_abroad_papers_and_vehicles(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


def test_a_stolen_thing_gets_the_police_pointer_but_a_lost_paper_to_reissue_does_not(catalog: SearchIndex) -> None:
    assert (pointer := catalog.search("xe máy bị trộm cắp").pointer) is not None and pointer.key == "to-giac"
    assert catalog.search("giấy đăng ký xe bị mất cấp lại").pointer is None


@pytest.mark.parametrize(
    ("query", "reading"),
    [
        ("lamsodo", "làm sổ đỏ"),  # not "làm sở do": the synonym table spells "sổ đỏ"
        ("capdoicancuoc", "cấp đổi căn cước"),  # not "cấp đối"
        ("lam hochieu", "làm hộ chiếu"),  # "hộ" because "hộ chiếu" is a pair, not "hỗ" after "làm"
        ("lam ho chiu cho tre em", "làm hộ chiếu cho trẻ em"),
    ],
)
def test_did_you_mean_spells_each_word_as_it_stands_beside_its_neighbours(
    catalog: SearchIndex, query: str, reading: str
) -> None:
    assert catalog.search(query).did_you_mean == reading


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lam lai so ho khau", {"1.010041"}),  # the household book is no longer issued: its replacement
        ("cong chung cccd", {"2.000815"}),  # a certified copy, not exchanging the card
        ("xac nhan chu ky", {"2.000884"}),
        ("phan chia tai san thua ke", {"2.001406"}),
        ("hop dong uy quyen", {"2.001035"}),
        ("tang cho nha dat cho con", {"2.001035", "1.013831"}),  # not a gift of land to the State
        ("hoàn thuế thu nhập cá nhân", {"2.002233"}),
    ],
)
def test_everyday_wording_about_copies_signatures_gifts_and_income_tax(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("đào ao trên đất lúa", {"1.008004"}),
        ("dịch tả lợn châu phi hỗ trợ", {"1.013997"}),
        ("giấy chứng sinh bị mất", {"1.001193"}),  # the hospital's paper is what the birth registration needs
        ("con 2 tuổi chưa có giấy khai sinh", {"1.001193"}),  # late, but the plain registration
        ("người già chưa có giấy khai sinh", {"1.004772"}),  # an adult who has other papers
        ("giám hộ cho người già lẫn", {"1.004837"}),
    ],
)
def test_everyday_wording_about_farms_birth_papers_and_guardianship(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


def test_a_phrase_that_only_says_who_asks_is_dropped_at_no_cost(catalog: SearchIndex) -> None:
    # "cha mẹ" ("-" its only expansion) is who is away, not the recognition of parentage ("nhận cha, mẹ, con").
    with_parents = catalog.search("đkks cho con khi cha mẹ ở xa").hits[0]
    without = catalog.search("đkks cho con khi ở xa").hits[0]
    assert with_parents.entry.code == without.entry.code == "1.001193"
    assert with_parents.score == without.score
    assert first(catalog.search("ai đi đkks cho trẻ khi cha mẹ đi làm xa")).code == "1.001193"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("đào giếng nước trong vườn có phải đăng ký", {"1.001662"}),  # khai thác nước dưới đất
        ("chế độ tai nạn lao động", {"1.001632"}),  # the names write TNLĐ
        ("nghỉ dưỡng sức sau sinh", {"1.001598"}),  # … and DSPHSK
        ("thuế cho thuê phòng trọ", {"1.007689"}),
        ("xin phép cải tạo nhà ở", {"1.013229"}),
        ("tạm ngưng kinh doanh công ty", {"2.002029"}),  # "ngưng" is "ngừng"
        ("kích hoạt tài khoản định danh điện tử", {"1.011410", "3.000228"}),
        ("có người ngủ qua đêm ở nhà", {"2.001159"}),
        ("bán xe máy cũ phải làm gì", {"1.013065", "1.013123"}),  # the seller returns the registration
        ("mua bán ô tô cũ", {"2.001035"}),
        ("lập công ty trách nhiệm hữu hạn một thành viên", {"2.001583"}),  # the name writes TNHH
        ("mở thêm chi nhánh cho công ty", {"2.002069"}),
        ("kinh doanh thuốc thú y", {"1.001686"}),
        ("gà bị cúm phải tiêu hủy", {"1.013997"}),
    ],
)
def test_everyday_wording_about_wells_work_accidents_renting_out_companies_and_vehicles(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chưa cưới sinh con có được mang họ bố", {"1.000689"}),  # the father is recognised at the registration
        ("làm khai sinh có cần xét nghiệm adn không", {"1.000689", "1.001022"}),
        ("vợ chồng tôi đều được hưởng thai sản không", {"2.000693"}),
        ("thông tin trong cơ sở dữ liệu dân cư bị sai", {"1.012564"}),
        ("chứng thực bản dịch tiếng trung", {"2.000992", "2.001008"}),  # not a diplomat's or consul's translation
        ("bố mất lâu rồi chưa khai tử", {"1.000656"}),
        ("sổ hộ khẩu giấy bị bỏ thì dùng gì thay", {"1.010041"}),
        ("sang lại quán cho người khác", {"2.000720", "1.001266", "1.001612"}),
        ("làm hộ chiếu cho bé 5 tuổi", {"1.001456", "1.001471"}),
    ],
)
def test_everyday_wording_about_surnames_parentage_deaths_and_papers(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize("query", ["hai anh em kiện nhau vì mảnh đất của bố mẹ", "nghi ngờ con không phải con ruột"])
def test_a_family_dispute_gets_the_court_pointer(catalog: SearchIndex, query: str) -> None:
    result = catalog.search(query)
    assert result.pointer is not None
    assert result.pointer.key == "toa-an"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("giấy phép an ninh trật tự để mở nhà nghỉ", {"2.001478", "1.003204"}),  # the first one, not "cấp đổi"
        ("đổi giấy chứng nhận an ninh trật tự", {"2.001402", "1.003176"}),
        ("đăng ký khai sinh cho con ở quê ngoại được không", {"1.001193"}),  # whose home town is not what is asked
    ],
)
def test_security_certificates_and_home_towns(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Land that came by inheritance: its transfer is registered, not a first certificate.
        ("làm sổ đỏ cho đất thừa kế của bố", {"1.013831", "2.001406"}),
        ("lam so hong nha dat thua ke", {"1.013831", "2.001406"}),
        ("làm sổ đỏ lần đầu", {"1.013978"}),
        ("bán đất sổ hộ gia đình cần ai ký", {"1.013831", "2.001035"}),  # who holds the land, not who registers
    ],
)
def test_land_that_came_by_inheritance_or_is_held_by_the_household(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bị tai nạn khi đang làm việc ở công ty", {"1.001632"}),
        ("xây thêm tầng cho nhà có cần xin phép", {"1.013229"}),
        ("sửa lại mái nhà có cần giấy phép", {"1.013229"}),
        ("bạn đến ở nhờ vài hôm có phải khai báo", {"2.001159"}),
        ("mở công ty cần những gì", {"2.002043", "2.001583", "2.001199"}),  # a company, not a sole proprietorship
        ("sửa năm sinh trong giấy khai sinh", {"1.004859"}),
        ("cho người khác thuê nhà có phải nộp thuế", {"1.007689"}),
        ("đăng ký tạm ngưng kinh doanh hộ cá thể", {"1.001570"}),  # a household business, not a company
        ("bán lại xe cho người khác thì làm gì với biển số", {"1.013065", "1.013123"}),
    ],
)
def test_the_same_needs_in_other_words(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)).code in expected


def test_a_typo_is_read_as_the_word_that_continues_the_two_before_it(catalog: SearchIndex) -> None:
    # Folded, "chữa" and "chưa" are one word: "chưa nhận" stands together more often than "chữa nhà", but only
    # "sửa chữa nhà" continues "sua chua".
    result = catalog.search("xin phep sua chua nhao")
    assert result.did_you_mean == "xin phép sửa chữa nhà"
    assert first(result).code == "1.013229"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("xây nhà cần giấy tờ gì", {"1.013225"}),  # the permit, not a province's housing plan
        ("xây nhà không xin phép bị xử phạt thế nào", {"1.013225"}),  # the fine is for skipping the permit
        ("không đăng ký tạm trú bị phạt bao nhiêu", {"1.004194"}),
    ],
)
def test_fines_and_offices_are_not_what_is_asked(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize("query", ["chua cuoi co con mang ho bo", "vo di de chong duoc nghi may ngay"])
def test_a_filler_beside_a_word_is_no_evidence_that_it_is_another(catalog: SearchIndex, query: str) -> None:
    # "có con" is not "có công" (người có công), "để chồng" not "đề cương": "có" and "để" are fillers.
    assert catalog.search(query).did_you_mean is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hồ sơ hưởng chế độ tai nạn lao động", {"1.001632"}),  # the first accident: the general procedure
        ("tai nạn lao động tái phát", {"1.001521"}),  # the special case, named
    ],
)
def test_a_work_accident_is_the_general_procedure_unless_the_query_names_the_special_case(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hộ chiếu bị mất", {"1.001445", "1.010385", "1.010386", "2.000539"}),  # trình báo mất hộ chiếu
        ("thời hạn của hộ chiếu phổ thông", {"1.001456", "1.001471"}),  # not the report of a lost one
    ],
)
def test_reporting_a_lost_passport_only_when_it_was_lost(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)).code in expected


ID_CARD_FIRST = {"1.014061", "2.000200", "1.001247"}
ID_CARD_CHILD = {"1.014062", "1.012549", "1.012543"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("làm cccd", ID_CARD_FIRST),  # the first card, not «cấp đổi», whose name differs by one word
        ("lam can cuoc cong dan o dau", ID_CARD_FIRST),
        ("làm cccd cho con", ID_CARD_CHILD),
        ("cach lam the can cuoc tren vneid cho nguoi duoi 14 tuoi", ID_CARD_CHILD),
        ("làm cccd bị mất", {"1.014064", "2.001194", "1.000757"}),
        ("cccd hết hạn làm lại ở đâu", {"1.014063", "2.001195", "1.000889"}),
    ],
)
def test_making_an_id_card_is_the_first_card_unless_the_query_says_renewed_lost_or_a_child(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("khai tử cho con", "1.000656"),
        ("tách khẩu cho con", "1.010038"),
        ("nhập quốc tịch cho con", "2.002039"),
    ],
)
def test_a_need_for_a_child_is_that_need_not_the_childs_id_card(
    catalog: SearchIndex, query: str, expected: str
) -> None:
    assert first(catalog.search(query)).code == expected


@pytest.mark.parametrize("query", ["chuyển trường cho con", "xin trợ cấp cho con khuyết tật"])
def test_for_a_child_alone_does_not_make_a_question_the_childs_id_card(catalog: SearchIndex, query: str) -> None:
    assert first(catalog.search(query)).code not in ID_CARD_CHILD


@pytest.mark.parametrize(
    "query",
    [
        "cha dượng nhận con riêng của vợ làm con nuôi",
        "bố dượng nhận nuôi con riêng của vợ không phải con ruột",
        "con riêng của chồng không phải con ruột có được nhận làm con nuôi",
    ],
)
def test_a_stepchild_adopted_is_the_communes_adoption_not_the_court(catalog: SearchIndex, query: str) -> None:
    result = catalog.search(query)
    assert result.pointer is None
    assert first(result).code == "2.001263"  # in the country; the province's procedure naming them is for foreigners


def test_a_child_found_not_to_be_ones_own_still_gets_the_court_pointer(catalog: SearchIndex) -> None:
    result = catalog.search("chồng nghi con không phải con ruột")
    assert result.pointer is not None and result.pointer.key == "toa-an"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("giấy chủ quyền nhà bị mất", {"1.012786"}),
        ("làm chứng minh nhân dân", ID_CARD_FIRST),  # the old card's name asks for today's first card
        ("làm KT3", {"1.004194"}),
        ("lãnh lương hưu thay cho ba", {"1.001601"}),
        ("hôn thú bị mất", {"1.004746", "2.000635"}),
        ("sổ đỏ ghi sai tên", {"1.012796", "1.012790"}),
        ("xác nhận tình trạng hôn nhân để vay ngân hàng", {"1.004873"}),  # what the paper is for is not asked
    ],
)
def test_old_and_southern_names_of_papers_and_benefits(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tốt nghiệp đại học cập nhật bằng cấp nghĩa vụ quân sự", {"1.013136"}),  # the supplementary registration
        ("bố đi nghĩa vụ quân sự con được miễn học phí không", {"2.002765"}),  # not the exemption from service
        ("khai báo dao kiếm gia truyền", {"1.013442"}),
        ("xin giao mặt nước biển nuôi hàu", {"3.000439"}),
        ("xây nhà gần kênh thủy lợi có phải xin phép", {"1.014849"}),
    ],
)
def test_commune_matters_in_the_words_of_those_who_ask(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)).code in expected


def test_what_a_procedure_excludes_does_not_mark_it_as_a_special_case(catalog: SearchIndex) -> None:
    # "(trừ … một cửa liên thông …)" says the procedure is not the joint one: "liên thông" must not rank it down
    # below a longer name for organisations that merely shares its words.
    assert first(catalog.search("đăng ký thuế lần đầu đối với người nộp thuế là tổ chức")).code == "2.002225"
    result = catalog.search("Đăng ký thay đổi thông tin đăng ký thuế không làm thay đổi cơ quan thuế quản lý trực tiếp")
    assert first(result).code == "1.008503"


@pytest.mark.parametrize(
    "query", ["gia hạn giấy phép xây dựng", "gia han giay phep xay dung", "thủ tục gia hạn giấy phép xây dựng"]
)
def test_an_official_phrase_the_synonym_table_maps_finds_its_mapping_not_a_longer_name_sharing_it(
    catalog: SearchIndex, query: str
) -> None:
    # The permit for houses (cấp III, cấp IV), not the railway's "Gia hạn giấy phép xây dựng công trình thiết yếu,
    # dùng chung với đường sắt": "Dự án" in the house permit's list of kinds of works is no investor's marker.
    assert first(catalog.search(query)).code == "1.013227"


def test_a_synonym_phrase_typed_as_the_start_of_a_longer_official_one_does_not_take_it_over(
    catalog: SearchIndex,
) -> None:
    # "tranh chấp đất" is the table's everyday phrase for the commune's mediation, but "giải quyết tranh chấp đất
    # đai" is the name of the settlement of a land dispute, at whichever level.
    result = catalog.search("giải quyết tranh chấp đất đai")
    assert first(result).code in {"1.013967", "1.012805", "1.012751"}
    assert first(catalog.search("tranh chấp đất với hàng xóm")).code == "1.012812"


def test_a_filler_inside_words_names_have_in_a_row_is_read_as_the_official_word(catalog: SearchIndex) -> None:
    # "roi" is the filler "rồi" for the table, but "phép rời cảng" stands in a name: the permit to leave, not to enter.
    assert first(catalog.search("cap giay phep roi cang, ben thuy noi dia")).code == "1.003592"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nhờ luật sư miễn phí của nhà nước", {"2.000829"}),
        ("gia đình muốn cho con đi cai nghiện", {"3.000527"}),  # the registration, not the providers' notices
        ("người hàn quốc muốn cưới vợ việt nam", {"2.000806"}),
        ("nộp phí trước bạ oto ở đâu", {"1.007700"}),  # "oto" is "ô tô"
        ("dịch giấy tờ sang tiếng việt chứng thực ở đâu", {"2.000992", "2.001008"}),
        ("tự trả viện phí rồi có được bảo hiểm thanh toán lại không", {"1.001656"}),
        ("tên trong bằng tốt nghiệp khác với giấy khai sinh", {"1.004859"}),
        ("trang trại gà có cần giấy phép môi trường", {"1.010727"}),  # the province's, not the ministry's
    ],
)
def test_needs_of_the_new_dev_rows_in_other_words(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)).code in expected


def test_a_childs_surname_changed_after_a_divorce_is_the_communes_not_the_court(catalog: SearchIndex) -> None:
    result = catalog.search("ly hôn xong đổi họ cho con theo mẹ")
    assert result.pointer is None
    assert first(result).code == "1.004859"
    assert catalog.search("ly hôn ai được quyền nuôi con").pointer is not None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("người nhà mất có phải khai tử không", {"1.000656"}),
        ("mẹ tôi mất thì đến cơ quan nào đăng ký khai tử", {"1.000656"}),  # a death, not a lost paper
        ("trẻ sơ sinh chết có phải khai tử không", {"1.000656"}),
        ("muốn bỏ quốc tịch việt nam", {"2.002036", "1.005141"}),
        ("trường hợp nào được miễn thuế sử dụng đất", {"1.007695"}),  # not the relief after a disaster
        ("con nhập ngũ gia đình khó khăn được hỗ trợ gì", {"2.002764"}),
        ("chưa đăng ký kết hôn có làm giấy khai sinh cho con được không", {"1.001193", "1.000689"}),
    ],
)
def test_needs_of_the_second_new_dev_rows_in_other_words(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)).code in expected


def test_a_divorce_asked_from_abroad_gets_the_court_but_one_recorded_abroad_does_not(catalog: SearchIndex) -> None:
    assert catalog.search("đang làm việc ở nước ngoài muốn ly hôn").pointer is not None
    assert catalog.search("đã ly hôn ở nước ngoài muốn kết hôn tại việt nam").pointer is None
    assert catalog.search("đã ly hôn muốn đăng ký kết hôn lại").pointer is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cắt đất cho con", {"1.012784"}),
        ("trả nợ xong rút sổ đỏ về", {"1.011443"}),
        ("đập nhà cũ xây lại nhà mới", {"1.013225"}),
        ("làm thêm gác lửng", {"1.013229"}),
        ("chuyển quán sang chỗ khác", {"2.000720"}),
        ("đóng thuế đất hàng năm ở đâu", {"1.007695"}),
    ],
)
def test_land_houses_shops_and_taxes_in_the_words_of_those_who_ask(
    catalog: SearchIndex, query: str, expected: set[str]
) -> None:
    assert first(catalog.search(query)).code in expected


def test_a_purpose_clause_does_not_take_a_permit_query_away(catalog: SearchIndex) -> None:
    assert first(catalog.search("xin giấy phép để xây nhà")).code == "1.013225"


@pytest.mark.parametrize(
    "query",
    ["lên thổ cư", "chuyển đất ao lên thổ cư", "xin chuyển đổi đất nông nghiệp sang thổ cư", "làm nhà trên đất vườn"],
)
def test_farm_land_turned_into_a_house_plot_is_the_conversion_not_an_amended_decision(
    catalog: SearchIndex, query: str
) -> None:
    # «không đấu thầu lựa chọn nhà đầu tư thực hiện dự án» in the conversion's name says who it is not about: no
    # organisation marker; amending a decision already issued ranks below unless the query says so.
    assert first(catalog.search(query)).code in {"1.013949", "1.013823"}
    assert first(catalog.search("điều chỉnh quyết định giao đất do sai diện tích")).code in {"1.013953", "1.013827"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cap giay chung nhan co so du dieu kien nuoi trong thuy san", "1.004913"),
        ("Khai quyết toán thuế thu nhập cá nhân", "1.008309"),
    ],
)
def test_a_procedure_for_organisations_and_persons_alike_is_not_an_organisations(
    catalog: SearchIndex, query: str, expected: str
) -> None:
    # "theo yêu cầu của tổ chức, cá nhân", "đối với tổ chức, cá nhân trả thu nhập": anyone may ask.
    assert first(catalog.search(query)).code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thu tuc thanh lap hop tac xa nong nghiep", "1.005280"),  # "nông nghiệp" is not "doanh nghiệp"
        ("điều kiện kinh doanh dịch vụ xoa bóp massage", "2.001478"),  # the security-and-order certificate
    ],
)
def test_a_cooperatives_trade_and_a_massage_parlour_find_their_procedures(
    catalog: SearchIndex, query: str, expected: str
) -> None:
    assert first(catalog.search(query)).code == expected


def test_a_single_status_paper_asked_by_a_divorced_person_is_the_communes(catalog: SearchIndex) -> None:
    result = catalog.search("xác nhận tình trạng hôn nhân cho người đã ly hôn")
    assert result.pointer is None
    assert first(result).code == "1.004873"


@pytest.mark.parametrize(
    ("query", "expected"), [("nhận lại con sau nhiều năm", "1.001022"), ("thủ tục hưởng hưu trí", "2.000605")]
)
def test_recognition_and_pensions_in_other_words(catalog: SearchIndex, query: str, expected: str) -> None:
    assert first(catalog.search(query)).code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("con học mẫu giáo mất thẻ bhyt xin lại thế nào", {"1.002759"}),  # not the police's own «cấp lại thẻ»
        ("giấy phép kinh doanh thuốc trừ sâu", {"1.004363"}),
        ("nuôi chim cảnh có phải đăng ký nguồn gốc không", {"1.000045"}),
        ("chuyển từ bhxh bắt buộc sang tự nguyện", {"1.002179"}),
        ("đúc thêm sàn, làm lại cầu thang có phải xin phép sửa nhà", {"1.013229"}),
        ("đất thực tế nhiều hơn trên sổ đỏ", {"1.012781"}),
        ("muốn đổi ngày sinh trong giấy khai sinh", {"1.004859"}),
    ],
)
def test_needs_of_the_third_new_dev_rows_in_other_words(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)).code in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("xe 3,5 tấn muốn hạ tải xuống 3 tấn cần thủ tục gì", "1.013206"),  # xe cơ giới cải tạo
        ("thời hạn đăng kiểm ô tô con", "1.005103"),
        ("người dân đi chợ biên giới sang trung quốc làm giấy thông hành ở đâu", "1.003133"),
        ("làm giấy thông hành đi trung quốc du lịch", "1.003494"),  # a tourist's pass, not the border resident's
    ],
)
def test_vehicles_altered_or_inspected_and_border_passes(catalog: SearchIndex, query: str, expected: str) -> None:
    assert first(catalog.search(query)).code == expected

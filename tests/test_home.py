"""The home page for citizens: ways in by life event (from data), where to ask, and online-service
counts that never contradict each other (each with its source and date)."""

from __future__ import annotations

from datetime import date

from bs4 import BeautifulSoup

from cchc_site.core.life_events import DanhSachSuKien, package_events
from cchc_site.core.models import ThuTuc
from cchc_site.output.home import SHOWN_FIRST, life_events, online_counts
from cchc_site.validate import load_site

from .conftest import CONTENT, TODAY


def listed(*names: tuple[str, str, str]) -> list[ThuTuc]:
    return [
        ThuTuc.model_validate(
            {"ma": code, "ten": name, "linh_vuc": field, "nhom": "cap_xa", "ngay_niem_yet": date(2024, 1, 1)}
        )
        for code, name, field in names
    ]


def test_an_event_takes_codes_first_then_fields_and_name_phrases():
    events = DanhSachSuKien.model_validate(
        {
            "su_kien": [
                {"ten": "Sinh con", "ma": ["2.000986"], "ten_co": ["khai sinh"]},
                {"ten": "Chứng thực", "linh_vuc": ["Chứng thực"]},
                {"ten": "Không có gì", "ten_co": ["xuất khẩu lao động"]},
            ]
        }
    )
    procedures = listed(
        ("1.001193", "Đăng ký khai sinh", "Hộ tịch"),
        ("2.000986", "Liên thông đăng ký khai sinh, thường trú, BHYT", "Hộ tịch"),
        ("1.000894", "Đăng ký kết hôn", "Hộ tịch"),
        ("2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực"),
        ("", "Đăng ký khai sinh lưu động", "Hộ tịch"),
    )
    found = life_events(events, procedures)
    assert [e.event.ten for e in found] == ["Sinh con", "Chứng thực"]  # an event with nothing is left out
    assert [t.ten for t in found[0].procedures] == [
        "Liên thông đăng ký khai sinh, thường trú, BHYT",
        "Đăng ký khai sinh",
        "Đăng ký khai sinh lưu động",
    ]
    assert [t.ma for t in found[1].procedures] == ["2.000815"]


def test_a_phrase_matches_whole_words_and_tone_placement():
    events = DanhSachSuKien.model_validate({"su_kien": [{"ten": "Thủy lợi", "ten_co": ["hồ chứa thuỷ lợi"]}]})
    procedures = listed(
        ("", "Phê duyệt phương án hồ chứa thủy lợi nhỏ", "Thủy lợi"),
        ("", "Hỗ trợ chữa bệnh", "Y tế"),
    )
    (event,) = life_events(events, procedures)
    assert [t.ten for t in event.procedures] == ["Phê duyệt phương án hồ chứa thủy lợi nhỏ"]


def test_the_shipped_events_reach_the_sample_list():
    site = load_site(CONTENT, "content", today=TODAY)
    found = {e.event.ten: e for e in life_events(package_events(), site.listed)}
    for name in ("Sinh con", "Kết hôn", "Có người mất", "Chuyển nơi ở", "Chứng thực giấy tờ"):
        assert found[name].procedures, name
    assert found["Sinh con"].first[0].ma == "2.000986"  # the newborn's combined procedure leads
    assert all(len(e.first) <= SHOWN_FIRST for e in found.values())


def test_online_counts_keep_each_source_apart():
    site = load_site(CONTENT, "content", today=TODAY)
    counts = online_counts(site, site.catalogue.headlines.online)
    (stated,) = counts.stated
    assert stated.key == "thu_tuc.truc_tuyen" and stated.value == 134
    assert counts.report is site.reports[-1]
    assert sum(n for _, n in counts.levels) == counts.total == len(site.listed)
    assert counts.day == date(2022, 9, 14)  # the list's last listing, not the build's day


def test_home_page_for_citizens(built):
    article = BeautifulSoup((built.site / "index.html").read_text(encoding="utf-8"), "html.parser").find(
        "article"
    )
    text = " ".join(article.get_text(" ").split())
    assert "Tra cứu theo việc cần làm" in text and "Sinh con" in text
    links = {a.get_text(" ", strip=True): a["href"] for a in article.select(".su-kien a[href]")}
    assert links["Đăng ký khai sinh"].endswith("thu-tuc/1.001193/")
    # the contact block says where to ask while the profile has no address
    assert "chưa được cập nhật trên trang" in text and "trụ sở Ủy ban nhân dân xã Phượng Kỳ" in text
    # online: the report's stated figure with its period, the list's count with its date
    assert "134 (Kỳ báo cáo (15/06/2022 – 14/09/2022))" in text
    assert "Theo danh mục trên trang (cập nhật đến 14/09/2022)" in text


def test_a_commune_replaces_the_events_with_its_own_file(project):
    (project.content / "su-kien.yaml").write_text(
        "su_kien:\n  - ten: Làm nhà\n    ten_co: [nhà ở]\n", encoding="utf-8"
    )
    site = load_site(project.content, "content", today=TODAY)
    assert [e.ten for e in site.events.su_kien] == ["Làm nhà"]


def test_a_bad_events_file_fails_with_its_line(project):
    from .conftest import data_errors

    (project.content / "su-kien.yaml").write_text(
        "su_kien:\n  - ten: Sinh con\n    ma: [1.001193]\n", encoding="utf-8"
    )
    problems = [p for p in data_errors(project) if p.file == "content/su-kien.yaml"]
    assert problems and problems[0].line == 3 and "ma" in problems[0].field

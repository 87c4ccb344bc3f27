"""Synthetic content for the scaling benchmark: the real site ×1, ×10, ×50. Never written to content/.

×k has 163·k procedures (the real list, then numbered copies with codes ``9.xxxxxx``, a prefix
no real procedure uses) and ``REPORTS[k]`` quarterly reports ending in Q3/2022, each valid
under every rule of the build (figures in the text, sums, counts equal to the list), published
and locked. Everything here is labelled as sample data.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

from cchc_site.core.models import DanhMuc
from cchc_site.lock import file as lock_file
from cchc_site.lock import seal as lock
from cchc_site.validate import load_site

ROOT = Path(__file__).resolve().parent.parent
REPORTS = {1: 1, 10: 10, 50: 40}
LISTED = date(2012, 1, 1)  # every synthetic procedure is listed before the first report


def quarters(count: int) -> list[tuple[int, int]]:
    """The ``count`` quarters ending with Q3/2022, oldest first."""
    found, nam, quy = [], 2022, 3
    for _ in range(count):
        found.append((nam, quy))
        nam, quy = (nam, quy - 1) if quy > 1 else (nam - 1, 4)
    return found[::-1]


def procedures(scale: int) -> dict:
    real = yaml.safe_load((ROOT / "content" / "thu-tuc.yaml").read_text(encoding="utf-8"))
    items = []
    serial = 0
    for copy in range(scale):
        for item in real["thu_tuc"]:
            clone = dict(item, ngay_niem_yet=LISTED)
            if copy:
                serial += 1
                clone["ma"] = f"9.{serial:06d}"
                clone["ten"] = f"{item['ten']} (mẫu {copy + 1})"
                clone.pop("duong_dan", None)
                clone.pop("ban_ghi", None)  # a record by name is for uncoded entries only
            items.append(clone)
    return {
        "nguon": {"tai_dung": True, "ghi_chu": "Danh mục mẫu để đo hiệu năng, không phải dữ liệu thật."},
        "thu_tuc": items,
    }


def report(nam: int, quy: int, index: int, counts: dict[str, int]) -> str:
    end = date(nam, 3 * quy, 14)
    a, b = 10 + index % 7, 12 + index % 5
    received, early, on_time, waiting = 300 + 7 * index, 280 + 6 * index, 9 + index % 4, 11 + index % 3
    received = early + on_time + waiting
    sent, good = 400 + index, 390 + index
    online = counts["tong"] // 2
    data = {
        "nam": nam,
        "quy": quy,
        "co_quan_ban_hanh": "Ủy ban nhân dân xã Phượng Kỳ",
        "so_ky_hieu": f"{100 + index}/BC-UBND",
        "trich_yeu": f"Công tác cải cách hành chính quý {quy} năm {nam} (báo cáo mẫu để đo hiệu năng)",
        "ngay_dang_tai": (end + timedelta(days=20)).isoformat(),
        "mo_dau": ["Báo cáo mẫu do chương trình đo hiệu năng tạo ra, không phải số liệu thật."],
        "phan": [
            {
                "so": "I",
                "tieu_de": "VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
                "muc": [
                    {
                        "so": 1,
                        "tieu_de": "Công tác tuyên truyền cải cách hành chính",
                        "doan_van": [f"Trong kỳ đã phát sóng {a} lượt và đăng {b} bài tuyên truyền."],
                        "so_lieu": {"tuyen_truyen": {"phat_song": a, "bai_dang": b}},
                    }
                ],
            },
            {
                "so": "II",
                "tieu_de": "KẾT QUẢ THỰC HIỆN",
                "muc": [
                    {
                        "so": 1,
                        "tieu_de": "Cải cách thủ tục hành chính",
                        "doan_van": [
                            (
                                f"Đến nay có {counts['tong']} thủ tục được niêm yết, trong đó {counts['cap_xa']} thủ tục cấp xã, "
                                f"{counts['quoc_phong']} thủ tục lĩnh vực Quốc phòng, {counts['cong_an']} thủ tục lĩnh vực Công an; "
                                f"{online} thủ tục giải quyết trực tuyến."
                            ),
                            (
                                f"Trong kỳ tiếp nhận {received} hồ sơ; đã giải quyết {early + on_time} hồ sơ ({early} hồ sơ trước "
                                f"hạn, {on_time} hồ sơ đúng hạn), {waiting} hồ sơ đang giải quyết."
                            ),
                            f"Phát ra {sent} phiếu đánh giá, {good} phiếu đánh giá tốt.",
                        ],
                        "so_lieu": {
                            "thu_tuc": {**counts, "truc_tuyen": online},
                            "ho_so": {
                                "tiep_nhan": received,
                                "da_giai_quyet": early + on_time,
                                "truoc_han": early,
                                "dung_han": on_time,
                                "dang_giai_quyet": waiting,
                            },
                            "khao_sat": {"phieu_phat_ra": sent, "phieu_tot": good},
                        },
                    }
                ],
            },
        ],
        "danh_gia_chung": {"so": "III", "tieu_de": "ĐÁNH GIÁ CHUNG", "han_che": ["Hạn chế mẫu."]},
        "phuong_huong": {
            "so": "IV",
            "tieu_de": "PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ SAU",
            "nhiem_vu": ["Nhiệm vụ mẫu."],
        },
        "ket_luan": "Trên đây là báo cáo mẫu.",
        "noi_nhan": ["Lưu: VT."],
        "chu_ky": {"quyen_han": "TM. ỦY BAN NHÂN DÂN", "chuc_vu": "CHỦ TỊCH", "ho_ten": "Người Ký Mẫu"},
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def make_project(target: Path, scale: int) -> Path:
    """A project folder (mkdocs.yml, hooks.py, content/) holding the ×``scale`` site."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(ROOT / "hooks.py", target / "hooks.py")
    if not (target / "cchc_site").exists():
        (target / "cchc_site").symlink_to(ROOT / "cchc_site")
    make_content(target / "content", scale)
    return target


def make_content(content: Path, scale: int, periods: list[tuple[int, int]] | None = None) -> Path:
    """A content folder holding the ×``scale`` data, its reports for ``periods`` (default
    ``quarters(REPORTS[scale])``), published and locked."""
    shutil.copytree(ROOT / "content" / "trang", content / "trang")
    shutil.copy(ROOT / "content" / "xa.yaml", content / "xa.yaml")
    listing = procedures(scale)
    (content / "thu-tuc.yaml").write_text(
        yaml.safe_dump(listing, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
    )
    groups = DanhMuc.model_validate(listing).thu_tuc
    counts = {
        "tong": len(groups),
        **{n: sum(1 for t in groups if t.nhom == n) for n in ("cap_xa", "quoc_phong", "cong_an")},
    }
    (content / "bao-cao").mkdir()
    for index, (nam, quy) in enumerate(periods or quarters(REPORTS[scale])):
        (content / "bao-cao" / f"{nam}-q{quy}.yaml").write_text(
            report(nam, quy, index, counts), encoding="utf-8"
        )
    site = load_site(content, "content", locking=True)
    (content / lock.LOCK_FILE).write_text(lock_file.dump(site.to_lock), encoding="utf-8")
    return content

"""A set of Word reports in the shapes communes really publish (../shared/DOMAIN.md, «Reports other
than the seed»), each with the figures a careful clerk would record: the yardstick of
``import-report``'s proposals (tests/test_word_set.py; benchmarks/word_import.py records the
precision and recall in BENCHMARKS.md). Synthetic texts written for this purpose, not real reports.

A line starting with «**» is bold; «#» starts a header table (issuer | number | date line);
«@» a closing table (recipients | signature).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import docx
import yaml


@dataclass(frozen=True)
class WordCase:
    name: str
    ky: str
    today: date
    lines: tuple[str, ...]
    truth: dict[str, int]  # every figure of the catalogue the text states, as a clerk records it
    changes: tuple[tuple[str, str, str], ...] = ()  # changes stated of a figure: key, as written, so_voi
    rates: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()  # stated with a written formula


def make_docx(lines: tuple[str, ...]) -> bytes:
    document = docx.Document()
    for line in lines:
        if line.startswith("#"):
            issuer, number, dated = (part.strip() for part in line[1:].split("|"))
            table = document.add_table(rows=2, cols=2)
            first = table.cell(0, 0).paragraphs[0]
            first.add_run("ỦY BAN NHÂN DÂN").add_break()
            first.add_run(issuer.upper())
            table.cell(1, 0).paragraphs[0].add_run(f"Số: {number}")
            table.cell(0, 1).paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            table.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
            table.cell(1, 1).paragraphs[0].add_run(dated)
        elif line.startswith("@"):
            recipients, signer = (part.strip() for part in line[1:].split("|"))
            table = document.add_table(rows=1, cols=2)
            left = table.cell(0, 0)
            left.paragraphs[0].add_run("Nơi nhận:")
            for name in recipients.split(";"):
                left.add_paragraph(f"- {name.strip()};")
            right = table.cell(0, 1)
            right.paragraphs[0].add_run("TM. ỦY BAN NHÂN DÂN")
            right.add_paragraph("CHỦ TỊCH")
            right.add_paragraph(signer)
        elif line.startswith("**"):
            document.add_paragraph().add_run(line[2:]).bold = True
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


CASES: tuple[WordCase, ...] = (
    WordCase(
        "thang-thong-ke",  # monthly statistics: «BÁO CÁO» run into the title, «1.» items, * - + bullets
        "2023-t08",
        date(2023, 8, 20),
        (
            "View Count: 115",
            "**BÁO CÁO Tình hình giải quyết thủ tục hành chính tháng 8 năm 2023",
            "1. Tình hình tiếp nhận hồ sơ",
            "* Tổng số hồ sơ tiếp nhận: 1.442 hồ sơ, tăng 36,42% so với tháng trước, trong đó:",
            "- Kỳ trước chuyển sang: 12 hồ sơ;",
            "- Mới tiếp nhận trong kỳ: 1.430 hồ sơ;",
            "+ Tiếp nhận trực tuyến: 690 hồ sơ (toàn trình 300 hồ sơ, một phần 390 hồ sơ);",
            "2. Tình hình giải quyết hồ sơ",
            "* Đã giải quyết: 1.330 hồ sơ, trong đó trước hạn 1.100 hồ sơ, đúng hạn 112 hồ sơ, trễ hạn 118 hồ sơ.",
            "* Đang giải quyết: 112 hồ sơ, trong đó trong hạn 100 hồ sơ, quá hạn 12 hồ sơ.",
            "- Số hồ sơ được số hóa: 950 hồ sơ; thanh toán trực tuyến 72 hồ sơ.",
            "Tỷ lệ giải quyết trước hạn và đúng hạn đạt 91,13%.",
            "Chia sẻ",
        ),
        {
            "ho_so.tiep_nhan": 1442,
            "ho_so.ton_ky_truoc": 12,
            "ho_so.moi_tiep_nhan": 1430,
            "ho_so.truc_tuyen": 690,
            "ho_so.truc_tuyen_toan_trinh": 300,
            "ho_so.truc_tuyen_mot_phan": 390,
            "ho_so.da_giai_quyet": 1330,
            "ho_so.truoc_han": 1100,
            "ho_so.dung_han": 112,
            "ho_so.qua_han": 118,
            "ho_so.dang_giai_quyet": 112,
            "ho_so.dang_trong_han": 100,
            "ho_so.dang_qua_han": 12,
            "ho_so.so_hoa": 950,
            "ho_so.thanh_toan_truc_tuyen": 72,
        },
        (("ho_so.tiep_nhan", "tăng 36,42%", "ky_truoc"),),
    ),
    WordCase(
        "quy-long-nhau",  # a quarterly report whose «1.» sections nest under «I. TÌNH HÌNH TRIỂN KHAI»
        "2023-q1",
        date(2023, 3, 25),
        (
            "# XÃ HÒA MỸ | 21/BC-UBND | Hòa Mỹ, ngày 20 tháng 3 năm 2023",
            "**BÁO CÁO",
            "**Kết quả công tác cải cách hành chính quý I năm 2023",
            "Thực hiện Kế hoạch số 05/KH-UBND ngày 10/01/2023 của UBND xã, UBND xã báo cáo như sau:",
            "**I. TÌNH HÌNH TRIỂN KHAI",
            "**1. Công tác tuyên truyền",
            (
                "Trong quý, xã đã phát sóng 24 lượt tin tuyên truyền cải cách hành chính trên đài truyền thanh, "
                "đăng tải 9 bài trên trang thông tin điện tử của xã."
            ),
            "**2. Cải cách thủ tục hành chính",
            (
                "Tổng số TTHC được niêm yết là 163 thủ tục, trong 30 lĩnh vực. Bộ phận một cửa tiếp nhận 640 hồ sơ, "
                "đã giải quyết 610 hồ sơ, đang giải quyết 30 hồ sơ."
            ),
            "**3. Công tác hộ tịch, chứng thực",
            "Đăng ký khai sinh 45 trường hợp, kết hôn 12 cặp, khai tử 9 trường hợp; chứng thực 380 việc.",
            "**II. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ II NĂM 2023",
            "1. Tiếp tục tuyên truyền cải cách hành chính.",
            "Trên đây là báo cáo kết quả công tác cải cách hành chính quý I năm 2023 của UBND xã Hòa Mỹ./.",
            "@ UBND huyện; Lưu: VP | Lê Văn An",
        ),
        {
            "tuyen_truyen.phat_song": 24,
            "tuyen_truyen.bai_dang": 9,
            "thu_tuc.tong": 163,
            "thu_tuc.so_linh_vuc": 30,
            "ho_so.tiep_nhan": 640,
            "ho_so.da_giai_quyet": 610,
            "ho_so.dang_giai_quyet": 30,
            "ho_tich.khai_sinh": 45,
            "ho_tich.ket_hon": 12,
            "ho_tich.khai_tu": 9,
            "chung_thuc.tong": 380,
        },
    ),
    WordCase(
        "tin-sau-thang",  # a portal's news item: no header, no signature, no Roman parts
        "2024-6t",
        date(2024, 7, 10),
        (
            "Ngày đăng: 10/07/2024",
            "**Xã Tân An sơ kết công tác cải cách hành chính 6 tháng đầu năm",
            "1. Kết quả giải quyết thủ tục hành chính",
            (
                "Trong 6 tháng đầu năm, Bộ phận tiếp nhận và trả kết quả đã tiếp nhận 820 hồ sơ, trong đó có "
                "410 hồ sơ trực tuyến toàn trình và 150 hồ sơ trực tuyến một phần. Đã giải quyết 800 hồ sơ, "
                "trong đó trễ hạn 6 hồ sơ; còn 20 hồ sơ đang giải quyết, không có hồ sơ quá hạn."
            ),
            "2. Công tác tiếp nhận phản ánh",
            "Xã tiếp nhận 15 đơn kiến nghị, phản ánh của công dân, đã giải quyết xong 13 đơn.",
            "Lượt xem: 1.024",
        ),
        {
            "ho_so.tiep_nhan": 820,
            "ho_so.truc_tuyen_toan_trinh": 410,
            "ho_so.truc_tuyen_mot_phan": 150,
            "ho_so.da_giai_quyet": 800,
            "ho_so.qua_han": 6,
            "ho_so.dang_giai_quyet": 20,
            "ho_so.dang_qua_han": 0,
            "don_thu.kien_nghi_phan_anh.tong": 15,
            "don_thu.kien_nghi_phan_anh.da_giai_quyet": 13,
        },
    ),
    WordCase(
        "nam-don-thu",  # an annual report: petitions by kind, civil status, staff
        "2023-nam",
        date(2023, 12, 20),
        (
            "# XÃ ĐẠI SƠN | 98/BC-UBND | Đại Sơn, ngày 15 tháng 12 năm 2023",
            "**BÁO CÁO",
            "**Kết quả công tác cải cách hành chính năm 2023",
            "**I. KẾT QUẢ THỰC HIỆN",
            "**1. Công tác tiếp công dân, giải quyết đơn thư",
            (
                "Trong năm, UBND xã tiếp nhận 21 đơn, trong đó 3 đơn tố cáo, 5 đơn khiếu nại, 13 đơn kiến nghị, "
                "phản ánh; đã giải quyết 19 đơn, đang giải quyết 2 đơn."
            ),
            "**2. Công tác hộ tịch",
            (
                "Đăng ký khai sinh 210 trường hợp, giảm 4,5% so với cùng kỳ, đăng ký lại khai sinh 14 trường hợp, kết hôn 76 cặp, "
                "xác nhận tình trạng hôn nhân 120 trường hợp, khai tử 64 trường hợp."
            ),
            "**3. Đội ngũ cán bộ, công chức",
            "Hiện nay xã có 20 cán bộ, công chức, trong đó 11 cán bộ, 9 công chức.",
            "**II. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2024",
            "1. Nâng cao chất lượng phục vụ nhân dân.",
            "Trên đây là báo cáo kết quả công tác cải cách hành chính năm 2023 của UBND xã Đại Sơn./.",
            "@ UBND huyện; Lưu: VP | Trần Thị Bình",
        ),
        {
            "don_thu.tong": 21,
            "don_thu.to_cao.tong": 3,
            "don_thu.khieu_nai.tong": 5,
            "don_thu.kien_nghi_phan_anh.tong": 13,
            "don_thu.da_giai_quyet": 19,
            "don_thu.dang_giai_quyet": 2,
            "ho_tich.khai_sinh": 210,
            "ho_tich.dang_ky_lai_khai_sinh": 14,
            "ho_tich.ket_hon": 76,
            "ho_tich.xac_nhan_tinh_trang_hon_nhan": 120,
            "ho_tich.khai_tu": 64,
            "can_bo.tong": 20,
            "can_bo.theo_loai.can_bo": 11,
            "can_bo.theo_loai.cong_chuc": 9,
        },
        (("ho_tich.khai_sinh", "giảm 4,5%", "cung_ky"),),
    ),
    WordCase(
        "chin-thang-gan-dung",  # a 9-month report with approximate figures
        "2023-9t",
        date(2023, 9, 20),
        (
            "# XÃ PHƯỢNG KỲ | 60/BC-UBND | Phượng Kỳ, ngày 18 tháng 9 năm 2023",
            "**BÁO CÁO",
            "**Kết quả công tác cải cách hành chính 9 tháng đầu năm 2023",
            "**I. KẾT QUẢ",
            "**1. Công tác tuyên truyền",
            (
                "Đã hướng dẫn, tuyên truyền trực tiếp tại Bộ phận một cửa khoảng trên 170 lượt; tổ chức 4 cuộc họp "
                "lồng ghép triển khai kế hoạch cải cách hành chính."
            ),
            "**2. Hộ tịch, chứng thực",
            "Giải quyết hơn 1.734 lượt hộ tịch, chứng thực.",
            "**3. Lấy ý kiến đánh giá",
            "Phát ra 300 phiếu đánh giá, thu về 298 phiếu đánh giá tốt.",
            "Trên đây là báo cáo kết quả công tác cải cách hành chính 9 tháng đầu năm 2023 của UBND xã./.",
            "@ UBND huyện; Lưu: VP | Nguyễn Văn An",
        ),
        {
            "tuyen_truyen.huong_dan_truc_tiep": 170,
            "tuyen_truyen.hop_long_ghep": 4,
            "ho_tich_chung_thuc.tong": 1734,
            "khao_sat.phieu_phat_ra": 300,
            "khao_sat.phieu_tot": 298,
        },
    ),
    WordCase(
        "doi-voi",  # a city office's monthly figures, then the same figures «Đối với các xã, phường»
        "2023-t09",
        date(2023, 9, 20),
        (
            "**BÁO CÁO Tình hình giải quyết thủ tục hành chính tháng 9 năm 2023",
            "1. Kết quả giải quyết",
            "Bộ phận một cửa tiếp nhận 1.442 hồ sơ, đã giải quyết 1.330 hồ sơ, đang giải quyết 112 hồ sơ.",
            (
                "- Đối với các xã, phường: tiếp nhận 2.100 hồ sơ, đã giải quyết 2.050 hồ sơ, đang giải quyết "
                "50 hồ sơ."
            ),
        ),
        {
            "ho_so.tiep_nhan": 1442,
            "ho_so.da_giai_quyet": 1330,
            "ho_so.dang_giai_quyet": 112,
            "ho_so@các xã, phường.tiep_nhan": 2100,
            "ho_so@các xã, phường.da_giai_quyet": 2050,
            "ho_so@các xã, phường.dang_giai_quyet": 50,
        },
    ),
    WordCase(
        "cong-thuc",  # figures marked (1), (2), (3) and a rate stated with its formula over the markers
        "2023-t10",
        date(2023, 10, 20),
        (
            "**BÁO CÁO Tình hình giải quyết thủ tục hành chính tháng 10 năm 2023",
            "1. Kết quả giải quyết hồ sơ",
            "- Tổng số hồ sơ tiếp nhận (1): 1.442 hồ sơ;",
            "- Giải quyết trước hạn (2): 1.100 hồ sơ;",
            "- Giải quyết đúng hạn (3): 112 hồ sơ;",
            "- Đã giải quyết: 1.212 hồ sơ.",
            "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn: [(2)+(3)]/(1)×100% = 84,05%.",
        ),
        {
            "ho_so.tiep_nhan": 1442,
            "ho_so.truoc_han": 1100,
            "ho_so.dung_han": 112,
            "ho_so.da_giai_quyet": 1212,
        },
        rates=(("84,05%", ("ho_so.truoc_han", "ho_so.dung_han"), ("ho_so.tiep_nhan",)),),
    ),
    WordCase(
        "giai-doan",  # a multi-year review
        "2016-2020",
        date(2020, 12, 25),
        (
            "# XÃ HÒA MỸ | 140/BC-UBND | Hòa Mỹ, ngày 20 tháng 12 năm 2020",
            "**BÁO CÁO",
            "**Tổng kết công tác cải cách hành chính giai đoạn 2016–2020",
            "**I. KẾT QUẢ THỰC HIỆN",
            "**1. Công tác tuyên truyền",
            (
                "Giai đoạn 2016–2020, xã đã tổ chức 40 hội nghị tuyên truyền cải cách hành chính và đăng tải "
                "512 bài tuyên truyền trên trang thông tin điện tử."
            ),
            "**2. Kiểm tra",
            "Tổ chức 10 cuộc kiểm tra công tác cải cách hành chính tại 6 bộ phận chuyên môn.",
            "Trên đây là báo cáo tổng kết công tác cải cách hành chính giai đoạn 2016–2020 của UBND xã./.",
            "@ UBND huyện; Lưu: VP | Lê Văn An",
        ),
        {
            "tuyen_truyen.hoi_nghi": 40,
            "tuyen_truyen.bai_dang": 512,
            "kiem_tra.so_cuoc": 10,
            "kiem_tra.don_vi_duoc_kiem_tra": 6,
        },
    ),
)


def proposals(draft: Path) -> dict[str, int]:
    """Every figure of the draft: indicator key → value."""
    found: dict[str, int] = {}

    def walk(prefix: str, node: dict) -> None:
        for name, value in node.items():
            if name in ("pham_vi", "doi_voi"):
                continue
            if isinstance(value, dict) and "gia_tri" in value:
                found[prefix + name] = value["gia_tri"]
            elif isinstance(value, int) and not isinstance(value, bool):
                found[prefix + name] = value
            elif isinstance(value, dict):
                walk(f"{prefix}{name}.", value)

    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    for phan in data.get("phan") or []:
        for muc in phan.get("muc") or []:
            for group, value in (muc.get("so_lieu") or {}).items():
                if group in ("ty_le", "thay_doi"):
                    continue
                blocks = value if isinstance(value, list) else [value]  # «Đối với …»: a list of blocks
                for block in blocks:
                    unit = block.get("doi_voi")
                    walk(f"{group}@{unit}." if unit else f"{group}.", block)
    return found


def confirmed(draft: Path, marks: bool = False) -> None:
    """The draft as a clerk finishes it: each figure confirmed (its «de_xuat» deleted; kept with
    ``marks``), the parts the text lacks recorded as absent, the blanks of the header filled."""
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))

    def confirm(node):
        if isinstance(node, dict):
            if "gia_tri" in node and node.get("de_xuat") and not marks:
                node.pop("de_xuat")
                return node["gia_tri"] if set(node) == {"gia_tri"} else node
            return {k: confirm(v) for k, v in node.items()}
        if isinstance(node, list):
            return [confirm(v) for v in node]
        return node

    data = confirm(data)
    data["co_quan_ban_hanh"] = data.get("co_quan_ban_hanh") or "Ủy ban nhân dân xã Phượng Kỳ"
    absent = []
    for part, empty in (("mo_dau", [""]), ("ket_luan", ""), ("noi_nhan", [""])):
        if data.get(part) in (empty, None, []):
            data.pop(part, None)
            absent.append(part)
    if not (data.get("chu_ky") or {}).get("ho_ten"):
        data.pop("chu_ky", None)
        absent.append("chu_ky")
    if absent:
        data["khong_co"] = absent
    draft.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def changes(draft: Path) -> tuple[tuple[str, str, str], ...]:
    """Every change the draft records: key, as written, the period compared."""
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    return tuple(
        (change["chi_tieu"], change["gia_tri"], change.get("so_voi", "ky_truoc"))
        for phan in data.get("phan") or []
        for muc in phan.get("muc") or []
        for change in (muc.get("so_lieu") or {}).get("thay_doi") or []
    )


def written_rates(draft: Path) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """Every stated rate the draft records with the text's formula: as written, numerator, denominator."""
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    return tuple(
        (rate["gia_tri"], tuple(rate.get("tu_so") or ()), tuple(rate.get("mau_so") or ()))
        for phan in data.get("phan") or []
        for muc in phan.get("muc") or []
        for rate in (muc.get("so_lieu") or {}).get("ty_le") or []
    )

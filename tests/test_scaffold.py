"""``new-report`` as a new user meets it: scaffold 2022-q4, run ``check``, fill in, run again.

The first check lists every blank (texts, figures, the dates of scopes); allowed values are listed in
Vietnamese; examples fit their field; an empty figure says the group may go; a reversed data window
is one error; comments quoting the earlier report never cut a word.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from cchc_site.content import drafts
from cchc_site.content.documents import load_yaml
from cchc_site.core.errors import Problems

from .conftest import REPORT

Q4 = "bao-cao/2022-q4.yaml"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", *args], capture_output=True, text=True, timeout=120
    )


def scaffold(project, *args: str) -> str:
    result = run("new-report", "2022-q4", "--content", str(project.content), *args)
    assert result.returncode == 0, result.stderr
    return (project.content / Q4).read_text(encoding="utf-8")


def check(project) -> str:
    result = run("check", str(project.content))
    assert "Traceback" not in result.stderr
    return result.stderr


def problems_of(stderr: str) -> list[str]:
    """Each problem of the check, as one block: its head line and the lines under it."""
    blocks: list[str] = []
    for line in stderr.splitlines():
        if line.startswith(("  dòng ", "  cả tệp")):
            blocks.append(line)
        elif line.startswith("      ") and blocks:
            blocks[-1] += "\n" + line
    return blocks


def fill_texts(body: str) -> str:
    """What the clerk types first: every paragraph and title (figures and dates still blank)."""
    return body.replace('- ""', "- Nội dung đã ký.").replace(': ""', ": Nội dung đã ký")


def fill_all(body: str, day: str = "2022-12-10") -> str:
    """Everything filled: texts, the dates of scopes, and each figure with last period's value."""
    body = fill_texts(body).replace("ngay: }", f"ngay: {day}}}")
    return re.sub(r"^(\s+\w+):  # (.*); kỳ trước: (?:khoảng trên )?(\d+)$", r"\1: \3", body, flags=re.M)


def test_empty_scope_dates_are_in_the_first_check(project):
    body = scaffold(project)
    first = check(project)
    for group in ("ho_so", "phan_anh", "ky_luat"):
        line = next(i for i, text in enumerate(body.splitlines(), 1) if f"{group}:" in text) + 1
        assert (
            f"  dòng {line}: trường «phan[2].muc[" in first
            and f".so_lieu.{group}.pham_vi.ngay»: Phạm vi «tinh_den» cần ngày." in first
        )
    assert "so_lieu.ho_so.tiep_nhan»: Cần một số nguyên (Tổng số hồ sơ)." in first  # empty figures too


def test_filling_the_texts_reveals_no_new_blank(project):
    body = scaffold(project)
    first = {p.split(":")[1] for p in problems_of(check(project)) if "so_lieu" in p}
    (project.content / Q4).write_text(fill_texts(body), encoding="utf-8")
    second = [p for p in problems_of(check(project)) if "Cần một số nguyên" in p or "cần ngày" in p]
    assert second and {p.split(":")[1] for p in second} <= first


MISTAKES = [  # what the clerk writes → the line of «Cần:» the check must print
    (
        "pham_vi: {loai: ky_bao_cao}",
        "pham_vi: {loai: ky_bao_coa}",
        "một trong: «ky_bao_cao», «luy_ke_nam», «tinh_den» hoặc «khoang»",
    ),
    (
        "truc_tuyen_phan_loai: muc_do_3_4",
        "truc_tuyen_phan_loai: muc_do_5",
        "một trong: «muc_do_3_4» hoặc «toan_trinh_mot_phan»",
    ),
    (
        "tiep_nhan:  #",
        "tiep_nhan: {gia_tri: 5, xap_xi: khoangg}  #",
        "một trong: «khoang», «khoang_tren», «tren», «hon», «gan» hoặc «duoi»",
    ),
    (
        "            tong:  # Tổng số cán bộ",
        "            tongg:  # Tổng số cán bộ",
        "một trong: «pham_vi», «doi_voi», «linh_vuc», «trong_do», «tong», ",
    ),
]


@pytest.mark.parametrize(
    "old, new, expected", MISTAKES, ids=["literal", "option", "approx", "unknown-member"]
)
def test_allowed_values_are_listed_in_vietnamese(project, old, new, expected):
    body = scaffold(project)
    assert old in body
    (project.content / Q4).write_text(fill_texts(body.replace(old, new, 1)), encoding="utf-8")
    stderr = check(project)
    assert f"Cần: {expected}" in stderr
    assert not re.search(r"\bor\b|choose from|Input should", stderr)


def test_a_wrong_option_value_on_the_command_line_is_named_in_vietnamese():
    result = run("import-procedures", "ds.xlsx", "--nhom", "xa")
    assert result.returncode == 2
    assert (
        "«--nhom»: giá trị «xa» không được phép; chọn một trong: «cap_xa», «quoc_phong» hoặc «cong_an»"
        in result.stderr
    )
    assert "lệnh" not in result.stderr.split("lỗi:")[1]  # a value is not a command


@pytest.mark.parametrize(
    "relative, old, new, expected",
    [
        (Q4, "nam: 2022", "nam: hai nghìn", "Cần: số nguyên, VD: 2022"),
        (Q4, "quy: 4", "quy: 5", "Cần: số từ 1 đến 4"),
        ("thu-tuc.yaml", "so_tien: 8000", "so_tien: 8.000", "Cần: số nguyên, VD: 8000"),
        (Q4, "tiep_nhan:  #", "tiep_nhan: nhiều  #", "Cần: số nguyên, VD: 16 hoặc 05"),
    ],
)
def test_the_example_in_a_message_fits_the_field(project, relative, old, new, expected):
    scaffold(project)
    project.replace(relative, old, new)
    if relative == Q4:
        body = (project.content / Q4).read_text(encoding="utf-8")
        (project.content / Q4).write_text(fill_texts(body), encoding="utf-8")
    stderr = check(project)
    assert expected in stderr, stderr


def test_every_example_in_the_scaffold_is_a_valid_value_of_its_field(project):
    body = scaffold(project)
    examples = re.findall(
        r"^(\s*)(\w+):(?: \"\")?  # (?:[^#]*?)VD: (?:«([^»…]+)»|([^;«»\s]+))", body, flags=re.M
    )
    assert len(examples) >= 4
    filled = body
    for indent, key, quoted, plain in examples:
        value = quoted or plain
        filled = re.sub(
            rf"^{indent}{key}:(?: \"\")?  # .*$", f"{indent}{key}: {value}", filled, count=1, flags=re.M
        )
    (project.content / Q4).write_text(fill_all(filled), encoding="utf-8")
    blocks = problems_of(check(project))
    for _, key, *_ in examples:
        assert not [b for b in blocks if f"trường «{key}»" in b or f".{key}»" in b], key


def test_an_empty_figure_says_the_whole_group_may_be_deleted(project):
    body = scaffold(project)
    line = next(i for i, text in enumerate(body.splitlines(), 1) if text.strip().startswith("ho_so:"))
    blocks = problems_of(check(project))
    required = next(p for p in blocks if ".so_lieu.ho_so.tiep_nhan»" in p)  # «bat_buoc» in the catalogue
    assert "Tìm thấy: để trống" in required
    assert f"Số này bắt buộc khi có nhóm «ho_so» (dòng {line}): báo cáo không nêu thì xóa cả nhóm" in required
    optional = next(p for p in blocks if ".so_lieu.ho_so.da_giai_quyet»" in p)
    assert "Báo cáo không nêu số này thì xóa dòng «da_giai_quyet»." in optional
    assert f"Báo cáo không nêu số nào của nhóm «ho_so» (dòng {line}) thì xóa cả nhóm" in optional


def test_deleting_the_group_the_report_does_not_state_is_accepted(project):
    body = fill_all(scaffold(project))
    start = body.index("          ky_luat:")
    end = body.index("      - so: 5")
    (project.content / Q4).write_text(body[:start] + body[end:], encoding="utf-8")
    assert "so_lieu.ky_luat" not in check(project)


def test_a_reversed_window_is_one_error(project):
    body = fill_all(scaffold(project))
    body = body.replace(
        "tu_ngay: 2022-09-15\n  den_ngay: 2022-12-14", "tu_ngay: 2022-12-14\n  den_ngay: 2022-09-15"
    )
    (project.content / Q4).write_text(body, encoding="utf-8")
    blocks = problems_of(check(project))
    dated = [b for b in blocks if re.search(r"Kỳ số liệu|nằm ngoài|Khoảng thời gian", b)]
    assert len(dated) == 1, "\n".join(dated)
    assert "Kỳ số liệu: ngày bắt đầu phải trước ngày kết thúc." in dated[0]
    assert "Cần: ngày bắt đầu trước ngày kết thúc" in dated[0] and "đổi chỗ" in dated[0]


def test_new_report_refuses_a_reversed_window(project):
    result = run(
        "new-report",
        "2022-q4",
        "--content",
        str(project.content),
        "--tu-ngay",
        "14/12/2022",
        "--den-ngay",
        "15/9/2022",
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--tu-ngay (14/12/2022) phải trước --den-ngay (15/09/2022)" in result.stderr
    assert not (project.content / Q4).exists()


@pytest.mark.parametrize(
    "value",
    [
        "Trên đây là báo cáo công tác cải cách hành chính quý 3 năm 2022 của Ủy ban nhân dân xã Phượng Kỳ./.",
        "x" * 90 + " cuối",
        "Công tác " + "cải-cách-hành-chính-" * 5 + " năm 2022",
        "Báo cáo kết quả thực hiện công tác cải cách hành chính quý III năm 2022, phương hướng quý IV",
    ],
)
def test_a_quoted_text_is_never_cut_mid_word(value):
    quoted = drafts.quoted(value)
    inner = quoted.strip("«»").removesuffix(" …")
    words = value.split()
    assert inner.split() == words[: len(inner.split())]  # whole words, in order
    assert len(inner) <= drafts.QUOTE_WIDTH or len(inner.split()) == 1


def test_scaffold_comments_quote_whole_words(project):
    long_end = (
        "Trên đây là báo cáo công tác cải cách hành chính quý 3 năm 2022 của Ủy ban nhân dân xã Phượng Kỳ./."
    )
    text = (project.content / REPORT).read_text(encoding="utf-8")
    current = re.search(r"^ket_luan: (.*)$", text, flags=re.M)
    assert current
    project.replace(REPORT, current.group(0), f"ket_luan: {long_end}")
    body = scaffold(project)
    for comment in re.findall(r"kỳ trước: «([^»]*)»", body):
        shown = comment.removesuffix(" …")
        source = long_end if "Trên đây" in shown else None
        if source:
            assert source.startswith(shown) and source[len(shown)] == " "
    problems = Problems()
    assert load_yaml(project.content / Q4, Q4, problems) is not None and not problems.items

"""A figure mapped to the wrong indicator cannot be published: its own clause must support it.
The three wrong proposals of a real report (118 «trễ hạn» → online one-part dossiers; 690 online
dossiers → digitised; 72 carried over → online payments) are refused by ``check`` even once the
``de_xuat`` marks are deleted, each message naming the word that is really there."""

from __future__ import annotations

import pytest

from .conftest import Project, data_errors

DRAFT = """\
nam: 2022
quy: 4
co_quan_ban_hanh: Ủy ban nhân dân xã Phượng Kỳ
trich_yeu: Báo cáo kết quả công tác cải cách hành chính quý IV năm 2022
khong_co: [mo_dau, ket_luan, noi_nhan, chu_ky]
phan:
  - so: I
    tieu_de: KẾT QUẢ
    muc:
      - so: 1
        tieu_de: Giải quyết thủ tục hành chính
        doan_van:
          - >-
            Trong kỳ, Bộ phận một cửa tiếp nhận 1.442 hồ sơ, trong đó 72 hồ sơ kỳ trước chuyển sang;
            690 hồ sơ nộp trực tuyến. Đã giải quyết 1.330 hồ sơ, trong đó trễ hạn 118 hồ sơ.
        so_lieu:
          ho_so:
            tiep_nhan: 1442
            {carried}: 72
            {online}: 690
            da_giai_quyet: 1330
            {late}: 118
"""

RIGHT = {"carried": "ton_ky_truoc", "online": "truc_tuyen", "late": "qua_han"}
WRONG = {"carried": "thanh_toan_truc_tuyen", "online": "so_hoa", "late": "truc_tuyen_mot_phan"}
SAID = {"carried": "kỳ trước", "online": "trực tuyến", "late": "trễ hạn"}


def write(project: Project, mapping: dict[str, str]) -> None:
    (project.content / "bao-cao" / "2022-q4.yaml").write_text(DRAFT.format(**mapping), encoding="utf-8")


def test_the_right_mapping_is_accepted(project: Project) -> None:
    write(project, RIGHT)
    from cchc_site.validate import load_site

    from .conftest import TODAY

    load_site(project.content, "content", today=TODAY)


@pytest.mark.parametrize("place", list(WRONG))
def test_a_wrong_mapping_is_refused_naming_what_the_clause_says(project: Project, place: str) -> None:
    write(project, {**RIGHT, place: WRONG[place]})
    problems = [p for p in data_errors(project) if p.file.endswith("2022-q4.yaml")]
    (problem,) = problems
    assert problem.field.endswith(f"ho_so.{WRONG[place]}")
    assert (
        f"nói về «{SAID[place]}»" in problem.message and "không được gắn với chỉ tiêu này" in problem.message
    )

"""No silent edits: published reports equal their locked values plus their recorded corrections."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from cchc_site.core.errors import DataError
from cchc_site.lock import file as lock_file
from cchc_site.lock import seal as lock
from cchc_site.validate import load_site

TODAY = date(2026, 11, 28)
Q1 = "bao-cao/2023-q1.yaml"
Q2 = "bao-cao/2023-q2.yaml"
PARAGRAPH = "Trong kỳ, đã thực hiện phát sóng được 12 lượt"


def errors(project) -> str:
    with pytest.raises(DataError) as caught:
        load_site(project.content, "content", today=TODAY)
    return caught.value.format()


def test_fixture_with_a_recorded_correction_loads(history_project):
    site = load_site(history_project.content, "content", today=TODAY)
    assert len(site.reports) == 9 and not site.drafts and not site.to_lock
    q1 = next(r for r in site.reports if r.model.slug == "2023-q1")
    assert [c.truong for c in q1.model.cap_nhat] == ["tuyen_truyen.bai_dang", "phan.1.muc.2.doan_van.1"]
    assert q1.seal != q1.current_seal  # corrected since publication
    q2 = next(r for r in site.reports if r.model.slug == "2023-q2")
    assert q2.seal == q2.current_seal


def test_silent_figure_change_fails_and_says_how_to_record_it(history_project):
    history_project.replace(Q2, "tiep_nhan: 521", "tiep_nhan: 522")
    history_project.replace(Q2, "da_giai_quyet: 514", "da_giai_quyet: 515")
    history_project.replace(Q2, "dung_han: 12", "dung_han: 13")
    message = errors(history_project)
    line = history_project.line_of(Q2, "tiep_nhan: 522")
    assert f"content/bao-cao/2023-q2.yaml:{line}" in message
    assert "bị thay đổi mà không ghi cập nhật: Hồ sơ TTHC: Tổng số hồ sơ" in message
    assert "Cần: 521 (như đã công bố)" in message
    assert "truong: ho_so.tiep_nhan\n            gia_tri_cu: 521\n            gia_tri_moi: 522" in message


def test_silent_text_change_names_the_paragraph(history_project):
    history_project.replace(Q2, "UBND xã Phượng Kỳ về cải cách", "Ủy ban nhân dân xã Phượng Kỳ về cải cách")
    message = errors(history_project)
    assert "bị thay đổi mà không ghi cập nhật" in message
    line = history_project.line_of(Q2, "mo_dau:") + 1
    assert f"2023-q2.yaml:{line}: trường «mo_dau[1]»" in message
    assert "truong: mo_dau.1" in message and "gia_tri_moi: >-" in message


def test_recorded_correction_passes(history_project):
    old = "Trong kỳ, đã thực hiện phát sóng được 18 lượt"
    history_project.replace(Q2, old, old.replace("18", "19"))
    history_project.replace(Q2, "phat_song: 18", "phat_song: 19")
    message = errors(history_project)  # first without a record: refused
    lines = message.splitlines()
    paragraph_key = next(line.split("truong: ")[1] for line in lines if "truong: phan." in line)
    text = lines[lines.index("            gia_tri_moi: >-") + 1].strip()  # the build printed it
    with (history_project.content / Q2).open("a", encoding="utf-8") as file:
        file.write(
            "cap_nhat:\n"
            "  - ngay: 2023-07-01\n    truong: tuyen_truyen.phat_song\n    gia_tri_cu: 18\n"
            "    gia_tri_moi: 19\n    ly_do: Đính chính theo bản đã ký.\n"
            f"  - ngay: 2023-07-01\n    truong: {paragraph_key}\n"
            f'    gia_tri_cu: "{text.replace("19 lượt", "18 lượt")}"\n'
            f'    gia_tri_moi: "{text}"\n    ly_do: Đính chính theo bản đã ký.\n'
        )
    site = load_site(history_project.content, "content", today=TODAY)
    assert len(next(r for r in site.reports if r.model.slug == "2023-q2").model.cap_nhat) == 2


@pytest.mark.parametrize(
    "edit, expected",
    [
        (("gia_tri_cu: 15", "gia_tri_cu: 14"), "Giá trị cũ không khớp với giá trị đang công bố"),
        (("gia_tri_moi: 16", "gia_tri_moi: 15"), "Cập nhật không thay đổi gì"),
        (
            (
                "ngay: 2023-04-03\n    truong: tuyen_truyen.bai_dang",
                "ngay: 2023-03-01\n    truong: tuyen_truyen.bai_dang",
            ),
            "Ngày cập nhật phải từ ngày đăng tải trở đi",
        ),
        (
            (
                "ngay: 2023-04-03\n    truong: tuyen_truyen.bai_dang",
                "ngay: 2027-01-01\n    truong: tuyen_truyen.bai_dang",
            ),
            "Ngày cập nhật ở tương lai",
        ),
        (
            ("truong: tuyen_truyen.bai_dang", "truong: tuyen_truyen.bai_dangg"),
            "Có phải ý bạn là «tuyen_truyen.bai_dang»?",
        ),
        (
            ("ngay_dang_tai: 2023-03-24", "ngay_dang_tai: 2023-03-25"),
            "đã công bố bị đổi mà không ghi cập nhật",
        ),
        (("ngay_dang_tai: 2023-03-24\n", ""), "không thể trở lại bản nháp"),
    ],
)
def test_broken_correction_records_fail(history_project, edit, expected):
    history_project.replace(Q1, *edit)
    assert expected in errors(history_project)


def test_published_report_cannot_disappear(history_project):
    (history_project.content / Q2).unlink()
    message = errors(history_project)
    assert "Báo cáo 2023-q2 đã đăng tải nhưng không còn tệp" in message


def test_hand_edited_lock_is_detected(history_project):
    path = history_project.content / lock.LOCK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["bao_cao"]["2023-q2"]["gia_tri"]["ho_so.tiep_nhan"] = 520
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    message = errors(history_project)
    assert "tệp khóa đã bị sửa tay" in message


def test_broken_lock_file_is_reported(history_project):
    (history_project.content / lock.LOCK_FILE).write_text('{"phien_ban": 1, "bao_cao": [', encoding="utf-8")
    assert "khoa-so-lieu.json" in errors(history_project)


def test_replaced_signed_original_fails(history_project):
    pdf = history_project.content / "bao-cao/ban-goc/2024-q4.pdf"
    pdf.write_bytes(pdf.read_bytes().replace(b"595 842", b"612 792"))
    message = errors(history_project)
    assert "Bản gốc đã ký (PDF)" in message and "truong: ban_goc" in message


@pytest.mark.parametrize(
    "content, expected", [(None, "Không tìm thấy tệp bản gốc"), (b"not a pdf", "không phải PDF")]
)
def test_signed_original_must_be_a_pdf(history_project, content, expected):
    pdf = history_project.content / "bao-cao/ban-goc/2024-q4.pdf"
    pdf.unlink()
    if content is not None:
        pdf.write_bytes(content)
    assert expected in errors(history_project)


def test_published_but_unlocked_report_fails_with_the_command_to_run(history_project):
    (history_project.content / lock.LOCK_FILE).unlink()
    message = errors(history_project)
    assert "số liệu chưa được khóa" in message and "python -m cchc_site khoa" in message


def test_lock_command_adds_new_reports_and_never_rewrites_old_ones(history_project):
    path = history_project.content / lock.LOCK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    kept = {slug: entry for slug, entry in data["bao_cao"].items() if slug != "2024-q4"}
    path.write_text(lock_file.dump(kept), encoding="utf-8")
    before = json.dumps(kept, sort_keys=True)
    run = subprocess.run(
        [sys.executable, "-m", "cchc_site", "khoa", "--content", str(history_project.content)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Đã khóa số liệu báo cáo 2024-q4" in run.stdout
    assert "Đã khóa 2 lần cập nhật mới của báo cáo 2023-q1" in run.stdout
    after = json.loads(path.read_text(encoding="utf-8"))["bao_cao"]
    sealed = after["2023-q1"].pop("cap_nhat")  # the fixture's two corrections, sealed now
    assert len(sealed) == 2 and (
        sealed[0]["ngay"],
        sealed[0]["truong"],
        sealed[0]["gia_tri_cu"],
        sealed[0]["gia_tri_moi"],
    ) == (
        "2023-04-03",
        "tuyen_truyen.bai_dang",
        15,
        16,
    )
    assert json.dumps({k: v for k, v in after.items() if k != "2024-q4"}, sort_keys=True) == before
    again = subprocess.run(
        [sys.executable, "-m", "cchc_site", "khoa", "--content", str(history_project.content)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Không có báo cáo mới" in again.stdout and again.returncode == 0


def test_lock_command_refuses_bad_data(history_project):
    history_project.replace(Q2, "tiep_nhan: 521", "tiep_nhan: 999")
    run = subprocess.run(
        [sys.executable, "-m", "cchc_site", "khoa", "--content", str(history_project.content)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1 and "chưa khóa báo cáo nào" in run.stderr


def test_draft_is_checked_but_not_published(history_project):
    history_project.replace("bao-cao/2024-q4.yaml", "ngay_dang_tai: 2024-12-23\n", "")
    data = json.loads((history_project.content / lock.LOCK_FILE).read_text(encoding="utf-8"))
    del data["bao_cao"]["2024-q4"]
    (history_project.content / lock.LOCK_FILE).write_text(lock_file.dump(data["bao_cao"]), encoding="utf-8")
    site = load_site(history_project.content, "content", today=TODAY)
    assert [r.model.slug for r in site.drafts] == ["2024-q4"]
    assert "2024-q4" not in [r.model.slug for r in site.reports]
    history_project.replace("bao-cao/2024-q4.yaml", "tiep_nhan: 603", "tiep_nhan: 604")
    assert "tổng các thành phần không bằng tổng số" in errors(history_project)  # drafts are checked


def test_fingerprint_treats_reflowed_text_and_date_forms_alike():
    assert lock.fingerprint("một  hai\nba") == lock.fingerprint("một hai ba")
    assert (
        lock.fingerprint("30/9/2022") == lock.fingerprint(date(2022, 9, 30)) == lock.fingerprint("2022-09-30")
    )
    assert lock.fingerprint(5) == 5 and lock.fingerprint(None) is None
    assert lock.fingerprint("Hòa") != lock.fingerprint("Hoà")  # a different spelling is a change


@pytest.mark.parametrize(
    "key, label",
    [
        ("ho_so.tiep_nhan", "Hồ sơ TTHC: Tổng số hồ sơ"),
        ("tuyen_truyen.pham_vi.loai", "Tuyên truyền CCHC, Phạm vi, Loại phạm vi"),
        ("phan.1.muc.2.doan_van.1", "Phần I, mục 2, đoạn 1"),
        ("mo_dau.1", "đoạn mở đầu 1"),
        ("chu_ky.ho_ten", "Chữ ký, Họ và tên người ký"),
        ("ban_goc", "Bản gốc đã ký (PDF)"),
    ],
)
def test_changed_content_is_named_for_readers(history_project, key, label):
    report = next(
        r
        for r in load_site(history_project.content, "content", today=TODAY).reports
        if r.model.slug == "2023-q1"
    )
    assert report.describe(key) == label


def test_a_broken_published_report_is_not_also_called_missing(history_project):
    history_project.replace(Q2, "nam: 2023", "nam: hai nghìn")
    message = errors(history_project)
    assert "Cần một số nguyên" in message and "không còn tệp" not in message

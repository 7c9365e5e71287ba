"""Importing the official cifar-10-python.tar.gz from a file (core.cifar.import_archive), and
archives that must be refused. The archives are small fakes written here: the md5 check is
tested as it is, then pointed at a fake's md5 ("pretend it is the official one") to test what
comes after it."""
from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from core import cifar
from tests.conftest import run_cli
from tests.core.cifar_files import write_archive


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PLAYGROUND_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def usb(tmp_path) -> Path:
    (tmp_path / "usb").mkdir()
    return tmp_path / "usb" / cifar.ARCHIVE_NAME


def pretend_official(monkeypatch, raw: bytes) -> None:
    monkeypatch.setattr(cifar, "ARCHIVE_MD5", hashlib.md5(raw).hexdigest())


def everything_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_the_official_md5_is_torchvisions():
    from torchvision.datasets import CIFAR10

    assert cifar.ARCHIVE_MD5 == CIFAR10.tgz_md5 == "c58f30108f718f92721af3b95e74349a"
    assert cifar.ARCHIVE_NAME == CIFAR10.filename


def test_imported_files_are_read_by_the_page(data, usb, monkeypatch):
    pretend_official(monkeypatch, write_archive(usb, per_batch=20, n_test=30))
    folder = cifar.import_archive(usb)
    assert folder == data / cifar.BASE_FOLDER
    assert sorted(p.name for p in folder.iterdir()) == sorted(cifar.FILES)  # no readme.html
    assert everything_under(data) == {cifar.BASE_FOLDER} | {
        f"{cifar.BASE_FOLDER}/{name}" for name in cifar.FILES}  # no scratch folder left
    loaded = cifar.load()
    assert (loaded.n_train, loaded.n_test) == (100, 30)


def test_an_upload_is_a_file_object(data, usb, monkeypatch):
    raw = write_archive(usb)
    pretend_official(monkeypatch, raw)
    cifar.import_archive(io.BytesIO(raw))
    assert cifar.has_data()


def test_a_new_archive_replaces_older_files(data, usb, monkeypatch):
    pretend_official(monkeypatch, write_archive(usb, per_batch=20))
    cifar.import_archive(usb)
    pretend_official(monkeypatch, write_archive(usb, per_batch=8))
    cifar.import_archive(usb)
    assert cifar.load().n_train == 40


def refused(archive, data: Path, reason: str) -> str:
    """The import is refused for ``reason``, in one line, and the data folder holds nothing."""
    with pytest.raises(cifar.ArchiveRefused) as err:
        cifar.import_archive(archive)
    assert err.value.reason == reason, str(err.value)
    assert "\n" not in str(err.value) and err.value.values  # the page's strings need these
    assert not data.exists() or everything_under(data) == set()
    return str(err.value)


def test_wrong_md5_is_refused_before_anything_is_unpacked(data, usb):
    write_archive(usb)
    message = refused(usb, data, "md5")
    assert cifar.ARCHIVE_MD5 in message and not data.exists()


def test_a_truncated_archive(data, usb, monkeypatch):
    raw = write_archive(usb)[:-3000]
    usb.write_bytes(raw)
    pretend_official(monkeypatch, raw)
    refused(usb, data, "unreadable")


def test_not_an_archive_at_all(data, usb, monkeypatch):
    usb.write_bytes(b"just some text, not gzip")
    pretend_official(monkeypatch, b"just some text, not gzip")
    refused(usb, data, "unreadable")


def test_an_archive_without_all_seven_files(data, usb, monkeypatch):
    pretend_official(monkeypatch, write_archive(usb, leave_out=("test_batch",)))
    assert "test_batch" in refused(usb, data, "incomplete")


def test_a_file_larger_than_the_official_archive(data, usb, monkeypatch):
    write_archive(usb)
    monkeypatch.setattr(cifar, "ARCHIVE_MAX_BYTES", 1000)
    refused(usb, data, "too_large")


def _member(name: str, kind: bytes = tarfile.REGTYPE, target: str = "",
            size: int = 5) -> tuple[tarfile.TarInfo, bytes | None]:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    if kind == tarfile.REGTYPE:
        info.size = size
        return info, b"\0" * size
    return info, None


HOSTILE = {
    "parent path": ("outside", _member("cifar-10-batches-py/../../escaped.txt")),
    "absolute path": ("outside", _member("/tmp/cifar-import-escaped.txt")),
    "symlink": ("link", _member("cifar-10-batches-py/data_batch_1", tarfile.SYMTYPE, "/etc/passwd")),
    "hard link": ("link", _member("cifar-10-batches-py/test_batch", tarfile.LNKTYPE, "/etc/passwd")),
    "device": ("special", _member("cifar-10-batches-py/tty", tarfile.CHRTYPE)),
    "fifo": ("special", _member("cifar-10-batches-py/pipe", tarfile.FIFOTYPE)),
}


@pytest.mark.parametrize("reason, member", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_members_are_refused_and_nothing_is_written(data, usb, tmp_path, monkeypatch,
                                                             reason, member):
    pretend_official(monkeypatch, write_archive(usb, extra=[member]))
    before = everything_under(tmp_path)
    assert member[0].name[:20] in refused(usb, data, reason)
    assert everything_under(tmp_path) - before <= {"data"}
    assert not Path("/tmp/cifar-import-escaped.txt").exists()


def test_a_huge_member_is_refused_before_it_is_written(data, usb, tmp_path, monkeypatch):
    huge = _member("cifar-10-batches-py/data_batch_1", size=cifar.MEMBER_MAX_BYTES + 1)
    pretend_official(monkeypatch, write_archive(usb, extra=[huge]))
    assert "data_batch_1" in refused(usb, data, "too_large")


def test_cli_imports_and_refuses_in_one_line(data, usb, monkeypatch, capsys):
    write_archive(usb)
    code, out, err = run_cli(capsys, "cifar-import", str(usb))
    assert code == 2 and out == "" and err.count("\n") == 1 and "md5" in err
    pretend_official(monkeypatch, usb.read_bytes())
    code, out, err = run_cli(capsys, "cifar-import", str(usb))
    assert code == 0 and str(data / cifar.BASE_FOLDER) in out
    for argv in (["cifar-import"], ["cifar-import", str(usb.parent / "nope.tar.gz")],
                 ["cifar-import", str(usb), "extra"], ["cifar-import", "--path"]):
        code, out, err = run_cli(capsys, *argv)
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, argv

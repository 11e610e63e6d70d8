"""Demo data: a synthetic regency, "Kabupaten Contoh", with its units, positions, staff and logins.

One seed decides everything, so the same seed and date give the same people. Units and their
head positions are created one by one (about 120 rows, the tree needs it); employees, histories,
families, users and group memberships are written with bulk_create, without signals or audit
entries, so 5,000 employees take seconds. Used by `manage.py seed_demo` and the benchmarks.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from asn_portal.accounts import roles
from asn_portal.accounts.models import User
from asn_portal.accounts.services import staff_account_create

from . import identifiers
from .models import Employee, FamilyMember, OrgUnit, Position, PositionHistory, Rank, RankHistory

DEMO_PASSWORD = "demo12345"
MIN_EMPLOYEES = 20
BATCH_SIZE = 1000

L = Position.Level
MALE, FEMALE = identifiers.MALE, identifiers.FEMALE
PNS, CPNS, PPPK = Employee.Status.PNS, Employee.Status.CPNS, Employee.Status.PPPK


def _words(text: str) -> tuple[str, ...]:
    """A list of single words kept as one block of text, easier to read than one per line."""
    return tuple(text.split())


# --- The organisation --------------------------------------------------------------------------


@dataclass(frozen=True)
class SubUnitSpec:
    name: str
    level: str
    head: str


@dataclass(frozen=True)
class OpdSpec:
    """A root unit; `functional` names the shared functional positions used there, by weight."""

    code: str
    name: str
    weight: int
    head: str
    head_level: str
    subunits: tuple[SubUnitSpec, ...]
    functional: tuple[tuple[str, int], ...]


# code, name, short name for its secretariat ("" = none), weight (share of staff), head title.
_OPD_ROWS = (
    ("SETDA", "Sekretariat Daerah", "", 5, "Sekretaris Daerah"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", 4, ""),
    ("DISDIK", "Dinas Pendidikan", "Dinas Pendidikan", 30, ""),
    ("DINKES", "Dinas Kesehatan", "Dinas Kesehatan", 10, ""),
    ("RSUD", "Rumah Sakit Umum Daerah Kabupaten Contoh", "", 10, "Direktur RSUD Kabupaten Contoh"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda", 2, ""),
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR", 4, ""),
    ("INSPEKTORAT", "Inspektorat Daerah", "Inspektorat Daerah", 2, "Inspektur Daerah"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", 3, ""),
    ("BAPENDA", "Badan Pendapatan Daerah", "Bapenda", 2, ""),
    ("SETWAN", "Sekretariat DPRD", "", 2, "Sekretaris DPRD"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD", 1, "Kepala Pelaksana BPBD"),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", 1, ""),
    ("DINSOS", "Dinas Sosial", "Dinas Sosial", 2, ""),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", 2, ""),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", 1, ""),
    ("DISHUB", "Dinas Perhubungan", "Dinas Perhubungan", 2, ""),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo", 2, ""),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", 1, ""),
    ("DISTAN", "Dinas Pertanian dan Ketahanan Pangan", "Dinas Pertanian", 4, ""),
    ("DLH", "Dinas Lingkungan Hidup", "DLH", 2, ""),
    ("DISKOPERINDAG", "Dinas Koperasi, UKM, Perindustrian dan Perdagangan", "Diskoperindag", 2, ""),
    ("DISPARPORA", "Dinas Pariwisata, Pemuda dan Olahraga", "Disparpora", 1, ""),
    ("PERKIM", "Dinas Perumahan dan Kawasan Permukiman", "Dinas Perkim", 1, ""),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP", 3, ""),
    ("DP3AP2KB", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3AP2KB", 1, ""),
)
# Sub-units after the secretariat. "UPT …" and "Seksi …" are headed by a Pengawas, the rest
# (bidang, bagian, inspektorat pembantu) by an Administrator.
_SUBUNITS = {
    "SETDA": ("Bagian Pemerintahan", "Bagian Hukum", "Bagian Organisasi", "Bagian Umum"),
    "BKPSDM": ("Bidang Pengadaan dan Informasi", "Bidang Mutasi", "Bidang Pengembangan"),
    "DISDIK": ("Bidang Pembinaan SD", "Bidang Pembinaan SMP", "UPT PAUD Kota Contoh"),
    "DINKES": ("Bidang Kesehatan Masyarakat", "Bidang Pelayanan", "UPT Puskesmas Kota Contoh"),
    "RSUD": ("Bagian Tata Usaha RSUD", "Bidang Pelayanan Medik", "Bidang Keperawatan"),
    "BAPPEDA": ("Bidang Perencanaan Ekonomi", "Bidang Infrastruktur dan Kewilayahan"),
    "PUPR": ("Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Penataan Ruang"),
    "INSPEKTORAT": ("Inspektorat Pembantu Wilayah I", "Inspektorat Pembantu Wilayah II"),
    "BPKAD": ("Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Aset"),
    "BAPENDA": ("Bidang Pendataan dan Penetapan", "Bidang Penagihan"),
    "SETWAN": ("Bagian Umum dan Keuangan DPRD", "Bagian Persidangan DPRD"),
    "BPBD": ("Bidang Kedaruratan dan Logistik",),
    "KESBANGPOL": ("Bidang Ideologi dan Wawasan Kebangsaan",),
    "DINSOS": ("Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial"),
    "DISDUKCAPIL": ("Bidang Pendaftaran Penduduk", "Bidang Pencatatan Sipil"),
    "DPMD": ("Bidang Pemerintahan Desa",),
    "DISHUB": ("Bidang Lalu Lintas dan Angkutan", "UPT Terminal Kota Contoh"),
    "DISKOMINFO": ("Bidang Aplikasi Informatika", "Bidang Komunikasi Publik"),
    "DPMPTSP": ("Bidang Pelayanan Perizinan",),
    "DISTAN": ("Bidang Tanaman Pangan", "Bidang Ketahanan Pangan", "UPT Balai Penyuluhan"),
    "DLH": ("Bidang Pengelolaan Sampah", "Bidang Pengendalian Lingkungan"),
    "DISKOPERINDAG": ("Bidang Koperasi dan UKM", "Bidang Perdagangan"),
    "DISPARPORA": ("Bidang Pariwisata", "Bidang Pemuda dan Olahraga"),
    "PERKIM": ("Bidang Perumahan",),
    "SATPOLPP": ("Bidang Penegakan Perda", "Bidang Ketertiban Umum"),
    "DP3AP2KB": ("Bidang Perlindungan Perempuan dan Anak",),
}
_FUNCTIONAL = {
    "SETDA": (("Perancang Peraturan Ahli Pertama", 10), ("Arsiparis Terampil", 8)),
    "BKPSDM": (("Analis Kepegawaian Ahli Pertama", 30), ("Analis Kepegawaian Ahli Muda", 15)),
    "DISDIK": (("Guru Ahli Pertama", 35), ("Guru Ahli Muda", 25), ("Guru Ahli Madya", 12)),
    "DINKES": (
        ("Dokter Ahli Pertama", 8),
        ("Perawat Terampil", 20),
        ("Perawat Ahli Pertama", 10),
        ("Bidan Terampil", 15),
        ("Apoteker Ahli Pertama", 5),
    ),
    "RSUD": (
        ("Dokter Ahli Muda", 10),
        ("Dokter Ahli Madya", 5),
        ("Perawat Terampil", 30),
        ("Perawat Ahli Pertama", 15),
        ("Bidan Terampil", 5),
        ("Apoteker Ahli Pertama", 5),
    ),
    "BAPPEDA": (("Perencana Ahli Pertama", 25), ("Perencana Ahli Muda", 15)),
    "PUPR": (("Teknik Jalan dan Jembatan Ahli Pertama", 20),),
    "INSPEKTORAT": (("Auditor Ahli Pertama", 30), ("Auditor Ahli Muda", 20)),
    "DISKOMINFO": (("Pranata Komputer Ahli Pertama", 30),),
    "DISTAN": (("Penyuluh Pertanian Ahli Pertama", 20), ("Penyuluh Pertanian Terampil", 20)),
}
_KECAMATAN = (
    ("KEC-KOTA", "Kota Contoh"),
    ("KEC-SUNGAI", "Sungai Jernih"),
    ("KEC-BUKIT", "Bukit Harapan"),
    ("KEC-TANJUNG", "Tanjung Makmur"),
    ("KEC-RANTAU", "Rantau Indah"),
)
_KECAMATAN_SECTIONS = ("Pemerintahan", "Pelayanan Umum", "Kesejahteraan Sosial")


def _subunit(name: str) -> SubUnitSpec:
    if name.startswith(("UPT ", "Seksi ")):
        return SubUnitSpec(name, L.PENGAWAS, f"Kepala {name}")
    if name.startswith("Inspektorat Pembantu"):
        return SubUnitSpec(name, L.ADMINISTRATOR, name.replace("Inspektorat", "Inspektur", 1))
    return SubUnitSpec(name, L.ADMINISTRATOR, f"Kepala {name}")


def _catalogue() -> tuple[OpdSpec, ...]:
    """About 30 OPDs, in priority order: a small demo keeps only the first that fit."""
    opds = []
    for code, name, short, weight, head in _OPD_ROWS:
        subunits = tuple(_subunit(n) for n in _SUBUNITS[code])
        if short:
            secretariat = SubUnitSpec(
                f"Sekretariat {short}", L.ADMINISTRATOR, f"Sekretaris {short}"
            )
            subunits = (secretariat,) + subunits
        head = head or f"Kepala {name}"
        functional = _FUNCTIONAL.get(code, ())
        opds.append(OpdSpec(code, name, weight, head, L.JPT_PRATAMA, subunits, functional))
    for code, place in _KECAMATAN:
        subunits = tuple(_subunit(f"Seksi {s} Kecamatan {place}") for s in _KECAMATAN_SECTIONS)
        opds.append(
            OpdSpec(code, f"Kecamatan {place}", 2, f"Camat {place}", L.ADMINISTRATOR, subunits, ())
        )
    return tuple(opds)


OPDS = _catalogue()
OPD_CODES = tuple(opd.code for opd in OPDS)
OPERATOR_OPD = "DISDIK"

# (kelas jabatan, retirement age) of structural heads.
HEAD_GRADES = {L.JPT_PRATAMA: (14, 60), L.ADMINISTRATOR: (12, 58), L.PENGAWAS: (9, 58)}
HEAD_EDUCATION = {L.JPT_PRATAMA: "jpt", L.ADMINISTRATOR: "administrator", L.PENGAWAS: "pengawas"}

# --- Shared positions --------------------------------------------------------------------------

# Education options: (level, major, front title, back title); major "*" picks a common major.
_S1, _S2, _D3, _SMA = (
    ("S1", "*", "", ""),
    ("S2", "*", "", ""),
    ("D3", "*", "", ""),
    ("SMA", "*", "", ""),
)
EDUCATION = {
    "jpt": (_S2, _S2, _S2, _S1),
    "administrator": (_S2, _S1),
    "pengawas": (_S1, _S1, _S1, _S1, _S2),
    "teacher": (
        ("S1", "Pendidikan Guru Sekolah Dasar", "", "S.Pd."),
        ("S1", "Pendidikan Matematika", "", "S.Pd."),
        ("S1", "Pendidikan Bahasa Indonesia", "", "S.Pd."),
        ("S1", "Pendidikan Jasmani", "", "S.Pd."),
    ),
    "senior_teacher": (
        ("S1", "Pendidikan Guru Sekolah Dasar", "", "S.Pd."),
        ("S2", "Manajemen Pendidikan", "", "S.Pd., M.Pd."),
    ),
    "doctor": (("S1", "Kedokteran", "dr.", ""),),
    "specialist": (
        ("S2", "Spesialis Penyakit Dalam", "dr.", "Sp.PD."),
        ("S2", "Spesialis Anak", "dr.", "Sp.A."),
        ("S2", "Spesialis Obstetri dan Ginekologi", "dr.", "Sp.OG."),
    ),
    "nurse_d3": (("D3", "Keperawatan", "", "A.Md.Kep."),),
    "nurse": (("S1", "Keperawatan", "", "S.Kep., Ners"),),
    "midwife": (("D3", "Kebidanan", "", "A.Md.Keb."),),
    "pharmacist": (("S1", "Farmasi", "", "S.Farm., Apt."),),
    "auditor": (("S1", "Akuntansi", "", "S.E."), ("S1", "Akuntansi", "", "S.Ak.")),
    "planner": (
        ("S1", "Perencanaan Wilayah dan Kota", "", "S.T."),
        ("S1", "Ilmu Ekonomi", "", "S.E."),
    ),
    "computing": (
        ("S1", "Teknik Informatika", "", "S.Kom."),
        ("S1", "Sistem Informasi", "", "S.Kom."),
    ),
    "agriculture": (("S1", "Agroteknologi", "", "S.P."),),
    "agriculture_d3": (("D3", "Penyuluhan Pertanian", "", "A.Md.P."),),
    "civil": (("S1", "Teknik Sipil", "", "S.T."),),
    "law": (("S1", "Ilmu Hukum", "", "S.H."),),
    "archives": (("D3", "Kearsipan", "", "A.Md."),),
    "finance": (("S1", "Akuntansi", "", "S.E."), ("D3", "Akuntansi", "", "A.Md.Ak.")),
    "s1": (_S1,),
    "s1_s2": (_S1, _S1, _S2),
    "s1_d3": (_S1, _D3),
    "clerk": (_SMA, _SMA, _D3),
    "sma": (_SMA,),
}


@dataclass(frozen=True)
class JobSpec:
    """A position shared by all units (functional or executor)."""

    name: str
    level: str
    kelas: int
    retirement_age: int
    education: str
    female_share: float = 0.5
    weight: int = 0  # executors only: share among the executor positions

    @property
    def kind(self) -> str:
        return Position.Kind.EXECUTOR if self.level == L.PELAKSANA else Position.Kind.FUNCTIONAL


# Retirement ages after PP 11/2017: 58 for administrative and junior functional positions,
# 60 for Ahli Madya and for teachers (UU 14/2005).
JOBS = (
    JobSpec("Guru Ahli Pertama", L.AHLI_PERTAMA, 8, 60, "teacher", 0.65),
    JobSpec("Guru Ahli Muda", L.AHLI_MUDA, 9, 60, "teacher", 0.65),
    JobSpec("Guru Ahli Madya", L.AHLI_MADYA, 11, 60, "senior_teacher", 0.65),
    JobSpec("Dokter Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "doctor"),
    JobSpec("Dokter Ahli Muda", L.AHLI_MUDA, 9, 58, "doctor"),
    JobSpec("Dokter Ahli Madya", L.AHLI_MADYA, 11, 60, "specialist"),
    JobSpec("Perawat Terampil", L.TERAMPIL, 6, 58, "nurse_d3", 0.7),
    JobSpec("Perawat Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "nurse", 0.7),
    JobSpec("Bidan Terampil", L.TERAMPIL, 6, 58, "midwife", 1),
    JobSpec("Apoteker Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "pharmacist", 0.6),
    JobSpec("Analis Kepegawaian Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "s1"),
    JobSpec("Analis Kepegawaian Ahli Muda", L.AHLI_MUDA, 9, 58, "s1_s2"),
    JobSpec("Auditor Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "auditor"),
    JobSpec("Auditor Ahli Muda", L.AHLI_MUDA, 9, 58, "auditor"),
    JobSpec("Perencana Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "planner"),
    JobSpec("Perencana Ahli Muda", L.AHLI_MUDA, 9, 58, "planner"),
    JobSpec("Pranata Komputer Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "computing", 0.35),
    JobSpec("Penyuluh Pertanian Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "agriculture", 0.4),
    JobSpec("Penyuluh Pertanian Terampil", L.TERAMPIL, 6, 58, "agriculture_d3", 0.4),
    JobSpec("Teknik Jalan dan Jembatan Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "civil", 0.25),
    JobSpec("Perancang Peraturan Ahli Pertama", L.AHLI_PERTAMA, 8, 58, "law"),
    JobSpec("Arsiparis Terampil", L.TERAMPIL, 6, 58, "archives"),
    JobSpec("Pengadministrasi Umum", L.PELAKSANA, 5, 58, "clerk", weight=30),
    JobSpec("Pengolah Data", L.PELAKSANA, 6, 58, "s1_d3", weight=15),
    JobSpec("Pengelola Keuangan", L.PELAKSANA, 7, 58, "finance", weight=12),
    JobSpec("Pengelola Kepegawaian", L.PELAKSANA, 7, 58, "s1_d3", weight=8),
    JobSpec("Bendahara", L.PELAKSANA, 7, 58, "finance", weight=5),
    JobSpec("Pengelola Barang Milik Daerah", L.PELAKSANA, 6, 58, "s1_d3", weight=8),
    JobSpec("Pengemudi", L.PELAKSANA, 3, 58, "sma", 0.03, weight=6),
)
EXECUTORS = tuple(job for job in JOBS if job.level == L.PELAKSANA)
EXECUTOR_WEIGHT = sum(job.weight for job in EXECUTORS)
ENTRY_LEVELS = {L.AHLI_PERTAMA, L.TERAMPIL, L.PELAKSANA}

# --- Education, titles and ranks ---------------------------------------------------------------

S1_MAJORS = (
    ("Administrasi Publik", "S.AP."),
    ("Ilmu Pemerintahan", "S.IP."),
    ("Akuntansi", "S.E."),
    ("Manajemen", "S.E."),
    ("Ilmu Hukum", "S.H."),
    ("Sosiologi", "S.Sos."),
    ("Teknik Sipil", "S.T."),
    ("Teknik Informatika", "S.Kom."),
    ("Ilmu Ekonomi", "S.E."),
    ("Kesehatan Masyarakat", "S.K.M."),
)
S2_MAJORS = (
    ("Administrasi Publik", "M.AP."),
    ("Manajemen", "M.M."),
    ("Ilmu Hukum", "M.H."),
    ("Ilmu Pemerintahan", "M.Si."),
    ("Perencanaan Wilayah", "M.Si."),
    ("Kebijakan Publik", "M.Si."),
)
D3_MAJORS = (
    ("Administrasi Perkantoran", "A.Md."),
    ("Akuntansi", "A.Md.Ak."),
    ("Manajemen Informatika", "A.Md.Kom."),
)
SMA_MAJORS = ("IPA", "IPS")

PNS_CODES = _words(
    "I/a I/b I/c I/d II/a II/b II/c II/d III/a III/b III/c III/d IV/a IV/b IV/c IV/d IV/e"
)
# Index into PNS_CODES of the starting rank by diploma, and the highest regular rank.
START_RANK = {"SMP": 2, "SMA": 4, "D3": 6, "S1": 8, "S2": 9}
RANK_CAP = {"SMP": 5, "SMA": 9, "D3": 10, "S1": 13, "S2": 14}
RANK_BAND = {
    L.JPT_PRATAMA: (13, 15),
    L.ADMINISTRATOR: (11, 13),
    L.PENGAWAS: (9, 11),
    L.AHLI_MADYA: (12, 14),
    L.AHLI_MUDA: (10, 11),
    L.AHLI_PERTAMA: (8, 9),
    L.TERAMPIL: (6, 9),
}
SERVICE_YEARS = {
    L.JPT_PRATAMA: (20, 32),
    L.ADMINISTRATOR: (14, 30),
    L.PENGAWAS: (8, 25),
    L.AHLI_MADYA: (16, 32),
    L.AHLI_MUDA: (7, 20),
    L.AHLI_PERTAMA: (2, 9),
    L.TERAMPIL: (2, 25),
    L.PELAKSANA: (2, 32),
}
ENTRY_AGE = {"SMP": (18, 26), "SMA": (19, 30), "D3": (21, 31), "S1": (22, 33), "S2": (25, 35)}
PPPK_RANK = {"SMP": "IV", "SMA": "V", "D3": "VII", "S1": "IX", "S2": "X"}

# --- People ------------------------------------------------------------------------------------

MALE_NAMES = _words(
    "Agus Ahmad Andi Arif Bambang Budi Dedi Eko Fajar Hadi Hendra Irfan Joko Muhammad Rahmat "
    "Rizky Sigit Slamet Sugeng Taufik Teguh Wahyu Yudi Zulkifli Rudi Hasan Ilham Iwan Yusuf "
    "Syaiful Fauzi Firman Dodi Heru Indra Aditya Bayu Dimas Galih Reza Ridwan Rizal Sutrisno "
    "Suparman Darmawan Anton Gilang Hafiz Imam Lukman"
)
FEMALE_NAMES = _words(
    "Siti Sri Dewi Ayu Nur Rina Ratna Yuli Fitri Indah Putri Maya Nurul Anisa Desi Eka Evi "
    "Fatimah Hartini Intan Kartika Lina Mega Novi Rini Sari Tuti Wulan Yanti Zahra Dina Mira "
    "Nia Ani Endang Suryani Aisyah Nadia Reni Vivi Yunita Septi Laila Melati Citra Dian Winda "
    "Rosmiati Halimah Asih"
)
FAMILY_NAMES = _words(
    "Hidayat Siregar Nasution Harahap Lubis Simanjuntak Sinaga Tanjung Chaniago Piliang Koto "
    "Wijaya Kusuma Santoso Setiawan Nugroho Susanto Gunawan Hakim Rahman Firmansyah Purnomo "
    "Prasetyo Hasibuan Batubara Ritonga Sembiring Ginting Tarigan Sitompul Manurung Effendi "
    "Maulana Ramadhan Permana Hermawan Saragih Daulay Pohan Matondang"
)
MALE_SECOND = _words("Saputra Pratama Syahputra Kurniawan Hidayatullah Wibowo Prakoso Fadillah")
FEMALE_SECOND = _words(
    "Lestari Wulandari Anggraini Rahmawati Handayani Puspitasari Safitri Purnamasari "
    "Novitasari Kurniasih Susilawati Maharani Permatasari Oktaviani Yuliana"
)
BIRTH_PLACES = (
    "Kota Contoh",
    "Kota Contoh",
    "Sungai Jernih",
    "Bukit Harapan",
    "Jambi",
    "Muara Bungo",
    "Sarolangun",
    "Kuala Tungkal",
    "Palembang",
    "Padang",
    "Medan",
    "Pekanbaru",
    "Bukittinggi",
    "Bandung",
    "Yogyakarta",
    "Semarang",
    "Surabaya",
    "Jakarta",
)
# Bank name, account number length, weight (the regional bank pays most salaries).
BANKS = (
    ("Bank Jambi", 12, 55),
    ("Bank Rakyat Indonesia", 15, 15),
    ("Bank Negara Indonesia", 10, 10),
    ("Bank Mandiri", 13, 10),
    ("Bank Syariah Indonesia", 10, 7),
    ("Bank Tabungan Negara", 16, 3),
)
PHONE_PREFIXES = _words("0811 0812 0813 0821 0822 0852 0853 0857 0878 0896")
# NIK region codes (province 15, Jambi): the fictional regency 99 and its five kecamatan,
# plus Kota Jambi (71) for people registered in the city.
NIK_REGIONS = ("159901", "159902", "159903", "159904", "159905") * 4 + (
    "157101",
    "157102",
    "157104",
    "157105",
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    password: str
    note: str = ""


@dataclass
class DemoResult:
    units: int
    positions: int
    employees: int
    family_members: int
    users: int
    accounts: list[DemoAccount]


@dataclass
class _Unit:
    node: OrgUnit
    opd: OpdSpec
    is_root: bool
    head_level: str
    head_title: str
    head_position: Position | None = None


@dataclass
class _Draft:
    """An employee not yet saved, with the records that follow it."""

    employee: Employee
    rank_records: list[RankHistory]
    position_record: PositionHistory
    family: list[FamilyMember] = field(default_factory=list)
    is_head: bool = False


# --- Entry points ------------------------------------------------------------------------------


def demo_present() -> bool:
    """Whether the demo units have been created already."""
    return OrgUnit.objects.filter(code__in=OPD_CODES).exists()


@transaction.atomic
def demo_seed(
    *, employees: int = 500, seed: int = 2026, today: dt.date | None = None
) -> DemoResult:
    """Create the demo regency. The caller checks demo_present() first; this never tops up."""
    if employees < MIN_EMPLOYEES:
        raise ValueError(f"At least {MIN_EMPLOYEES} employees are needed for the demo.")
    roles.sync_roles()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with disable_auditlog():
        jobs = _shared_positions()
        units = _create_units(_opds_for(employees))
        people = _People(rng, today)
        drafts = [people.head(unit) for unit in units]
        drafts += people.staff(units, jobs, employees - len(drafts), total=employees)
        _save(drafts)
        users = _employee_users(drafts)
        accounts = _staff_accounts(units, drafts)
    return DemoResult(
        units=len(units),
        positions=len(units) + len(jobs),
        employees=len(drafts),
        family_members=sum(len(d.family) for d in drafts),
        users=users,
        accounts=accounts,
    )


# --- Building ----------------------------------------------------------------------------------


def _opds_for(employees: int) -> list[OpdSpec]:
    """The OPDs to build: all of them, or for a small demo the first that fit in a third of it."""
    room = max(3, employees // 3)
    chosen, used = [], 0
    for opd in OPDS:
        size = 1 + len(opd.subunits)
        if used + size <= room:
            chosen.append(opd)
            used += size
    return chosen or [min(OPDS, key=lambda o: len(o.subunits))]


def _shared_positions() -> dict[str, tuple[Position, JobSpec]]:
    """The functional and executor positions shared by all units, reused when they exist."""
    existing = {p.name: p for p in Position.objects.filter(unit__isnull=True)}
    created = []
    for job in JOBS:
        if job.name not in existing:
            position = Position(
                name=job.name,
                kind=job.kind,
                level=job.level,
                kelas_jabatan=job.kelas,
                retirement_age=job.retirement_age,
            )
            created.append(position)
            existing[job.name] = position
    Position.objects.bulk_create(created)
    return {job.name: (existing[job.name], job) for job in JOBS}


def _create_units(opds: list[OpdSpec]) -> list[_Unit]:
    """Root units with their sub-units (sorted by code, as the tree orders them) and heads."""
    units: list[_Unit] = []
    for opd in sorted(opds, key=lambda o: o.code):
        root = OrgUnit.objects.add_root(
            create_kwargs={"code": opd.code, "name": opd.name, "kind": OrgUnit.Kind.OPD}
        )
        units.append(_Unit(root, opd, True, opd.head_level, opd.head))
        for number, sub in enumerate(opd.subunits, start=1):
            node = OrgUnit.objects.add_child(
                root,
                create_kwargs={
                    "code": f"{opd.code}.{number:02d}",
                    "name": sub.name,
                    "kind": OrgUnit.Kind.SUBUNIT,
                },
            )
            units.append(_Unit(node, opd, False, sub.level, sub.head))
    heads = []
    for unit in units:
        kelas, retirement_age = HEAD_GRADES[unit.head_level]
        unit.head_position = Position(
            name=unit.head_title,
            kind=Position.Kind.STRUCTURAL,
            level=unit.head_level,
            kelas_jabatan=kelas,
            retirement_age=retirement_age,
            unit=unit.node,
        )
        heads.append(unit.head_position)
    Position.objects.bulk_create(heads)
    for unit in units:
        unit.node.head_position = unit.head_position
    OrgUnit.objects.bulk_update([u.node for u in units], ["head_position"])
    return units


def _months_back(today: dt.date, months: int) -> dt.date:
    """The first day of the month `months` months before today's month."""
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _years_before(day: dt.date, years: int, extra_days: int = 0) -> dt.date:
    """`years` years (negative: after) and `extra_days` days before a date; 29 Feb becomes 28."""
    year = day.year - years
    try:
        moved = day.replace(year=year)
    except ValueError:
        moved = dt.date(year, 2, 28)
    return moved - dt.timedelta(days=extra_days)


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _group(index: int) -> int:
    """Golongan group I–IV (0–3) of a PNS rank index."""
    return min(index // 4, 3)


class _People:
    """Makes employees and their families, with unique NIPs and NIKs, from one random stream."""

    def __init__(self, rng: random.Random, today: dt.date):
        self.rng = rng
        self.today = today
        ranks = Rank.objects.all()
        self.pns_rank = {r.code: r for r in ranks if r.scheme == Rank.Scheme.PNS}
        self.pppk_rank = {r.code: r for r in ranks if r.scheme == Rank.Scheme.PPPK}
        self.used = set(Employee.objects.values_list("nip", flat=True))
        self.used |= set(Employee.objects.values_list("nik", flat=True))
        self.used |= set(User.objects.values_list("username", flat=True))
        self.next_sequence: dict[str, int] = {}
        self.sk_number = 0

    # Unique identifiers: a counter per prefix, skipping numbers already in the database.

    def _unique(self, build: Callable[[int], str], prefix_length: int, limit: int) -> str:
        prefix = build(1)[:prefix_length]
        sequence = self.next_sequence.get(prefix, 0)
        while True:
            sequence += 1
            if sequence > limit:
                raise RuntimeError(f"No free sequence number left for {prefix}.")
            value = build(sequence)
            if value not in self.used:
                break
        self.next_sequence[prefix] = sequence
        self.used.add(value)
        return value

    def nik(self, region: str, birth: dt.date, sex: str) -> str:
        return self._unique(lambda n: identifiers.build_nik(region, birth, sex, n), 12, 9999)

    def nip(self, status: str, birth: dt.date, tmt: dt.date, sex: str, intake: int) -> str:
        if status == PPPK:
            return self._unique(
                lambda n: identifiers.build_nip_pppk(birth, tmt.year, intake, sex, n), 15, 999
            )
        return self._unique(lambda n: identifiers.build_nip_pns(birth, tmt, sex, n), 15, 999)

    def name(self, sex: str) -> str:
        rng = self.rng
        if sex == MALE:
            parts = [rng.choice(MALE_NAMES)]
            if rng.random() < 0.3:
                parts.append(rng.choice(MALE_NAMES))
            parts.append(rng.choice(FAMILY_NAMES + MALE_SECOND))
        else:
            parts = [rng.choice(FEMALE_NAMES)]
            if rng.random() < 0.25:
                parts.append(rng.choice(FEMALE_NAMES))
            parts.append(rng.choice(FAMILY_NAMES + FEMALE_SECOND * 2))
        return " ".join(dict.fromkeys(parts))

    def _sk(self, prefix: str, year: int) -> str:
        self.sk_number += 1
        return f"{prefix}/{self.sk_number:05d}/BKPSDM/{year}"

    def _education(self, option, sex: str, birth: dt.date) -> tuple[str, str, str, str]:
        """Education level, major and academic titles (front, back) for an option."""
        level, major, front, back = option
        if major != "*":
            return level, major, front, back
        rng = self.rng
        if level == "SMA":
            return level, rng.choice(SMA_MAJORS), "", ""
        if level == "D3":
            major, back = rng.choice(D3_MAJORS)
            return level, major, "", back
        major, back = rng.choice(S1_MAJORS)
        if (
            birth.year < 1972
            and back in ("S.Sos.", "S.E.", "S.IP.", "S.AP.")
            and rng.random() < 0.5
        ):
            front, back = ("Drs." if sex == MALE else "Dra."), ""
        if level == "S2":
            major, master = rng.choice(S2_MAJORS)
            back = f"{back}, {master}" if back else master
        return level, major, front, back

    def head(self, unit: _Unit) -> _Draft:
        draft = self._draft(
            unit=unit.node,
            position=unit.head_position,
            education=EDUCATION[HEAD_EDUCATION[unit.head_level]],
            female_share=0.35,
            status=PNS,
        )
        draft.is_head = True
        draft.employee.state = Employee.State.ACTIVE
        return draft

    def staff(
        self,
        units: list[_Unit],
        jobs: dict[str, tuple[Position, JobSpec]],
        count: int,
        *,
        total: int,
    ) -> list[_Draft]:
        """Non-head employees over the OPDs by weight: ~15% PPPK and ~5% CPNS overall."""
        rng = self.rng
        by_opd: dict[str, list[_Unit]] = {}
        for unit in units:
            by_opd.setdefault(unit.opd.code, []).append(unit)
        opds = [group[0].opd for group in by_opd.values()]
        weights = [opd.weight for opd in opds]
        p_pppk = min(0.3, 0.15 * total / max(count, 1))
        p_cpns = min(0.1, 0.05 * total / max(count, 1))
        choices = {}
        for opd in opds:
            executor_share = max(100 - sum(w for _name, w in opd.functional), 20)
            pairs = [(jobs[name], w) for name, w in opd.functional] + [
                (jobs[job.name], job.weight * executor_share / EXECUTOR_WEIGHT) for job in EXECUTORS
            ]
            entry = [(j, w) for j, w in pairs if j[1].level in ENTRY_LEVELS]
            # CPNS and PPPK start in entry-level positions only.
            choices[opd.code, True] = ([j for j, _w in pairs], [w for _j, w in pairs])
            choices[opd.code, False] = ([j for j, _w in entry], [w for _j, w in entry])
        drafts = []
        for _ in range(count):
            opd = rng.choices(opds, weights)[0]
            unit = rng.choice(by_opd[opd.code])
            roll = rng.random()
            status = PPPK if roll < p_pppk else CPNS if roll < p_pppk + p_cpns else PNS
            position, job = rng.choices(*choices[opd.code, status == PNS])[0]
            drafts.append(
                self._draft(
                    unit=unit.node,
                    position=position,
                    education=EDUCATION[job.education],
                    female_share=job.female_share,
                    status=status,
                )
            )
        return drafts

    def _draft(
        self, *, unit: OrgUnit, position: Position, education, female_share: float, status: str
    ) -> _Draft:
        rng, today = self.rng, self.today
        sex = FEMALE if rng.random() < female_share else MALE
        option = rng.choice(education)
        level_of_education = option[0]
        entry_low, entry_high = ENTRY_AGE[level_of_education]
        retirement_age = position.retirement_age
        service = 0
        intake = 1
        if status == PNS:
            low, high = SERVICE_YEARS.get(position.level, SERVICE_YEARS[L.PELAKSANA])
            entry = rng.randint(entry_low, entry_high)
            high = min(high, retirement_age - 3 - entry)
            if high < low:
                entry, high = max(18, retirement_age - 3 - low), low
            service = rng.randint(low, high)
            tmt_cpns = _months_back(today, service * 12 + rng.randint(0, 11))
        elif status == CPNS:
            entry = rng.randint(entry_low, min(entry_high, 35))
            tmt_cpns = _months_back(today, rng.randint(1, 10))
        else:
            tmt_cpns = dt.date(rng.randint(2021, today.year), rng.choice((3, 4, 7, 10)), 1)
            if tmt_cpns > today:
                tmt_cpns = _months_back(today, rng.randint(1, 6))
            intake = rng.randint(1, 3)
            years_since = today.year - tmt_cpns.year
            entry = rng.randint(max(entry_low, 22), min(56, retirement_age - 3 - years_since))
        birth = _years_before(tmt_cpns, entry, rng.randint(0, 364))
        education_level, major, front, back = self._education(option, sex, birth)
        tmt_pns = tmt_cpns.replace(year=tmt_cpns.year + 1) if status == PNS else None

        rank_records = self._ranks(status, education_level, position.level, tmt_cpns, service)
        current = rank_records[0]
        if position.kind == Position.Kind.STRUCTURAL:
            position_tmt = max(tmt_pns, _months_back(today, rng.randint(2, 60)))
        elif position.kind == Position.Kind.FUNCTIONAL and tmt_pns:
            position_tmt = max(tmt_pns, current.tmt)
        else:
            position_tmt = tmt_cpns
        position_tmt = min(position_tmt, today)

        region = rng.choice(NIK_REGIONS)
        bank, digits, _weight = rng.choices(BANKS, [b[2] for b in BANKS])[0]
        name = self.name(sex)
        employee = Employee(
            nip=self.nip(status, birth, tmt_cpns, sex, intake),
            nik=self.nik(region, birth, sex),
            name=name,
            front_title=front,
            back_title=back,
            sex=sex,
            birth_date=birth,
            birth_place=rng.choice(BIRTH_PLACES),
            status=status,
            state=Employee.State.ON_LEAVE if rng.random() < 0.01 else Employee.State.ACTIVE,
            tmt_cpns=tmt_cpns,
            tmt_pns=tmt_pns,
            rank=current.rank,
            rank_tmt=current.tmt,
            mkg_years=current.mkg_years,
            mkg_months=current.mkg_months,
            position=position,
            position_tmt=position_tmt,
            unit=unit,
            education_level=education_level,
            education_major=major,
            bank_name=bank,
            bank_account=str(rng.randint(1, 9)) + "".join(rng.choices("0123456789", k=digits - 1)),
            phone=rng.choice(PHONE_PREFIXES) + "".join(rng.choices("0123456789", k=8)),
        )
        employee.email = f"{name.split()[0].lower()}.{employee.nip}@pegawai.contoh.example"
        position_record = PositionHistory(
            position=position,
            unit=unit,
            tmt=position_tmt,
            sk_number=self._sk("821.2", position_tmt.year),
        )
        draft = _Draft(employee, rank_records, position_record)
        self._family(draft, region)
        return draft

    def _ranks(
        self, status: str, education: str, level: str, tmt_cpns: dt.date, service: int
    ) -> list[RankHistory]:
        """The current rank record first, then (after a promotion) the one before it."""
        if status == PPPK:
            rank = self.pppk_rank[PPPK_RANK[education]]
            return [
                RankHistory(rank=rank, tmt=tmt_cpns, sk_number=self._sk("800.1.2.4", tmt_cpns.year))
            ]
        start = START_RANK[education]
        low, high = RANK_BAND.get(level, (start, RANK_CAP[education]))
        index = start if status == CPNS else max(low, min(high, start + service // 4))
        steps = max(0, index - start)
        rank_tmt = self._promotion_date(tmt_cpns, min(4 * steps, service)) if steps else tmt_cpns
        records = [self._rank_record(index, start, tmt_cpns, rank_tmt, current=True)]
        if steps:
            earlier = tmt_cpns if steps == 1 else self._promotion_date(tmt_cpns, 4 * (steps - 1))
            if earlier >= rank_tmt:
                earlier = tmt_cpns
            if earlier < rank_tmt:
                records.append(
                    self._rank_record(index - 1, start, tmt_cpns, earlier, current=False)
                )
        return records

    def _rank_record(
        self, index: int, start: int, tmt_cpns: dt.date, tmt: dt.date, *, current: bool
    ) -> RankHistory:
        """MKG at the TMT: service since CPNS, less 6 years for I→II and 5 for II→III."""
        months = _months_between(tmt_cpns, tmt)
        if _group(start) == 0 and _group(index) >= 1:
            months -= 6 * 12
        if _group(start) <= 1 and _group(index) >= 2:
            months -= 5 * 12
        rank = self.pns_rank[PNS_CODES[index]]
        months = max(0, min(months, rank.max_mkg * 12))
        sk_date = tmt - dt.timedelta(days=self.rng.randint(10, 60))
        return RankHistory(
            rank=rank,
            tmt=tmt,
            mkg_years=months // 12,
            mkg_months=months % 12,
            sk_number=self._sk("823.3", tmt.year),
            sk_date=sk_date,
            is_current=current,
        )

    def _promotion_date(self, tmt_cpns: dt.date, years_after: int) -> dt.date:
        """Regular promotions take effect on 1 April or 1 October; never after today."""
        day = dt.date(tmt_cpns.year + years_after, self.rng.choice((4, 10)), 1)
        if day > self.today:
            day = next(
                d
                for d in (
                    dt.date(self.today.year, 10, 1),
                    dt.date(self.today.year, 4, 1),
                    dt.date(self.today.year - 1, 10, 1),
                )
                if d <= self.today
            )
        return max(day, tmt_cpns)

    def _family(self, draft: _Draft, region: str) -> None:
        """Spouse and children by age; PTKP (tax status) follows the dependants, at most 3."""
        rng, today, employee = self.rng, self.today, draft.employee
        age = (today - employee.birth_date).days // 365
        married_chance = 0.15 if age < 25 else 0.55 if age < 30 else 0.85 if age < 40 else 0.9
        roll = rng.random()
        if roll < married_chance:
            marital = Employee.Marital.MARRIED
        elif age >= 35 and roll < married_chance + 0.04:
            marital = Employee.Marital.DIVORCED
        elif age >= 40 and roll < married_chance + 0.07:
            marital = Employee.Marital.WIDOWED
        else:
            marital = Employee.Marital.SINGLE
        employee.marital_status = marital
        if marital == Employee.Marital.SINGLE:
            employee.ptkp_status = Employee.Ptkp.TK0
            return
        marriage = _years_before(employee.birth_date, -rng.randint(23, 32), 0)
        latest = today - dt.timedelta(days=90)
        if marriage > latest:
            marriage = latest - dt.timedelta(days=rng.randint(0, 600))
        spouse_income = True
        if marital == Employee.Marital.MARRIED:
            spouse_sex = FEMALE if employee.sex == MALE else MALE
            gap = rng.randint(0, 6) * (1 if employee.sex == MALE else -1)
            spouse_birth = _years_before(employee.birth_date, -gap, rng.randint(-150, 150))
            spouse_birth = min(spouse_birth, _years_before(marriage, 19, 0))
            spouse_income = rng.random() < (0.4 if spouse_sex == FEMALE else 0.9)
            draft.family.append(
                FamilyMember(
                    relation=FamilyMember.Relation.SPOUSE,
                    name=self.name(spouse_sex),
                    nik=self.nik(region, spouse_birth, spouse_sex),
                    sex=spouse_sex,
                    birth_date=spouse_birth,
                    marriage_date=marriage,
                    has_income=spouse_income,
                )
            )
        dependants = 0
        born = marriage + dt.timedelta(days=rng.randint(300, 700))
        last_birth = min(today, _years_before(marriage, -18, 0))
        for _ in range(rng.choices((0, 1, 2, 3), (15, 30, 35, 20))[0]):
            if born > last_birth:
                break
            child_sex = rng.choice((MALE, FEMALE))
            child_age = (today - born).days // 365
            studying = 6 <= child_age <= 24 and (child_age < 18 or rng.random() < 0.6)
            married = child_age >= 25 and rng.random() < 0.5
            dependant = not married and (child_age < 21 or (studying and child_age < 25))
            dependants += dependant
            draft.family.append(
                FamilyMember(
                    relation=FamilyMember.Relation.CHILD,
                    name=self.name(child_sex),
                    nik=self.nik(region, born, child_sex),
                    sex=child_sex,
                    birth_date=born,
                    is_studying=studying,
                    is_married=married,
                    has_income=child_age >= 23 and not studying,
                    is_dependant=dependant,
                )
            )
            born += dt.timedelta(days=rng.randint(500, 1500))
        # A married woman files as TK/0 unless her husband has no income (PMK 168/2023).
        spouse_counts = marital == Employee.Marital.MARRIED and (
            employee.sex == MALE or not spouse_income
        )
        if marital == Employee.Marital.MARRIED and not spouse_counts:
            dependants = 0
        employee.ptkp_status = f"{'K' if spouse_counts else 'TK'}/{min(dependants, 3)}"


# --- Saving ------------------------------------------------------------------------------------


def _save(drafts: list[_Draft]) -> None:
    employees = Employee.objects.bulk_create([d.employee for d in drafts], batch_size=BATCH_SIZE)
    rank_records, position_records, family = [], [], []
    for draft, employee in zip(drafts, employees, strict=True):
        for record in draft.rank_records:
            record.employee = employee
            rank_records.append(record)
        draft.position_record.employee = employee
        position_records.append(draft.position_record)
        for member in draft.family:
            member.employee = employee
            family.append(member)
    RankHistory.objects.bulk_create(rank_records, batch_size=BATCH_SIZE)
    PositionHistory.objects.bulk_create(position_records, batch_size=BATCH_SIZE)
    FamilyMember.objects.bulk_create(family, batch_size=BATCH_SIZE)


def _employee_users(drafts: list[_Draft]) -> int:
    """One portal login per employee (username = NIP), all with the demo password hashed once."""
    password = make_password(DEMO_PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                username=d.employee.nip,
                password=password,
                first_name=d.employee.name[:150],
                email=d.employee.email,
                employee=d.employee,
            )
            for d in drafts
        ],
        batch_size=BATCH_SIZE,
    )
    group = Group.objects.get_or_create(name=roles.EMPLOYEE)[0]
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=u.pk, group_id=group.pk) for u in users], batch_size=BATCH_SIZE
    )
    return len(users)


STAFF_ACCOUNTS = (
    ("admin", roles.BKD_ADMIN, "Admin BKD"),
    ("rekrutmen", roles.RECRUITMENT_OFFICER, "Petugas Rekrutmen"),
    ("penilaian", roles.APPRAISAL_OFFICER, "Petugas Penilaian"),
    ("pelatihan", roles.TRAINING_OFFICER, "Petugas Pelatihan"),
    ("disiplin", roles.REWARDS_OFFICER, "Petugas Disiplin"),
    ("gaji", roles.PAYROLL_OFFICER, "Petugas Gaji"),
    ("pengaduan", roles.COMPLAINTS_OFFICER, "Petugas Pengaduan"),
    ("operator", roles.OPD_OPERATOR, "Operator OPD"),
)


def _staff_accounts(units: list[_Unit], drafts: list[_Draft]) -> list[DemoAccount]:
    """One account per staff role and the demo employee; existing usernames are left alone."""
    roots = [u.node for u in units if u.is_root]
    operator_unit = next((u for u in roots if u.code == OPERATOR_OPD), roots[0])
    taken = set(
        User.objects.filter(username__in=[a[0] for a in STAFF_ACCOUNTS]).values_list(
            "username", flat=True
        )
    )
    accounts = []
    for username, role, first_name in STAFF_ACCOUNTS:
        unit = operator_unit if role == roles.OPD_OPERATOR else None
        if username in taken:
            accounts.append(DemoAccount(username, role, "(unchanged)", "already existed"))
            continue
        user = staff_account_create(
            username=username, password=DEMO_PASSWORD, role=role, unit=unit, first_name=first_name
        )
        note = unit.name if unit else ""
        if role == roles.BKD_ADMIN:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
            note = "superuser"
        accounts.append(DemoAccount(username, role, DEMO_PASSWORD, note))
    employee = _demo_employee(drafts).employee
    accounts.append(DemoAccount(employee.nip, roles.EMPLOYEE, DEMO_PASSWORD, employee.full_name))
    return accounts


def _demo_employee(drafts: list[_Draft]) -> _Draft:
    """A PNS in a sub-unit with a spouse and children: the richest portal to show."""
    for draft in drafts:
        relations = {m.relation for m in draft.family}
        if (
            not draft.is_head
            and draft.employee.status == PNS
            and draft.employee.unit.kind == OrgUnit.Kind.SUBUNIT
            and relations == {FamilyMember.Relation.SPOUSE, FamilyMember.Relation.CHILD}
        ):
            return draft
    return next((d for d in drafts if not d.is_head), drafts[0])

"""The demo regency's catalogues: OPDs and sub-units, positions, education, ranks, names."""

from __future__ import annotations

from dataclasses import dataclass

from .. import identifiers
from ..models import Employee, Position

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

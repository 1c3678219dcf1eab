"""Wording of every problem, in Bahasa Indonesia (default) and English.

Writers are not programmers: each entry says what is wrong and how to fix it
in plain words. Keys are problem codes; `{field}` and other braces are filled
from the problem's params.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

# code: (id problem, id fix, en problem, en fix)
CATALOG: dict[str, tuple[str, str, str, str]] = {
    "missing_field": (
        "wajib diisi",
        "tambahkan baris `{leaf}: ...`",
        "is required",
        "add a line `{leaf}: ...`",
    ),
    "unknown_field": (
        "kolom tidak dikenal",
        "hapus kolom ini atau perbaiki ejaannya; kolom yang dikenal: {known}",
        "unknown field",
        "remove it or fix its spelling; known fields: {known}",
    ),
    "not_text": (
        "harus berupa teks, bukan daftar atau kumpulan kolom",
        "tulis sebagai teks biasa, misalnya `{leaf}: ...`",
        "must be text, not a list or a mapping",
        "write it as plain text, for example `{leaf}: ...`",
    ),
    "not_list": (
        "harus berupa daftar",
        "tulis sebagai daftar, misalnya `{leaf}: [satu, dua]`",
        "must be a list",
        "write it as a list, for example `{leaf}: [one, two]`",
    ),
    "not_mapping": (
        "harus berupa kumpulan kolom",
        "tulis kolom-kolomnya menjorok di bawah `{leaf}:`: {known}",
        "must be a mapping of fields",
        "write its fields indented under `{leaf}:`: {known}",
    ),
    "empty_title": (
        "judul rilis kosong",
        'tulis judulnya di antara tanda kutip, misalnya `newsroom new "Pemkab Kutim Gelar '
        'Rapat Koordinasi"`',
        "the release title is empty",
        'write the title between quotes, for example `newsroom new "Pemkab Kutim Gelar '
        'Rapat Koordinasi"`',
    ),
    "too_long": (
        "terlalu panjang ({length} karakter, paling banyak {max})",
        "persingkat teksnya",
        "is too long ({length} characters, at most {max})",
        "shorten it",
    ),
    "too_many": (
        "terlalu banyak isian ({count}, paling banyak {max})",
        "kurangi isiannya",
        "has too many entries ({count}, at most {max})",
        "remove some entries",
    ),
    "multiline": (
        "harus satu baris",
        "tulis dalam satu baris tanpa ganti baris",
        "must be a single line",
        "write it on one line",
    ),
    "control_chars": (
        "berisi karakter kendali yang tidak terlihat",
        "ketik ulang teksnya; karakter seperti ini sering terbawa saat menyalin",
        "contains invisible control characters",
        "retype the text; such characters often come with a copy-paste",
    ),
    "bad_date": (
        "bukan tanggal dan jam yang sah",
        "tulis seperti `2026-04-11 10:00` (jam kantor Anda, {zone})",
        "is not a valid date and time",
        "write it like `2026-04-11 10:00` (your office's clock, {zone})",
    ),
    "date_out_of_range": (
        "tahunnya di luar rentang yang diterima ({first}–{last})",
        "periksa tahunnya; tulis seperti `2026-04-11 10:00`, dengan tahun antara {first} "
        "dan {last}",
        "its year is outside the accepted range ({first}–{last})",
        "check the year; write it like `2026-04-11 10:00`, with a year from {first} to {last}",
    ),
    "date_digits": (
        "memakai angka selain 0-9 (misalnya angka Arab atau angka lebar penuh)",
        "ketik ulang tanggalnya dengan angka 0-9 biasa, seperti `2026-04-11 10:00`",
        "uses digits other than 0-9 (Arabic-Indic or fullwidth digits, for example)",
        "retype the date with the plain digits 0-9, like `2026-04-11 10:00`",
    ),
    "bad_date_zone_guessed": (
        "bukan tanggal dan jam yang sah",
        "tulis seperti `2026-04-11 10:00` (jam kantor Anda; zona waktunya baru diketahui "
        "setelah `province` di berkas kantor benar, sementara dianggap WIB)",
        "is not a valid date and time",
        "write it like `2026-04-11 10:00` (your office's clock; its time zone is known once "
        "`province` in the office file is right, WIB is assumed until then)",
    ),
    "bad_choice": (
        "bukan pilihan yang sah",
        "pilih salah satu: {choices}",
        "is not one of the allowed values",
        "choose one of: {choices}",
    ),
    "bad_bool": (
        "harus ya atau tidak",
        "tulis `true` atau `false`",
        "must be yes or no",
        "write `true` or `false`",
    ),
    "bad_slug": (
        "nama berkas bukan slug yang sah (huruf kecil a-z, angka 0-9, tanda hubung)",
        "ganti nama berkas menjadi `{suggestion}.md`",
        "the file name is not a valid slug (lowercase a-z, digits 0-9, hyphens)",
        "rename the file to `{suggestion}.md`",
    ),
    "bad_id": (
        "bukan id yang sah (huruf kecil a-z, angka 0-9, tanda hubung)",
        "gunakan misalnya `{suggestion}`",
        "is not a valid id (lowercase a-z, digits 0-9, hyphens)",
        "use for example `{suggestion}`",
    ),
    "bad_year_folder": (
        "folder tahun tidak sesuai dengan tanggal rilis ({year})",
        "pindahkan berkas ke folder `{year}/` atau perbaiki `date`",
        "the year folder does not match the release date ({year})",
        "move the file to the `{year}/` folder or fix `date`",
    ),
    "bad_year_folder_zone_guessed": (
        "folder tahun tidak sesuai dengan tanggal rilis ({year} menurut zona WIB, yang "
        "sementara dianggap karena `province` di berkas kantor belum benar)",
        "perbaiki `province` kantor dulu; bila masih dilaporkan, pindahkan berkas ke folder "
        "`{year}/` atau perbaiki `date`",
        "the year folder does not match the release date ({year} in WIB, assumed because "
        "`province` in the office file is not right yet)",
        "fix the office's `province` first; if this is still reported, move the file to the "
        "`{year}/` folder or fix `date`",
    ),
    "wrong_place": (
        "berkas rilis berada di tempat yang salah",
        "letakkan rilis di `{expected}`",
        "the release file is in the wrong place",
        "put releases at `{expected}`",
    ),
    "duplicate_id": (
        "id ganda: sama dengan {other}",
        "ganti nama salah satu berkas agar setiap rilis punya alamat sendiri",
        "duplicate id: same as {other}",
        "rename one of the files so that each release has its own address",
    ),
    "duplicate_office": (
        "id kantor ganda: sudah dipakai di baris {other}",
        "beri setiap kantor id yang berbeda",
        "duplicate office id: already used on line {other}",
        "give every office its own id",
    ),
    "unknown_office": (
        "kantor tidak terdaftar di content/offices.yml",
        "daftarkan kantor itu atau perbaiki nama foldernya; kantor terdaftar: {known}",
        "the office is not in content/offices.yml",
        "register the office or fix the folder name; registered offices: {known}",
    ),
    "office_mismatch": (
        "id di office.yml tidak sama dengan yang terdaftar ({expected})",
        "samakan `id` dengan id kantor di registri pusat",
        "the id in office.yml differs from the registry ({expected})",
        "make `id` match the office id in the central registry",
    ),
    "claim_required": (
        "rilis klarifikasi wajib memiliki `claim`",
        "tambahkan `claim:` dengan `text`, `verdict` dan `appeared_in`",
        "a klarifikasi release needs a `claim`",
        "add `claim:` with `text`, `verdict` and `appeared_in`",
    ),
    "claim_forbidden": (
        "`claim` hanya untuk kategori klarifikasi",
        "hapus `claim` atau ubah `category` menjadi `klarifikasi`",
        "`claim` is only for the klarifikasi category",
        "remove `claim` or change `category` to `klarifikasi`",
    ),
    "reason_required": (
        "rilis yang ditarik wajib menyebut alasannya",
        "tambahkan `withdrawn_reason: ...` yang menjelaskan alasan penarikan",
        "a withdrawn release needs a reason",
        "add `withdrawn_reason: ...` explaining why it was withdrawn",
    ),
    "reason_forbidden": (
        "`withdrawn_reason` hanya untuk status withdrawn",
        "hapus baris ini atau ubah `status` menjadi `withdrawn`",
        "`withdrawn_reason` is only for status withdrawn",
        "remove the line or set `status` to `withdrawn`",
    ),
    "withdrawn_at_forbidden": (
        "`withdrawn_at` hanya untuk status withdrawn",
        "hapus baris ini atau ubah `status` menjadi `withdrawn`",
        "`withdrawn_at` is only for status withdrawn",
        "remove the line or set `status` to `withdrawn`",
    ),
    "withdrawn_before_date": (
        "waktu penarikan lebih awal dari tanggal rilis ({date})",
        "perbaiki `withdrawn_at`: rilis ditarik setelah terbit",
        "the withdrawal time is before the release date ({date})",
        "fix `withdrawn_at`: a release is withdrawn after it was published",
    ),
    "update_before_date": (
        "catatan koreksi bertanggal sebelum tanggal rilis",
        "periksa tanggal koreksi; koreksi terjadi setelah rilis terbit",
        "the correction note is dated before the release",
        "check the date; a correction comes after publication",
    ),
    # PyYAML describes a syntax error in English: writers get one of these (`kind`,
    # generator.content.yamlsafe.syntax_kind) and, for any other, the English only in English.
    "yaml_syntax": (
        "YAML tidak dapat dibaca",
        "periksa titik dua, tanda kutip dan indentasi di baris ini",
        "YAML cannot be read: {detail}",
        "check the colons, quotes and indentation on this line",
    ),
    "yaml_syntax:unclosed_quote": (
        "YAML tidak dapat dibaca: tanda kutip dibuka tetapi tidak ditutup",
        'tutup tanda kutipnya di akhir nilai; tanda kutip di dalam teks ditulis `\\"` di antara '
        "kutip ganda, atau `''` di antara kutip tunggal",
        "YAML cannot be read: a quote is opened but never closed",
        'close the quote at the end of the value; a quote inside the text is written `\\"` '
        "between double quotes, or `''` between single quotes",
    ),
    "yaml_syntax:unclosed_list": (
        "YAML tidak dapat dibaca: daftar `[...]` tidak ditutup dengan `]`, atau butirnya tidak "
        "dipisah koma",
        "tutup daftarnya dengan `]` dan pisahkan butir dengan koma; apit butir yang berisi "
        "koma, titik dua atau kurung dengan tanda kutip",
        "YAML cannot be read: a `[...]` list is not closed with `]`, or its items are not "
        "separated by commas",
        "close the list with `]` and separate the items with commas; put items that contain "
        "commas, colons or brackets in quotes",
    ),
    "yaml_syntax:unclosed_mapping": (
        "YAML tidak dapat dibaca: kumpulan kolom `{{...}}` tidak ditutup dengan `}}`, atau "
        "kolomnya tidak dipisah koma",
        "tutup dengan `}}` dan pisahkan kolom dengan koma, misalnya `image: {{src: "
        "assets/foto.jpg, alt: Foto kegiatan}}`",
        "YAML cannot be read: a `{{...}}` mapping is not closed with `}}`, or its fields are "
        "not separated by commas",
        "close it with `}}` and separate the fields with commas, for example `image: {{src: "
        "assets/photo.jpg, alt: Event photo}}`",
    ),
    "yaml_syntax:tab": (
        "YAML tidak dapat dibaca: baris ini menjorok dengan karakter tab",
        "ganti tab dengan spasi",
        "YAML cannot be read: this line is indented with a tab character",
        "replace the tab with spaces",
    ),
    "yaml_syntax:colon_in_value": (
        "YAML tidak dapat dibaca: ada titik dua di tengah nilai, atau baris ini menjorok tidak "
        "pada tempatnya",
        'bila nilainya berisi titik dua, apit dengan tanda kutip, misalnya `title: "Rapat: '
        'hasil dan tindak lanjut"`; bila tidak, samakan jarak dari tepi kiri dengan baris di '
        "atasnya",
        "YAML cannot be read: there is a colon inside a value, or this line is indented where "
        "it should not be",
        'if the value contains a colon, put it in quotes, for example `title: "Meeting: results '
        'and follow-up"`; otherwise indent it like the line above',
    ),
    "yaml_syntax:missing_colon": (
        "YAML tidak dapat dibaca: baris ini tidak berbentuk `nama: nilai`",
        "tambahkan titik dua dan spasi setelah nama kolom, misalnya `title: Judul rilis`",
        "YAML cannot be read: this line is not of the form `name: value`",
        "add a colon and a space after the field name, for example `title: Release title`",
    ),
    "yaml_syntax:bad_escape": (
        "YAML tidak dapat dibaca: ada garis miring terbalik (`\\`) yang tidak dikenal di dalam "
        "tanda kutip ganda",
        "tulis `\\\\` untuk garis miring terbalik, atau apit nilainya dengan tanda kutip tunggal",
        "YAML cannot be read: there is an unknown backslash (`\\`) escape inside double quotes",
        "write `\\\\` for a backslash, or put the value in single quotes",
    ),
    "yaml_syntax:special_start": (
        "YAML tidak dapat dibaca: nilai diawali tanda yang punya arti khusus di YAML (seperti "
        "`@`, `` ` ``, `%`, `&`, `*`, `]` atau `}}`)",
        'apit nilainya dengan tanda kutip, misalnya `title: "@humas_kutim: rilis terbaru"`',
        "YAML cannot be read: the value starts with a character that means something in YAML "
        "(such as `@`, `` ` ``, `%`, `&`, `*`, `]` or `}}`)",
        'put the value in quotes, for example `title: "@humas_kutim: latest release"`',
    ),
    "yaml_syntax:extra_document": (
        "YAML tidak dapat dibaca: ada baris `...` atau `---` di tengah kolom",
        "hapus baris itu; front matter hanya dibuka dan ditutup dengan `---`",
        "YAML cannot be read: there is a `...` or `---` line among the fields",
        "remove it; front matter is only opened and closed with `---`",
    ),
    "yaml_syntax:control_char": (
        "YAML tidak dapat dibaca: ada karakter tersembunyi yang tidak diizinkan",
        "ketik ulang teksnya; karakter seperti ini sering terbawa saat menyalin",
        "YAML cannot be read: there is a hidden character that is not allowed",
        "retype the text; such characters often come with a copy-paste",
    ),
    "yaml_syntax:structure": (
        "YAML tidak dapat dibaca: jarak baris ini dari tepi kiri tidak sesuai, atau ada teks "
        "setelah tanda kutip atau kurung penutup",
        "samakan jarak dari tepi kiri dengan kolom lain di tingkat yang sama (dengan spasi), "
        "dan letakkan seluruh nilai di dalam tanda kutip atau kurungnya",
        "YAML cannot be read: this line's indentation does not match, or there is text after "
        "a closing quote or bracket",
        "indent it like the other fields at the same level (with spaces), and keep the whole "
        "value inside its quotes or brackets",
    ),
    "yaml_tag": (
        "tag YAML tidak diizinkan",
        "hapus tag yang diawali `!`; tulis nilainya sebagai teks biasa",
        "YAML tags are not allowed",
        "remove the tag starting with `!`; write the value as plain text",
    ),
    "yaml_anchor": (
        "anchor YAML (`&`) tidak diizinkan",
        "tulis nilainya lengkap di setiap tempat",
        "YAML anchors (`&`) are not allowed",
        "write the value out in full wherever it is needed",
    ),
    "yaml_alias": (
        "alias YAML (`*`) tidak diizinkan",
        "tulis nilainya lengkap di setiap tempat",
        "YAML aliases (`*`) are not allowed",
        "write the value out in full wherever it is needed",
    ),
    "yaml_duplicate_key": (
        "kolom ditulis dua kali",
        "hapus salah satunya",
        "the field is written twice",
        "remove one of them",
    ),
    "yaml_complex_key": (
        "nama kolom harus teks biasa",
        "tulis nama kolom sebagai kata biasa diikuti titik dua",
        "field names must be plain text",
        "write the field name as a plain word followed by a colon",
    ),
    "yaml_too_deep": (
        "bertingkat terlalu dalam (lebih dari {detail} tingkat)",
        "sederhanakan strukturnya",
        "nested too deeply (more than {detail} levels)",
        "simplify the structure",
    ),
    "yaml_multiple_documents": (
        "berisi lebih dari satu dokumen YAML",
        "hapus baris `---` tambahan",
        "holds more than one YAML document",
        "remove the extra `---` line",
    ),
    "not_a_mapping_file": (
        "harus berupa kumpulan kolom `nama: nilai`",
        "lihat contoh di README",
        "must be a mapping of `name: value` fields",
        "see the example in the README",
    ),
    "not_a_list_file": (
        "harus berupa daftar (setiap butir diawali `- `)",
        "lihat contoh di README",
        "must be a list (each item starting with `- `)",
        "see the example in the README",
    ),
    "front_matter_not_mapping": (
        "front matter harus berupa kolom `nama: nilai`, bukan daftar atau teks saja",
        "tulis setiap kolom di barisnya sendiri tanpa `- ` di depannya, misalnya "
        "`title: Judul rilis`",
        "the front matter must be `name: value` fields, not a list or plain text",
        "write each field on its own line without a leading `- `, for example "
        "`title: Release title`",
    ),
    "no_front_matter": (
        "berkas tidak diawali front matter",
        "awali berkas dengan baris `---`, lalu kolom rilis, lalu baris `---`",
        "the file does not start with front matter",
        "start the file with a `---` line, the release fields, then a `---` line",
    ),
    "unclosed_front_matter": (
        "front matter tidak ditutup",
        "tambahkan baris `---` setelah kolom terakhir",
        "the front matter is not closed",
        "add a `---` line after the last field",
    ),
    "file_too_large": (
        "berkas terlalu besar ({size} byte, paling besar {max})",
        "perkecil berkas; simpan foto dan lampiran di folder assets/",
        "the file is too large ({size} bytes, at most {max})",
        "make it smaller; keep photos and attachments in assets/",
    ),
    "front_matter_too_large": (
        "front matter terlalu besar ({size} byte, paling besar {max})",
        "pindahkan teks panjang ke isi rilis",
        "the front matter is too large ({size} bytes, at most {max})",
        "move long text into the body",
    ),
    "not_utf8": (
        "berkas bukan teks UTF-8",
        "simpan ulang berkas dengan pengodean UTF-8",
        "the file is not UTF-8 text",
        "save the file again as UTF-8",
    ),
    "empty_body": (
        "isi rilis kosong",
        "tulis isi rilis di bawah baris `---` penutup front matter",
        "the release body is empty",
        "write the body below the closing `---` line",
    ),
    "bad_asset_path": (
        "jalur berkas harus di dalam folder assets/",
        "tulis seperti `assets/foto-kegiatan.jpg`",
        "the path must be inside the assets/ folder",
        "write it like `assets/event-photo.jpg`",
    ),
    "body_too_deep": (
        "isinya bertingkat terlalu dalam mulai baris ini (kutipan `>`, daftar, penekanan "
        "atau tag HTML di dalam satu sama lain, lebih dari {max} tingkat)",
        "ratakan isinya: kutipan dan daftar cukup beberapa tingkat; tag HTML yang dibuka "
        "harus ditutup",
        "the body nests too deeply from this line on (quotes `>`, lists, emphasis or HTML "
        "tags inside one another, more than {max} levels)",
        "flatten it: a few levels of quotes and lists are enough; close every HTML tag you open",
    ),
    "render_failed": (
        "rilis {id} tidak dapat ditampilkan, jadi dilewati dalam build ini",
        "periksa tanggal dan isi berkas ini (jalankan `newsroom check`); bila semuanya "
        "benar, laporkan galat ini kepada pengelola Newsroom. Halaman lain tetap dibuat",
        "release {id} could not be rendered, so this build left it out",
        "check this file's dates and body (run `newsroom check`); if they are right, "
        "report this error to the Newsroom maintainers. Every other page was built",
    ),
    "asset_missing": (
        "berkas tidak ditemukan",
        "letakkan berkasnya di {expected} atau perbaiki jalurnya",
        "the file does not exist",
        "put the file at {expected} or fix the path",
    ),
    "image_unreadable": (
        "bukan gambar PNG, JPEG, GIF atau WebP yang dapat dibaca",
        "simpan ulang gambarnya sebagai JPEG atau PNG (misalnya dari aplikasi galeri atau "
        "pengolah foto) dan perbarui jalurnya; dokumen seperti PDF dilampirkan lewat "
        "`attachments`",
        "is not a readable PNG, JPEG, GIF or WebP image",
        "save the picture again as JPEG or PNG (for example from a gallery or photo app) and "
        "update the path; documents such as PDFs go in `attachments`",
    ),
    # Issue 16: what the site publishes instead of an original photo (photocheck).
    "image_large": (
        "foto aslinya besar ({mb},{tenths} MB, {width} × {height} px); situs tidak "
        "menerbitkannya apa adanya, melainkan gambar paling lebar {published} px (di ponsel "
        "sekitar {phone_kb} KB), dan foto aslinya, tanpa metadata seperti lokasi GPS, "
        "sebagai tautan unduhan",
        "tidak perlu berbuat apa-apa; bila ingin unduhan yang lebih kecil, ekspor fotonya "
        "dengan sisi terpanjang paling banyak sekitar {export} px dan di bawah {max_mb} MB",
        "the original photo is large ({mb}.{tenths} MB, {width} × {height} px); the site does "
        "not publish it as it is, but pictures at most {published} px wide (about "
        "{phone_kb} KB on a phone), and the original, without metadata such as the GPS "
        "location, as a download link",
        "nothing needs doing; for a smaller download, export the photo at most about "
        "{export} px on its longest side and under {max_mb} MB",
    ),
    "image_too_many_pixels": (
        "foto terlalu besar untuk diolah ({width} × {height} px, {megapixels} megapiksel; "
        "paling banyak {max} megapiksel)",
        "simpan ulang fotonya lebih kecil, misalnya dengan sisi terpanjang sekitar "
        "{export} px (mode 108 atau 200 megapiksel di ponsel membuat foto sebesar ini)",
        "the photo is too large to process ({width} × {height} px, {megapixels} "
        "megapixels; at most {max} megapixels)",
        "save it again smaller, for example about {export} px on its longest side (a "
        "phone's 108 or 200 megapixel mode makes photos this large)",
    ),
    "bad_asset_link": (
        "nama berkas aset ini tidak dapat dipakai; di situs tautan atau gambarnya hilang",
        "beri berkasnya nama dari huruf, angka, titik, garis bawah dan tanda hubung saja "
        "(tanpa spasi, `..`, `#` atau `?`) dan tulis misalnya `../../assets/foto-kegiatan.jpg`",
        "this asset file name cannot be used; on the site the link or image is lost",
        "name the file with letters, digits, dots, underscores and hyphens only (no spaces, "
        "`..`, `#` or `?`) and write for example `../../assets/event-photo.jpg`",
    ),
    "link_to_assets": (
        "jalur ini tidak menunjuk ke folder assets/ kantor; di situs tautan atau gambarnya "
        "tidak berfungsi",
        "tulis `{suggestion}`",
        "this path does not point into the office's assets/ folder; on the site the link or "
        "image will not work",
        "write `{suggestion}`",
    ),
    "link_to_release": (
        "tautan ke berkas rilis lain tidak berfungsi di situs",
        "tautkan ke alamat rilis itu di situs, yang berakhiran `/{target}` "
        "(misalnya `https://alamat-situs/{target}`)",
        "a link to another release's file does not work on the site",
        "link to that release's address on the site, which ends in `/{target}` "
        "(for example `https://site-address/{target}`)",
    ),
    "link_root_relative": (
        "alamat yang diawali `/` tidak berfungsi di situs: situs kantor Anda tidak berada di "
        "akar alamat itu",
        "tulis alamat lengkapnya (`https://...`), atau simpan berkasnya di folder assets/ dan "
        "tulis `../../assets/nama-berkas`",
        "an address starting with `/` does not work on the site: your office's site is not at "
        "the root of that address",
        "write the full address (`https://...`), or keep the file in the assets/ folder and "
        "write `../../assets/file-name`",
    ),
    "link_relative": (
        "jalur relatif ini tidak berfungsi di situs: hanya berkas di folder assets/ yang ikut "
        "terbit",
        "simpan berkasnya di folder assets/ dan tulis `../../assets/nama-berkas`, atau tulis "
        "alamat lengkapnya (`https://...`)",
        "this relative path does not work on the site: only files in the assets/ folder are "
        "published",
        "keep the file in the assets/ folder and write `../../assets/file-name`, or write the "
        "full address (`https://...`)",
    ),
    "bad_province": (
        "kode provinsi tidak dikenal",
        "gunakan kode dua digit Kemendagri, misalnya `64` untuk Kalimantan Timur",
        "unknown province code",
        "use the two-digit Kemendagri code, for example `64` for Kalimantan Timur",
    ),
    "province_required": (
        "kantor daerah wajib menyebut provinsinya",
        'tambahkan `province: "NN"` dengan kode provinsi Kemendagri',
        "a regional office needs its province",
        'add `province: "NN"` with the Kemendagri province code',
    ),
    "province_forbidden": (
        "kantor pusat tidak memiliki provinsi",
        "hapus `province` atau ubah `level`",
        "a central office has no province",
        "remove `province` or change `level`",
    ),
    # {kinds}: the kinds of source (`git:`, `feed:`); {fields}: each kind with its fields.
    "bad_source": (
        "sumber harus tepat satu jenis: {kinds}",
        "tulis satu jenis dengan kolomnya ({fields}), misalnya "
        "`source: {{git: https://git.example.go.id/humas.git, branch: main}}`",
        "the source must be exactly one kind: {kinds}",
        "write one kind with its fields ({fields}), for example "
        "`source: {{git: https://git.example.go.id/humas.git, branch: main}}`",
    ),
    "unknown_source_kind": (
        "jenis sumber tidak dikenal",
        "pakai salah satu jenis: {kinds} (kolomnya: {fields}), misalnya "
        "`source: {{feed: https://humas.example.go.id/feed.json}}`",
        "unknown kind of source",
        "use one of the kinds: {kinds} (their fields: {fields}), for example "
        "`source: {{feed: https://humas.example.go.id/feed.json}}`",
    ),
    "field_of_other_kind": (
        "kolom ini untuk sumber `{other}:`, tidak dipakai sumber `{kind}:`",
        "hapus kolom ini; kolom sumber `{kind}:`: {known}",
        "this field is for a `{other}:` source; a `{kind}:` source does not use it",
        "remove it; the fields of a `{kind}:` source: {known}",
    ),
    "bad_url": (
        "bukan alamat yang sah",
        "tulis alamat lengkap, misalnya `{example}`",
        "is not a valid address",
        "write the full address, for example `{example}`",
    ),
    "bad_email": (
        "bukan alamat surel yang sah",
        "tulis seperti `humas@contoh.go.id`",
        "is not a valid e-mail address",
        "write it like `humas@example.go.id`",
    ),
    "curation_unknown": (
        "rilis ini tidak ada",
        "periksa id-nya (`kantor/tahun/slug`) atau hapus butir ini",
        "no such release",
        "check the id (`office/year/slug`) or remove the entry",
    ),
    "curation_duplicate": (
        "rilis ini sudah tercantum di daftar ini (baris {other})",
        "hapus salah satu butir",
        "the release is already in this list (line {other})",
        "remove one of the entries",
    ),
    "curation_not_public": (
        "rilis berstatus {status}, tidak akan tampil",
        "hapus butir ini dari kurasi",
        "the release is {status} and will not appear",
        "remove the entry from the curation",
    ),
    "curation_embargoed": (
        "rilis ini masih diembargo: baru tampil di situs nasional saat embargonya berakhir, {when}",
        "biarkan bila memang dijadwalkan begitu; hapus butir ini bila rilis belum boleh "
        "ditampilkan di situs nasional",
        "the release is under embargo: it appears on the national site when the embargo "
        "lifts, {when}",
        "leave it if that is the plan; remove the entry if the release should not be on the "
        "national site yet",
    ),
    "curation_central": (
        "rilis kantor pusat sudah tampil di situs nasional dan, dengan `syndication: all`, "
        "di semua situs provinsi tanpa kurasi",
        "hapus butir ini, kecuali untuk menyematkan atau memberi judul nasional",
        "a central office's release is on the national site and, with `syndication: all`, "
        "on every provincial site without curation",
        "remove the entry, unless it is there to pin it or give it a national headline",
    ),
    "declined_featured": (
        "rilis ini ada di `featured` sekaligus di `declined`",
        "hapus dari `declined` bila rilis ini memang ditampilkan, atau dari `featured`",
        "the release is both in `featured` and in `declined`",
        "remove it from `declined` if it is featured, or from `featured`",
    ),
    "symlink": (
        "tautan simbolik (symlink) tidak diizinkan",
        "ganti tautan dengan berkas biasa",
        "symbolic links are not allowed",
        "replace the link with a regular file",
    ),
    "submodule": (
        "submodule git tidak diizinkan",
        "hapus submodule; simpan berkasnya langsung di repositori",
        "git submodules are not allowed",
        "remove the submodule; keep the files in the repository itself",
    ),
    "asset_refused": (
        "berkas aset tidak diterima (jenis atau ukurannya)",
        "gunakan foto PNG/JPEG/GIF/WebP paling besar {max_image} atau PDF paling besar {max_pdf}",
        "the asset is not accepted (its type or size)",
        "use PNG/JPEG/GIF/WebP photos up to {max_image} or PDFs up to {max_pdf}",
    ),
    "foreign_office": (
        "item ini milik kantor lain",
        "hanya `{expected}` yang diterima dari sumber kantor ini",
        "this item belongs to another office",
        "only `{expected}` is accepted from this office's source",
    ),
    "asset_case_twin": (
        "nama aset hanya beda huruf besar/kecil dengan {other}",
        "ganti nama salah satunya (di Windows dan macOS keduanya menjadi satu berkas)",
        "the asset name differs only in upper/lower case from {other}",
        "rename one (on Windows and macOS both become one file)",
    ),
    "name_not_utf8": (
        "nama berkas bukan teks UTF-8 yang sah (sebagian bytenya ditampilkan sebagai \\x..)",
        "ganti nama berkas dengan huruf, angka, `-` dan `_` saja",
        "the file name is not valid UTF-8 text (its bad bytes are shown as \\x..)",
        "rename the file using letters, digits, `-` and `_` only",
    ),
    "asset_name_too_long": (
        "nama aset terlalu panjang ({length} karakter dalam satu nama, paling banyak {max})",
        "persingkat nama berkas atau foldernya menjadi paling banyak {max} karakter",
        "the asset name is too long ({length} characters in one name, at most {max})",
        "shorten the file or folder name to at most {max} characters",
    ),
    "asset_too_deep": (
        "aset terlalu dalam ({depth} tingkat folder di bawah assets/, paling banyak {max})",
        "pindahkan berkas ke folder yang paling banyak {max} tingkat di bawah assets/",
        "the asset is nested too deep ({depth} folders below assets/, at most {max})",
        "move the file to a folder at most {max} levels below assets/",
    ),
    "asset_count_limit": (
        "sinkronisasi ini sudah mengambil {max} aset kantor ini, batas satu sinkronisasi; "
        "berkas ini belum diambil",
        "tidak perlu berbuat apa-apa bila asetnya memang banyak: sisanya diambil pada "
        "sinkronisasi berikutnya; rilis yang memakainya menunggu sampai asetnya tiba",
        "this sync already took {max} of this office's assets, the limit of one sync; "
        "this file is not taken yet",
        "nothing to do if the office really has this many: the rest are taken at the next "
        "syncs; releases using it wait until it arrives",
    ),
    "asset_bytes_limit": (
        "aset yang diambil sinkronisasi ini sudah mencapai {max}, batas satu sinkronisasi; "
        "berkas ini ({size} byte) belum diambil",
        "tidak perlu berbuat apa-apa bila asetnya memang besar: sisanya diambil pada "
        "sinkronisasi berikutnya; rilis yang memakainya menunggu sampai asetnya tiba",
        "the assets this sync took already reach {max}, the limit of one sync; this file "
        "({size} bytes) is not taken yet",
        "nothing to do if the office's assets really are this large: the rest are taken at "
        "the next syncs; releases using it wait until it arrives",
    ),
    "withdrawn_entry_status": (
        "butir penarikan di feed kantor tidak berstatus `withdrawn`",
        "feed kantor harus menandai rilis yang ditarik dengan `status: withdrawn`; beri tahu "
        "pengelola feed kantor itu",
        "a withdrawal entry in the office's feed does not have status `withdrawn`",
        "the office's feed must mark withdrawn releases with `status: withdrawn`; tell whoever "
        "runs that feed",
    ),
    "mass_withdraw": (
        "sinkronisasi akan menarik {count} dari {total} rilis kantor ini sekaligus",
        "periksa repositori kantor; bila memang disengaja, ulangi dengan --allow-mass-withdraw",
        "the sync would withdraw {count} of this office's {total} releases at once",
        "check the office repository; if it is intended, run again with --allow-mass-withdraw",
    ),
    "cache_unusable": (
        "cache build tidak dapat dipakai, jadi situs dibangun tanpa cache itu (hasilnya "
        "sama, hanya lebih lambat)",
        "hapus {path} (cache dibuat ulang pada build berikutnya), atau pastikan folder "
        ".cache/newsroom dapat ditulis oleh pengguna yang menjalankan build",
        "the build cache cannot be used, so the sites are built without it (the same "
        "result, only slower)",
        "delete {path} (the cache is made again at the next build), or make sure the "
        "folder .cache/newsroom is writable by the user running the build",
    ),
    "no_repository": (
        "bukan repositori newsroom: tidak ada content/offices.yml atau office.yml",
        "jalankan perintah di dalam repositori pusat atau repositori kantor",
        "not a newsroom repository: no content/offices.yml or office.yml",
        "run the command inside the central repository or an office repository",
    ),
    "missing_file": (
        "berkas tidak ada",
        "buat berkas ini; lihat contoh di README",
        "the file is missing",
        "create it; see the example in the README",
    ),
    # --- newsroom sync: an office's git source could not be read ({detail}: git's words)
    "git_repo_not_found": (
        "repositori kantor tidak ditemukan di {url} (git: {detail})",
        "periksa alamat `source: git` kantor ini di content/offices.yml: sebuah path harus "
        "menunjuk ke repositori git yang ada, sebuah URL harus sama dengan alamat clone-nya; "
        "bila repositorinya privat, periksa juga kredensialnya",
        "the office's repository was not found at {url} (git: {detail})",
        "check the office's `source: git` address in content/offices.yml: a path must lead "
        "to an existing git repository, a URL must be the one it is cloned from; if the "
        "repository is private, check the credentials too",
    ),
    "git_branch_not_found": (
        "cabang {branch} tidak ada di repositori {url} (git: {detail})",
        "periksa `branch:` kantor ini di content/offices.yml (bawaan: main) dan nama cabang "
        "di repositori kantor",
        "there is no branch {branch} in the repository {url} (git: {detail})",
        "check the office's `branch:` in content/offices.yml (default: main) and the branch "
        "name in the office repository",
    ),
    "git_auth_refused": (
        "server {url} menolak login (git: {detail})",
        "periksa kredensial di server pusat, di luar repositori: kunci deploy ssh, ~/.netrc "
        "atau NEWSROOM_GIT_ASKPASS (README, 'Syncing the offices'); jangan pernah menulis "
        "kata sandi atau token di content/offices.yml",
        "the server of {url} refused the login (git: {detail})",
        "check the credentials on the central server, outside the repository: an ssh deploy "
        "key, ~/.netrc or NEWSROOM_GIT_ASKPASS (README, 'Syncing the offices'); never write "
        "a password or token in content/offices.yml",
    ),
    "git_unreachable": (
        "server {url} tidak dapat dihubungi (git: {detail})",
        "periksa nama host dan port pada alamat di content/offices.yml dan jaringan server "
        "pusat; bila server kantor sedang mati, sinkronisasi berikutnya mencoba lagi",
        "the server of {url} cannot be reached (git: {detail})",
        "check the host name and port of the address in content/offices.yml and the central "
        "server's network; if the office's server is down, the next sync tries again",
    ),
    "git_branch_invalid": (
        "nama cabang {branch} tidak diizinkan",
        "tulis `branch:` kantor ini di content/offices.yml dengan huruf, angka, `.`, `_`, "
        "`-` dan `/` saja, tanpa `..`",
        "the branch name {branch} is not allowed",
        "write the office's `branch:` in content/offices.yml with letters, digits, `.`, `_`, "
        "`-` and `/` only, without `..`",
    ),
    "git_failed": (
        "git {command} gagal untuk {url}: {detail}",
        "periksa alamat, cabang dan kredensial kantor ini di content/offices.yml; "
        "`git ls-remote` dengan alamat itu di server pusat menunjukkan galat yang sama",
        "git {command} failed for {url}: {detail}",
        "check the office's address, branch and credentials in content/offices.yml; "
        "`git ls-remote` with that address on the central server shows the same error",
    ),
    "git_timeout": (
        "git {command} tidak selesai dalam {seconds} detik",
        "server kantor atau jaringan terlalu lambat; sinkronisasi berikutnya mencoba lagi, "
        "bila tetap lambat periksa jaringan server pusat",
        "git {command} did not finish within {seconds} s",
        "the office's server or the network is too slow; the next sync tries again, if it "
        "stays slow check the central server's network",
    ),
    "download_redirected": (
        "{url} dialihkan ke luar {host} ({target}); hanya pengalihan dalam skema, host dan "
        "port yang sama yang diikuti",
        "bila feed memang pindah ke sana, ganti sumbernya di content/offices.yml; bila tidak, "
        "beri tahu pengelola feed kantor itu",
        "{url} redirected away from {host} (to {target}); only redirects within the same "
        "scheme, host and port are followed",
        "if the feed really moved there, change its source in content/offices.yml; if not, "
        "tell whoever runs that feed",
    ),
    "download_redirect_loop": (
        "{url} dialihkan terlalu banyak kali (pengalihan berputar?)",
        "buka alamat itu di peramban untuk melihat ke mana dialihkan, lalu perbaiki sumbernya "
        "di content/offices.yml atau beri tahu pengelola feed kantor itu",
        "{url}: too many redirects (a redirect loop?)",
        "open the address in a browser to see where it leads, then fix the source in "
        "content/offices.yml or tell whoever runs that feed",
    ),
    "feed_office_deadline": (
        "feed {url} dan berkas-berkasnya tidak selesai dibaca dalam batas {seconds} dtk "
        "untuk kantor ini, jadi tidak ada yang diterapkan",
        "sinkronisasi berikutnya mencoba lagi; bila terus terjadi, naikkan --office-deadline "
        "atau beri tahu pengelola server kantor itu",
        "the feed {url} and its assets were not read within the office's {seconds} s "
        "deadline, so nothing of it was applied",
        "the next sync tries again; if it keeps happening, raise --office-deadline or tell "
        "whoever runs that server",
    ),
    "download_failed": (
        "{url} tidak dapat diunduh: {reason} (setelah {attempts} percobaan)",
        "periksa alamat feed di content/offices.yml dan apakah server kantor menyala; "
        "sinkronisasi berikutnya mencoba lagi",
        "{url} could not be downloaded: {reason} (after {attempts} attempt(s))",
        "check the feed address in content/offices.yml and whether the office's server is "
        "up; the next sync tries again",
    ),
    "download_http": (
        "{url} menjawab HTTP {status}",
        "periksa alamat feed di content/offices.yml (404: alamatnya salah atau feed "
        "dipindah; 401/403: server kantor menolak akses)",
        "{url} answered HTTP {status}",
        "check the feed address in content/offices.yml (404: a wrong address or a moved "
        "feed; 401/403: the office's server refuses access)",
    ),
    "download_too_large": (
        "{url} lebih besar dari batas {max} bita, jadi tidak diunduh",
        "minta pengelola feed kantor memperkecil feed (lebih sedikit butir per halaman)",
        "{url} is more than {max} bytes (the limit), so it was not downloaded",
        "ask whoever runs the office's feed to make it smaller (fewer items per page)",
    ),
    "download_deadline": (
        "{url} tidak selesai diunduh dalam batas {seconds} dtk, jadi dihentikan",
        "server kantor terlalu lambat; sinkronisasi berikutnya mencoba lagi, dan bila terus "
        "terjadi beri tahu pengelola server kantor itu",
        "{url} did not finish downloading within the {seconds} s deadline, so it was stopped",
        "the office's server is too slow; the next sync tries again, and if it keeps "
        "happening tell whoever runs that server",
    ),
    "feed_not_json": (
        "{url} bukan JSON, jadi bukan feed yang dapat dibaca",
        "periksa alamat feed di content/offices.yml: alamat itu harus menuju JSON Feed "
        "kantor, bukan halaman web",
        "{url} is not JSON ({detail}), so not a feed that can be read",
        "check the feed address in content/offices.yml: it must lead to the office's JSON "
        "Feed, not a web page",
    ),
    "feed_no_items": (
        "{url} bukan JSON Feed: tidak ada daftar `items`",
        "periksa alamat feed di content/offices.yml: alamat itu harus menuju JSON Feed "
        "kantor (https://jsonfeed.org/version/1.1)",
        "{url} is not a JSON Feed: it has no `items` list",
        "check the feed address in content/offices.yml: it must lead to the office's JSON "
        "Feed (https://jsonfeed.org/version/1.1)",
    ),
    "source_kind_unsupported": (
        "sinkronisasi tidak bisa membaca sumber jenis `{kind}:`",
        "pakai salah satu jenis yang dibaca sinkronisasi ({known}) di content/offices.yml, "
        "atau perbarui Newsroom",
        "the sync cannot read a `{kind}:` source",
        "use a kind the sync reads ({known}) in content/offices.yml, or update Newsroom",
    ),
    # officers (office.yml / content/offices.yml) and credits (a release's front matter)
    "unknown_field:credits": (
        "kolom tidak dikenal: penulis dan kru rilis ditulis di `credits:`",
        "tulis misalnya `credits: {{penulis: [lisa], foto: [ari]}}` dengan id petugas dari "
        "`officers:` kantor Anda; kolom yang dikenal: {known}",
        "unknown field: a release names its writers and crew under `credits:`",
        "write for example `credits: {{penulis: [lisa], foto: [ari]}}` with officer ids from "
        "your office's `officers:`; known fields: {known}",
    ),
    "nip_length": (
        "NIP harus 18 angka (tertulis {length} angka)",
        "salin NIP dari SK atau kartu pegawai: 8 angka tanggal lahir, 6 angka TMT CPNS, "
        "1 angka jenis kelamin, 3 angka nomor urut",
        "a NIP has 18 digits ({length} written)",
        "copy the NIP from the appointment decree or staff card: 8 digits of birth date, "
        "6 of TMT CPNS, 1 for sex, 3 of serial number",
    ),
    "nip_birth": (
        "bagian tanggal lahir NIP (angka 1-8: {part}) bukan tanggal yang ada",
        "periksa 8 angka pertama: tahun, bulan, tanggal lahir (ttttbbhh), misalnya 19900101",
        "the birth-date part of the NIP (digits 1-8: {part}) is not a real date",
        "check the first 8 digits: year, month, day of birth (yyyymmdd), e.g. 19900101",
    ),
    "nip_birth_year": (
        "bagian tanggal lahir NIP (angka 1-8: {part}) terlalu lampau untuk pegawai aktif",
        "periksa 8 angka pertama: tahun, bulan, tanggal lahir (ttttbbhh)",
        "the birth-date part of the NIP (digits 1-8: {part}) is too early for a serving officer",
        "check the first 8 digits: year, month, day of birth (yyyymmdd)",
    ),
    "nip_appointment": (
        "bagian TMT CPNS NIP (angka 9-14: {part}) bukan tahun dan bulan yang sah",
        "periksa angka 9-14: tahun dan bulan pengangkatan CPNS (ttttbb), misalnya 201501",
        "the appointment part of the NIP (digits 9-14: {part}) is not a valid year and month",
        "check digits 9-14: year and month of appointment as CPNS (yyyymm), e.g. 201501",
    ),
    "nip_appointment_young": (
        "bagian TMT CPNS NIP (angka 9-14: {part}) jatuh sebelum usia {age} tahun menurut "
        "tanggal lahirnya",
        "periksa angka 9-14 (tahun dan bulan pengangkatan CPNS) dan 8 angka tanggal lahir",
        "the appointment part of the NIP (digits 9-14: {part}) falls before the age of {age} "
        "by its birth date",
        "check digits 9-14 (year and month of appointment) and the 8 digits of birth date",
    ),
    "nip_appointment_ahead": (
        "bagian TMT CPNS NIP (angka 9-14: {part}) masih di masa depan (sekarang {now})",
        "periksa angka 9-14: tahun dan bulan pengangkatan CPNS (ttttbb)",
        "the appointment part of the NIP (digits 9-14: {part}) lies in the future (now {now})",
        "check digits 9-14: year and month of appointment as CPNS (yyyymm)",
    ),
    "nip_sex": (
        "bagian jenis kelamin NIP (angka ke-15: {part}) harus 1 atau 2",
        "periksa angka ke-15: 1 untuk laki-laki, 2 untuk perempuan",
        "the sex digit of the NIP (digit 15: {part}) must be 1 or 2",
        "check digit 15: 1 for male, 2 for female",
    ),
    "nip_serial": (
        "bagian nomor urut NIP (angka 16-18: {part}) tidak boleh 000",
        "periksa 3 angka terakhir NIP",
        "the serial part of the NIP (digits 16-18: {part}) cannot be 000",
        "check the last 3 digits of the NIP",
    ),
    "officer_twice": (
        "petugas ini sudah terdaftar di baris {other}",
        "tulis setiap petugas sekali saja di `officers:`; beri id berbeda bila orangnya lain",
        "this officer is already listed on line {other}",
        "list each officer once under `officers:`; give a different id to a different person",
    ),
    "credits_not_mapping": (
        "harus berupa kumpulan peran",
        "tulis misalnya `credits: {{penulis: [lisa], foto: [ari]}}`; peran: {roles}",
        "must be a mapping of roles",
        "write for example `credits: {{penulis: [lisa], foto: [ari]}}`; roles: {roles}",
    ),
    "unknown_role": (
        "peran tidak dikenal",
        "pakai salah satu peran: {roles}",
        "unknown role",
        "use one of the roles: {roles}",
    ),
    "credited_twice": (
        "orang yang sama ditulis dua kali dalam peran ini",
        "hapus salah satunya",
        "the same person is listed twice in this role",
        "remove one of them",
    ),
    "unknown_officer": (
        "bukan id petugas kantor rilis ini",
        "pakai id dari `officers:` kantor ini ({known}); petugas kantor lain tidak bisa "
        "dicantumkan",
        "is not the id of an officer of this release's office",
        "use an id from this office's `officers:` ({known}); officers of another office "
        "cannot be credited",
    ),
    "no_officers": (
        "kantor rilis ini belum mendaftarkan petugas",
        "tambahkan petugas di `officers:` pada office.yml (atau entri kantor di "
        "content/offices.yml): id, name, nip, position",
        "this release's office lists no officers yet",
        "add the officer under `officers:` in office.yml (or the office's entry in "
        "content/offices.yml): id, name, nip, position",
    ),
}


# What `newsroom curate` says: code -> (Indonesian, English). Values shown as the
# editor typed them are quoted by the caller (`problems.quote`), as in every problem.
CURATION: dict[str, tuple[str, str]] = {
    # refusals
    "unknown_release": (
        "tidak ada rilis {id}: id berbentuk <kantor>/<tahun>/<slug>, lihat `newsroom curate inbox`",
        "no release {id}: ids are <office>/<yyyy>/<slug>, see `newsroom curate inbox`",
    ),
    "broken_release": (
        "rilis {id} tidak dapat dipakai karena berkasnya bermasalah: {problem}",
        "release {id} cannot be used, its file has an error: {problem}",
    ),
    "more_problems": (
        " (dan {count} masalah lain; lihat `newsroom check`)",
        " (and {count} more; see `newsroom check`)",
    ),
    "is_draft": (
        "{id} masih draf; rilis baru dapat ditampilkan setelah terbit",
        "{id} is a draft; it cannot be featured until published",
    ),
    "is_withdrawn": ("{id} sudah ditarik: {reason}", "{id} was withdrawn: {reason}"),
    "is_embargoed": (
        "{id} masih diembargo sampai {when}; kurasi setelah embargo berakhir",
        "{id} is under embargo until {when}; curate it once the embargo has lifted",
    ),
    "already_curated": (
        "{id} sudah dikurasi; ubah judul atau catatannya dengan `newsroom curate edit`, "
        "tempatnya dengan pin, unpin atau move",
        "{id} is already curated; change its headline or note with `newsroom curate edit`, "
        "its place with pin, unpin or move",
    ),
    "not_curated": (
        "{id} tidak ada di kurasi; lihat `newsroom curate list`",
        "{id} is not in the curation; see `newsroom curate list`",
    ),
    "move_self": (
        "{id} tidak dapat dipindah ke depan dirinya sendiri; sebut rilis lain yang dikurasi "
        "(lihat `newsroom curate list`)",
        "cannot move {id} before itself; name another curated release (see `newsroom curate list`)",
    ),
    "curated_not_declined": (
        "{id} sedang dikurasi; hapus dulu dengan `newsroom curate remove` agar dapat ditandai "
        "tidak dipilih",
        "{id} is curated; `newsroom curate remove` it first to decline it",
    ),
    "already_declined": ("{id} sudah ditandai tidak dipilih", "{id} is already declined"),
    "nothing_to_edit": (
        "tidak ada yang diubah: sebutkan --headline atau --note (teks kosong menghapusnya)",
        "nothing to change: give --headline or --note (an empty text removes it)",
    ),
    "entry_not_editable": (
        "butir di baris {line} curation.yml tidak ditulis satu kolom per baris "
        "(`- id: …` lalu `pinned: …`); tulis ulang seperti itu agar dapat diubah "
        "dengan `newsroom curate`",
        "the entry on line {line} of curation.yml is not written one key per line "
        "(`- id: …` then `pinned: …`); rewrite it that way to edit it with `newsroom curate`",
    ),
    "one_line_list": (
        "`{key}` di curation.yml ditulis dalam satu baris ([...]); tulis satu butir per baris "
        "(`- id: …`) agar dapat diubah dengan `newsroom curate`",
        "`{key}` in curation.yml is written on one line ([...]); write one entry per line "
        "(`- id: …`) to edit it with `newsroom curate`",
    ),
    "featured_first": (
        "curation.yml baris {line}: seharusnya diawali `featured:`",
        "curation.yml line {line}: expected `featured:` first",
    ),
    "unreadable": (
        "{problem} (perbaiki berkasnya dulu; tidak ada yang diubah)",
        "{problem} (fix the file by hand first; nothing was changed)",
    ),
    "not_saved": ("tidak disimpan: {reasons}", "not saved: {reasons}"),
    "central_only": (
        "kurasi ada di repositori pusat (yang berisi content/offices.yml); "
        "jalankan perintah di sana",
        "curation lives in the central repository (the one with content/offices.yml); "
        "run the command there",
    ),
    "error": ("Galat: {message}", "Error: {message}"),
    # done
    "added": ("{id} ditambahkan ke kurasi nasional", "added {id}"),
    "removed": ("{id} dihapus dari kurasi nasional", "removed {id}"),
    "pinned": ("{id} disematkan", "pinned {id}"),
    "unpinned": ("{id} tidak lagi disematkan", "unpinned {id}"),
    "moved": ("{id} dipindah ke depan {other}", "moved {id} before {other}"),
    "declined": ("{id} tidak dipilih untuk situs nasional", "declined {id}"),
    "edited": ("{id} diperbarui", "updated {id}"),
    "declined_draft": (
        "catatan: {id} masih draf; keputusan ini tetap berlaku setelah rilis terbit",
        "note: {id} is a draft; the decision holds once it is published",
    ),
    "declined_embargoed": (
        "catatan: {id} diembargo sampai {when}; keputusan ini tetap berlaku setelah "
        "embargo berakhir",
        "note: {id} is under embargo until {when}; the decision holds once it lifts",
    ),
    "declined_withdrawn": (
        "catatan: {id} sudah ditarik ({reason}), jadi memang tidak akan tampil",
        "note: {id} was withdrawn ({reason}), so it would not appear anyway",
    ),
    # list and inbox
    "not_shown": ("Dikurasi, tetapi tidak tampil:", "Curated, but not shown:"),
    "hidden_withdrawn": ("ditarik: {reason}", "withdrawn: {reason}"),
    "hidden_embargoed": ("embargo sampai {when}", "under embargo until {when}"),
    "hidden_draft": ("masih draf", "a draft"),
    "hidden_broken": ("berkasnya bermasalah: {problem}", "its file has an error: {problem}"),
    "hidden_entry": (
        "butir kurasinya bermasalah: {problem}",
        "its curation entry has an error: {problem}",
    ),
    "hidden_unknown": ("tidak ada rilis dengan id ini", "no release has this id"),
    "reason_proposed": ("diusulkan", "proposed"),
    "reason_new": ("baru", "new"),
}


# The editors' desk (generator.desk, themes/desk/pages/): headings, labels, badges and
# notes, (Indonesian, English). Markdown marks (`**`) are part of a sentence's wording.
DESK: dict[str, tuple[str, str]] = {
    # the overview
    "title": ("Desk Redaksi", "Editorial Desk"),
    "private": (
        "Halaman internal redaksi. Bukan untuk publik.",
        "An internal page of the newsroom. Not for the public.",
    ),
    "shown": (
        "**{shown}** rilis tampil di desk, dari **{offices}** kantor",
        "**{shown}** releases shown on the desk, from **{offices}** offices",
    ),
    "waiting": (
        "**{count}** menunggu keputusan desk nasional (diusulkan atau baru)",
        "**{count}** waiting for the national desk's decision (proposed or new)",
    ),
    "problems": (
        "**{errors}** kesalahan validasi, **{warnings}** peringatan",
        "**{errors}** validation errors, **{warnings}** warnings",
    ),
    "see": ("lihat", "see"),
    "last_sync": ("Sinkronisasi terakhir", "Last sync"),
    "never": ("belum pernah", "never"),
    "health_link": ("kesehatan kantor", "office health"),
    "by_month": ("Menurut bulan", "By month"),
    "by_office": ("Menurut kantor", "By office"),
    "release_count": ("{count} rilis", "{count} releases"),
    "error_count": ("{count} kesalahan", "{count} errors"),
    "waiting_heading": ("Menunggu keputusan", "Waiting for a decision"),
    "none": ("Tidak ada.", "None."),
    "no_releases": ("Tidak ada rilis.", "No releases."),
    # the desk's menu (the other entries are the pages' headings: national, health)
    "nav_overview": ("Ikhtisar", "Overview"),
    "nav_warnings": ("Peringatan", "Warnings"),
    # the national feed
    "national": ("Umpan nasional", "National feed"),
    "national_off": (
        "Situs nasional dinonaktifkan di konfigurasi.",
        "The national site is turned off in the configuration.",
    ),
    "national_exact": (
        "Persis seperti di beranda situs nasional pada waktu build ini.",
        "Exactly as the national site's home page shows it at this build's time.",
    ),
    "picks": ("Pilihan desk", "The desk's picks"),
    "picks_order": (
        "Yang disematkan dulu, lalu urutan kurasi.",
        "Pinned ones first, then the curation's order.",
    ),
    "latest": (
        "Terbaru ({shown} teratas dari {listed} rilis)",
        "Latest (the top {shown} of {listed} releases)",
    ),
    "hidden": ("Dikurasi, tetapi tidak tampil", "Curated, but not shown"),
    # warnings and health
    "warnings": ("Peringatan validasi", "Validation warnings"),
    "refused_at_last_syncs": (
        "Ditolak pada sinkronisasi terakhir tiap kantor",
        "Refused at each office's last sync",
    ),
    "old_record": (
        " · dicatat dalam bahasa Inggris oleh versi lama",
        " · recorded in English by an older version",
    ),
    "health": ("Kesehatan kantor", "Office health"),
    "health_intro": (
        "Waktu dalam zona waktu tiap kantor. Berkas ditolak: pada sinkronisasi terakhir kantor itu",
        "Times in each office's time zone. Refused files: at that office's last sync",
    ),
    # an office's page
    "said_at_last_sync": (
        "Ditolak atau dicatat pada sinkronisasi terakhir",
        "Refused or noted at the last sync",
    ),
    "level": ("tingkat", "level"),
    "time_zone": ("zona waktu", "time zone"),
    "source": ("Sumber", "Source"),
    "last_success": ("berhasil terakhir", "last success"),
    "last_error": ("Galat terakhir", "Last error"),
    "validation_errors": ("Kesalahan validasi", "Validation errors"),
    "refused_at_its_last_sync": (
        "berkas ditolak pada sinkronisasi terakhirnya",
        "files refused at its last sync",
    ),
    # table heads
    "col_time": ("Waktu", "Time"),
    "col_release": ("Rilis", "Release"),
    "col_office": ("Kantor", "Office"),
    "col_status": ("Status", "Status"),
    "col_why_hidden": ("Mengapa tidak tampil", "Why it is not shown"),
    "col_published": ("Terbit", "Published"),
    "col_sync": ("Sinkronisasi", "Sync"),
    "col_success": ("Berhasil", "Succeeded"),
    "col_last_release": ("Rilis terakhir", "Last release"),
    "col_validation": ("Kesalahan validasi", "Validation errors"),
    "col_refused": ("Berkas ditolak", "Refused files"),
    "col_error": ("Galat", "Error"),
    # a release's row: its title, notes and badges
    "headline_of": ("{headline} (asli: {title})", "{headline} (original: {title})"),
    "unpublished": ("belum terbit", "not published yet"),
    "unpublished_draft": ("belum terbit (draf)", "not published yet (draft)"),
    "published_at": (", terbit {when}", ", published {when}"),
    "note_withdrawn": ("Ditarik", "Withdrawn"),
    "note_origin": ("Asal", "Origin"),
    "note_correction": ("Koreksi {when}", "Correction {when}"),
    "note_curation": ("Catatan kurasi", "Curation note"),
    "badge_new": ("baru", "new"),
    "badge_proposed": ("diusulkan", "proposed"),
    "badge_curated": ("dikurasi", "curated"),
    "badge_pinned": ("disematkan", "pinned"),
    "badge_embargoed": ("embargo s.d. {when}", "embargoed until {when}"),
    "badge_draft": ("draf", "draft"),
    "badge_withdrawn": ("ditarik", "withdrawn"),
    "badge_corrected": ("dikoreksi ({count})", "corrected ({count})"),
    "badge_error": ("galat", "error"),
    "badge_refused": ("{count} ditolak", "{count} refused"),
}


# `newsroom init`: (Indonesian, English)
INIT: dict[str, tuple[str, str]] = {
    "exists": (
        "{path} sudah ada, dan `newsroom init` tidak menimpa berkas apa pun; pindahkan atau "
        "hapus berkas itu, atau jalankan init di folder lain",
        "{path} already exists, and `newsroom init` overwrites no file; move or delete it, "
        "or run init in another folder",
    ),
    "nothing_written": ("Tidak ada berkas yang ditulis.", "Nothing was written."),
    "bad_office": (
        "office.yml tidak dibuat karena nilainya tidak sah (perbaiki --id, --name, --level "
        "atau --province):",
        "office.yml was not written: its values are not valid (fix --id, --name, --level "
        "or --province):",
    ),
    "created": ("dibuat: {path}", "created: {path}"),
    "central_next": (
        "Repositori pusat siap di {dir}. Berikutnya: `git init`, daftarkan kantor di "
        "content/offices.yml, ganti base_url di mkdocs.yml, lalu `newsroom check`, "
        "`newsroom sync` dan `newsroom build`.",
        "The central repository is ready in {dir}. Next: `git init`, list the offices in "
        "content/offices.yml, set base_url in mkdocs.yml, then `newsroom check`, "
        "`newsroom sync` and `newsroom build`.",
    ),
    "office_next": (
        "Repositori kantor {id} siap di {dir}. Berikutnya: `git init`, `newsroom new "
        '"Judul rilis"`, `newsroom check`, lalu commit dan push; minta redaksi pusat '
        "mendaftarkan alamat repositori ini di content/offices.yml.",
        "The office repository of {id} is ready in {dir}. Next: `git init`, `newsroom new "
        '"Release title"`, `newsroom check`, then commit and push; ask the central desk to '
        "list this repository's address in content/offices.yml.",
    ),
}


# What the commands print besides problems: summaries, progress, refusals.
# code -> (Indonesian, English); values typed by the user are quoted by the caller.
CLI: dict[str, tuple[str, str]] = {
    # every command
    "bad_now": (
        "{value} bukan waktu ISO-8601; tulis misalnya 2026-11-24T08:00:00+07:00",
        "{value} is not an ISO-8601 time; write e.g. 2026-11-24T08:00:00+07:00",
    ),
    "now_no_offset": (
        "{value} tidak punya selisih UTC; tambahkan, misalnya {raw}+07:00 (WIB) atau {raw}Z",
        "{value} has no UTC offset; add one, e.g. {raw}+07:00 (WIB) or {raw}Z",
    ),
    "usage_error": ("Galat: {message}", "Error: {message}"),
    # build: the weekly bulletin's PDF (generator.public.bulletinpdf)
    "bulletin_pdf_unavailable": (
        "PDF buletin mingguan tidak bisa dibuat: WeasyPrint atau pustaka sistemnya tidak "
        "termuat ({error}); pasang dengan `apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
        "fonts-dejavu-core` (Debian/Ubuntu), lalu ulangi",
        "the weekly bulletin's PDF cannot be made: WeasyPrint or its system libraries did "
        "not load ({error}); install them with `apt-get install libpango-1.0-0 "
        "libpangoft2-1.0-0 fonts-dejavu-core` (Debian/Ubuntu), then run again",
    ),
    # check
    "check_summary": (
        "{errors} kesalahan, {warnings} peringatan; {releases} rilis sah.",
        "{errors} error(s), {warnings} warning(s); {releases} valid release(s).",
    ),
    # new
    "office_yml_first": (
        "office.yml perlu diperbaiki dulu:\n{problems}",
        "office.yml must be fixed first:\n{problems}",
    ),
    "name_the_office": (
        "sebutkan kantor dengan --office ID; kantor terdaftar: {known}",
        "name the office with --office ID; registered offices: {known}",
    ),
    "sites_central_only": (
        "newsroom sites: daftar situs hanya ada di repositori pusat (repositori kantor "
        "hanya punya pratinjau situsnya: newsroom build)",
        "newsroom sites: the list of sites exists only in the central repository (an office "
        "repository only previews its site: newsroom build)",
    ),
    "sites_mkdocs_config": (
        "newsroom sites: mkdocs.yml: {message}",
        "newsroom sites: mkdocs.yml: {message}",
    ),
    "title_problem": ("judul: {problem}{got}; {fix}", "title: {problem}{got}; {fix}"),
    "unknown_officer_option": (
        "--officer {value} bukan petugas kantor {office}; petugas terdaftar: {known}",
        "--officer {value} is not an officer of {office}; listed officers: {known}",
    ),
    "got": (" (tertulis {value})", " (got {value})"),
    "release_created": (
        "Rilis {id} dibuat sebagai draf. Tulis isinya, jalankan `newsroom check`, lalu ubah "
        "`status: draft` menjadi `status: published` bila siap terbit.",
        "Release {id} was created as a draft. Write its text, run `newsroom check`, then "
        "change `status: draft` to `status: published` when it is ready.",
    ),
    # build and serve
    "mkdocs_config": (
        "newsroom build: mkdocs.yml: {message}",
        "newsroom build: mkdocs.yml: {message}",
    ),
    "build_os_error": (
        "newsroom build: {reason}{where}; berkas yang sudah ada tidak diubah setengah jalan, "
        "perbaiki penyebabnya lalu bangun lagi",
        "newsroom build: {reason}{where}; the files already in place were not touched "
        "half-way, fix the cause and build again",
    ),
    "build_says": ("newsroom build: {text}", "newsroom build: {text}"),
    "left_out": (
        "{count} rilis tidak diterbitkan karena halamannya gagal dibuat; semua halaman lain "
        "sudah dibangun",
        "{count} release(s) left out, every other page built",
    ),
    "photo_not_published": (
        "foto tidak diterbitkan, rilisnya tampil tanpa foto itu: {reason}. Perbaikan: "
        "simpan ulang foto sebagai JPEG dari aplikasi kamera atau galeri, ganti berkasnya, "
        "lalu jalankan `newsroom check`",
        "photo not published, its release is shown without it: {reason}. Fix: save the "
        "photo again as a JPEG from the camera or gallery app, replace the file, then run "
        "`newsroom check`",
    ),
    "photo_cache_pruned": (
        "cache foto: {files} berkas ({megabytes} MB) dari foto yang 30 hari tidak tampil "
        "dihapus dari .cache/newsroom/photos/",
        "photo cache: {files} files ({megabytes} MB) of photos not shown for 30 days "
        "removed from .cache/newsroom/photos/",
    ),
    "site_unchanged": (
        "{site}: tidak berubah, tidak dibangun ulang -> {path}",
        "{site}: unchanged, not rebuilt -> {path}",
    ),
    "site_built": ("{site}: {seconds} dtk -> {path}", "{site}: {seconds} s -> {path}"),
    "office_not_built": (
        "{count} masalah membuat rilis tidak dapat terbit (lihat di atas); pratinjau menandai "
        "setiap rilis yang bermasalah. Perbaiki lalu jalankan `newsroom check`.",
        "{count} problem(s) keep releases from being published (see above); the preview marks "
        "each release that has one. Fix them, then run `newsroom check`.",
    ),
    "unknown_site": (
        "situs {name} tidak dikenal; newsroom ini membangun: {known}",
        "unknown site {name}; this newsroom builds: {known}",
    ),
    "no_mkdocs_yml": (
        "{path} tidak ada: repositori pusat memerlukan mkdocs.yml (buat dengan "
        "`newsroom init central`)",
        "{path} is missing: the central repository needs its mkdocs.yml (make one with "
        "`newsroom init central`)",
    ),
    "desk_docs_dir": (
        "desk memerlukan docs_dir sendiri, di luar content/",
        "the desk needs its own docs_dir, outside content/",
    ),
    "preview_at": ("Pratinjau: {url} (Ctrl+C untuk berhenti)", "Preview: {url} (Ctrl+C to stop)"),
    "problems_said_before": (
        "{count} masalah lain sama dengan yang sudah dicatat sebelumnya dan tidak diulang; "
        "semuanya tampil di meja redaksi dan lewat `newsroom check`",
        "{count} other problems were logged before and are not repeated; the desk and "
        "`newsroom check` show them all",
    ),
    "releases_loaded": (
        "{count} rilis dimuat ({problems} masalah) dalam {seconds} dtk",
        "{count} releases loaded ({problems} problems) in {seconds} s",
    ),
    "site_written": (
        "{site}: {files} berkas, {made} halaman dibuat, {changed} berubah, {removed} dihapus",
        "{site}: {files} files, {made} pages made, {changed} changed, {removed} removed",
    ),
    "search_index_stalled": (
        "{site}: Pagefind tidak selesai dalam {seconds} dtk; dihentikan, dan indeks pencarian "
        "dibuat sekali lagi",
        "{site}: Pagefind did not finish within {seconds} s; it was stopped, and the search "
        "index is made once more",
    ),
    "search_indexed": (
        "{site}: indeks pencarian dibuat ({pages} rilis, {seconds} dtk)",
        "{site}: search index made ({pages} releases, {seconds} s)",
    ),
    "site_retired": (
        "{site}: tidak lagi dibangun (lihat mkdocs.yml); {removed} berkasnya dihapus",
        "{site}: no longer built (see mkdocs.yml); removed its {removed} files",
    ),
    "damaged_remade": (
        "{site}: {count} berkas yang rusak atau hilang dibuat ulang",
        "{site}: {count} damaged or missing files made again",
    ),
    "cache_error": ("galat", "error"),
    # the office preview's page for a release that cannot be published
    "placeholder_title": (
        "Pratinjau: rilis ini belum bisa terbit",
        "Preview: this release cannot be published yet",
    ),
    "placeholder_intro": (
        "Berkas {path} bermasalah, jadi rilis ini tidak akan tampil di situs. Halaman ini "
        "hanya ada di pratinjau Anda. Perbaiki hal berikut (sama dengan keluaran "
        "newsroom check):",
        "The file {path} has problems, so this release will not appear on the site. This "
        "page exists only in your preview. Fix the following (as newsroom check prints "
        "them):",
    ),
    # sync
    "sync_ok": ("OK", "OK"),
    "sync_failed": ("GAGAL", "FAILED"),
    "sync_progress": (
        "[{done}] {office}: {state} ({seconds} dtk)",
        "[{done}] {office}: {state} ({seconds} s)",
    ),
    "col_office": ("kantor", "office"),
    "col_new": ("baru", "new"),
    "col_updated": ("diperbarui", "updated"),
    "col_withdrawn": ("ditarik", "withdrawn"),
    "col_rejected": ("ditolak", "rejected"),
    "col_error": ("galat", "error"),
    "would_change": (
        "Akan berubah (+ baru, ~ diperbarui, - ditarik):",
        "Would change (+ new, ~ updated, - withdrawn):",
    ),
    "dry_run": ("(uji coba: tidak ada yang ditulis)", "(dry run: nothing was written)"),
    "error_mass_withdraw": ("penarikan massal dihentikan", "mass withdrawal stopped"),
    "error_below": ("gagal, lihat di bawah", "failed, see below"),
    "sync_central_only": (
        "newsroom sync berjalan di repositori pusat (yang berisi content/offices.yml)",
        "newsroom sync runs in the central repository (content/offices.yml)",
    ),
    "registry_errors": (
        "content/offices.yml bermasalah; perbaiki dulu:\n{problems}",
        "content/offices.yml has errors; fix them first:\n{problems}",
    ),
    "office_no_source": (
        "kantor {office} tidak punya sumber (`source:`) di content/offices.yml, jadi tidak ada "
        "yang dapat disinkronkan; tambahkan `source: {{git: <alamat repositori>}}` atau "
        "`source: {{feed: <URL>}}` pada kantor itu, atau sinkronkan kantor lain; kantor "
        "dengan sumber: {known}",
        "the office {office} has no source (`source:`) in content/offices.yml, so there is "
        "nothing to sync; add `source: {{git: <repository address>}}` or "
        "`source: {{feed: <URL>}}` to that office, or sync another office; offices with a "
        "source: {known}",
    ),
    "unknown_offices": (
        "kantor tidak dikenal: {names}; kantor terdaftar: {known}",
        "unknown office(s) {names}; registered: {known}",
    ),
    # the one run lock (sync, build, watch: generator.content.runlock)
    "run_locked": (
        "repositori ini sedang dipakai oleh {holder} (sudah ditunggu {seconds} dtk); coba lagi "
        "nanti atau tambah `--wait`. newsroom watch menyinkronkan dan membangun sendiri: "
        "kirim webhook kantor itu atau tunggu jadwalnya",
        "this repository is in use by {holder} (waited {seconds} s); try again later or give "
        "a longer `--wait`. newsroom watch syncs and builds by itself: send the office's "
        "webhook or wait for its schedule",
    ),
    "run_waiting": (
        "menunggu {holder} selesai (paling lama {seconds} dtk)...",
        "waiting for {holder} to finish (at most {seconds} s)...",
    ),
    "someone": ("proses lain", "another process"),
    # watch
    "watch_central_only": (
        "newsroom watch hanya berjalan di repositori pusat (yang punya content/offices.yml)",
        "newsroom watch only runs in the central repository (the one with content/offices.yml)",
    ),
    "watch_secrets_misplaced": (
        "folder rahasia webhook {path} ada di dalam {where}, yang di-commit atau diterbitkan; "
        "pindahkan ke luar repositori (misalnya /etc/newsroom/webhook-secrets, mode 700)",
        "the webhook secrets folder {path} is inside {where}, which is committed or published; "
        "move it out of the repository (for example /etc/newsroom/webhook-secrets, mode 700)",
    ),
    "watch_no_secrets": (
        "tanpa --secrets: setiap webhook ditolak; kantor tetap diperiksa sesuai jadwal",
        "no --secrets: every webhook is refused; offices are still checked on schedule",
    ),
    "watch_bind_failed": (
        "tidak dapat mendengarkan di {address}: {reason}",
        "cannot listen on {address}: {reason}",
    ),
    "watch_bad_interval": (
        "--office-interval {value}: tulis ID=DETIK, paling sedikit 1 detik",
        "--office-interval {value}: write ID=SECONDS, at least 1 second",
    ),
    "watch_started": (
        "newsroom watch: {offices} kantor bersumber; webhook di http://{address}/hook/<kantor>, "
        "status di http://{address}/status",
        "newsroom watch: {offices} offices with a source; webhooks at "
        "http://{address}/hook/<office>, status at http://{address}/status",
    ),
    "watch_stopping": (
        "{signal}: menyelesaikan pekerjaan yang sedang berjalan, lalu berhenti",
        "{signal}: finishing the work under way, then stopping",
    ),
    "watch_stopped": ("newsroom watch berhenti", "newsroom watch stopped"),
    "watch_lock_wait": (
        "menunggu {holder} selesai sebelum sinkronisasi dan build berikutnya",
        "waiting for {holder} to finish before the next sync and build",
    ),
    "watch_sync_refused": ("sinkronisasi ditolak: {reason}", "sync refused: {reason}"),
    "watch_synced": (
        "sinkronisasi {office}: {new} baru, {updated} diperbarui, {withdrawn} ditarik, "
        "{rejected} ditolak, {seconds} dtk{error}",
        "sync {office}: {new} new, {updated} updated, {withdrawn} withdrawn, {rejected} "
        "rejected, {seconds} s{error}",
    ),
    "watch_files_unwatched": (
        "perubahan berkas rilis dan aset tidak dapat dipantau ({reason}): setiap build "
        "memeriksa semua berkas lagi, lebih lambat tetapi sama hasilnya",
        "changes to release and asset files cannot be watched ({reason}): every build "
        "looks at every file again, slower but with the same result",
    ),
    "watch_public_pages": (
        "halaman publik pada {now}: {built} situs ditulis, di disk dalam {seconds} dtk "
        "(desk menyusul)",
        "public pages at {now}: {built} sites written, on disk in {seconds} s (the desk follows)",
    ),
    "watch_pages": (
        "halaman pada {now}: {built} situs ditulis, semua halamannya di disk dalam {seconds} dtk "
        "(indeks pencarian menyusul)",
        "pages at {now}: {built} sites written, every page on disk in {seconds} s "
        "(search indexes follow)",
    ),
    "watch_built": (
        "build ({reason}) pada {now}: {built} situs dibangun ulang ({sites}), {skipped} tidak "
        "berubah, {seconds} dtk",
        "build ({reason}) at {now}: {built} sites rebuilt ({sites}), {skipped} unchanged, "
        "{seconds} s",
    ),
    "watch_indexed": (
        "indeks pencarian pada {now}: {made} situs dibuat ulang ({sites}), {skipped} tidak "
        "berubah, {seconds} dtk",
        "search indexes at {now}: {made} sites made again ({sites}), {skipped} unchanged, "
        "{seconds} s",
    ),
    "watch_index_failed": (
        "indeks pencarian pada {now} gagal: {error}; halaman tetap terbit, indeks yang lama "
        "tetap dipakai dan dibuat lagi pada build berikutnya",
        "search indexes at {now} failed: {error}; the pages are out, the old indexes stay "
        "in use and are made again at the next build",
    ),
    "watch_index_stopped": (
        "indeks pencarian pada {now} dihentikan bersama layanan: indeks yang lama tetap "
        "dipakai dan dibuat lagi saat layanan mulai",
        "search indexes at {now} stopped with the service: the old indexes stay in use and "
        "are made again when it starts",
    ),
    "watch_left_out": (
        "rilis tidak dapat ditampilkan (lihat halaman peringatan desk): {ids}",
        "releases left out (see the desk's warnings page): {ids}",
    ),
    "watch_build_failed": (
        "build ({reason}) gagal: {error}; dicoba lagi pada peristiwa berikutnya",
        "build ({reason}) failed: {error}; tried again at the next event",
    ),
    "reason_start": ("mulai", "start"),
    "reason_hook": ("webhook {offices}", "webhook {offices}"),
    "reason_check": ("ada yang baru di {offices}", "news at {offices}"),
    "reason_lift": ("embargo berakhir {when}: {ids}", "embargo lifts {when}: {ids}"),
    "watch_hook": (
        "webhook {office} ({provider} {event}): {outcome} ({status})",
        "webhook {office} ({provider} {event}): {outcome} ({status})",
    ),
    "built_into_unwritable": (
        "{path} tidak dapat ditulis ({error}): newsroom report tidak akan tahu bahwa "
        "{out} diterbitkan dan tidak akan menolak laporan (ber-NIP) di sana; pastikan "
        ".newsroom/ dapat ditulis oleh pengguna yang menjalankan build",
        "{path} cannot be written ({error}): newsroom report will not know that {out} "
        "is published and will not refuse a report (with NIPs) there; make .newsroom/ "
        "writable by the user who runs the build",
    ),
    "watch_hook_too_slow": (
        "sambungan dari {client} diputus: permintaannya belum selesai setelah {seconds} detik",
        "connection from {client} cut off: its request was not done after {seconds} s",
    ),
    "hook_queued": ("diterima, sinkronisasi diantrekan", "accepted, sync queued"),
    "hook_ping": ("ping diterima", "ping accepted"),
    "hook_unknown": ("kantor atau alamat tidak dikenal", "unknown office or path"),
    "hook_no_length": ("tanpa Content-Length yang sah", "no valid Content-Length"),
    "hook_too_large": ("terlalu besar, tidak dibaca", "too large, not read"),
    "hook_cut_short": ("isi terpotong", "body cut short"),
    "hook_unsigned": ("tanpa tanda tangan", "unsigned"),
    "hook_forged": ("tanda tangan tidak cocok", "signature does not match"),
    "hook_rate_limited": ("terlalu sering untuk kantor ini", "too many for this office"),
    "hook_secret_missing": (
        "kantor ini belum punya rahasia webhook (berkas di folder --secrets)",
        "this office has no webhook secret (a file in the --secrets folder)",
    ),
    "hook_secret_unsafe": (
        "berkas rahasia kantor ini dapat dibaca pengguna lain: chmod 600",
        "this office's secret file is readable by other users: chmod 600",
    ),
    "hook_secret_unreadable": (
        "berkas rahasia kantor ini tidak dapat dibaca",
        "this office's secret file cannot be read",
    ),
    "hook_secret_empty": (
        "berkas rahasia kantor ini kosong atau terlalu panjang",
        "this office's secret file is empty or too long",
    ),
    # schedule
    "no_embargo": ("Tidak ada embargo yang menunggu.", "No embargo is pending."),
    "embargo_lifts": ("  {id} (embargo berakhir {when})", "  {id} (embargo lifts {when})"),
    "no_build_yet": (
        "belum ada build yang tercatat: bangun sekarang",
        "no build recorded yet: build now",
    ),
}


def _pick(
    table: Mapping[str, tuple[str, str]],
    code: str,
    lang: str,
    params: Mapping[str, object] | None,
) -> str:
    """`code`'s wording in `table`, in `lang` ('id' or 'en'), with `params` filled in."""
    indonesian, english = table[code]
    values = _Defaulting({k: str(v) for k, v in (params or {}).items()})
    return (english if lang == "en" else indonesian).format_map(values)


def cli_text(code: str, lang: str, params: Mapping[str, object] | None = None) -> str:
    """What a command prints for `code`, in `lang` ('id' or 'en')."""
    return _pick(CLI, code, lang, params)


# The language of what is printed below the commands (build logs, the preview's pages),
# set once by the CLI from --lang. Indonesian for writers unless they ask for English.
LANGUAGES = ("id", "en")
_language = ["id"]


def set_language(lang: str) -> None:
    _language[0] = lang if lang in LANGUAGES else "id"


def language() -> str:
    return _language[0]


def init_text(code: str, lang: str, params: Mapping[str, str] | None = None) -> str:
    """What `newsroom init` says for `code`, in `lang` ('id' or 'en')."""
    return _pick(INIT, code, lang, params)


def desk_text(code: str, lang: str, params: Mapping[str, object] | None = None) -> str:
    """The desk's wording for `code`, in `lang` ('id' or 'en')."""
    return _pick(DESK, code, lang, params)


def curation_text(code: str, lang: str, params: Mapping[str, str] | None = None) -> str:
    """What `newsroom curate` says for `code`, in `lang` ('id' or 'en')."""
    return _pick(CURATION, code, lang, params)


def describe(code: str, lang: str, params: Mapping[str, str]) -> tuple[str, str]:
    """(problem, fix) for `code` in `lang` ('id' or 'en'), params filled in; a `kind`
    param picks the code's wording for that kind (`yaml_syntax:tab`) when it has one."""
    entry = CATALOG.get(f"{code}:{params.get('kind')}") or CATALOG[code]
    problem, fix = (entry[2], entry[3]) if lang == "en" else (entry[0], entry[1])
    values = _Defaulting(params)
    return problem.format_map(values), fix.format_map(values)


class _Defaulting(dict[str, str]):
    """Leaves an unknown `{name}` visible instead of failing to report a problem."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# --- issue 14, `newsroom check` lets through: one block, to keep merges easy ------------

CATALOG.update(
    {
        "date_ahead": (
            "tanggal rilis lebih dari sehari setelah sekarang ({now}); rilis ini akan langsung "
            "tampil dan bertahan di urutan teratas setiap daftar dan feed",
            "tahun salah ketik? perbaiki `date`; atau tambahkan `publish_at` (tidak lebih awal "
            "dari `date`) untuk menjadwalkan rilis",
            "the release date is more than a day after now ({now}); the release would appear "
            "at once and stay on top of every list and feed",
            "a mistyped year? fix `date`; or add `publish_at` (not earlier than `date`) to "
            "schedule the release",
        ),
        "withdrawn_at_ahead": (
            "waktu penarikan lebih dari sehari setelah sekarang ({now})",
            "tahun salah ketik? tulis waktu rilis ini benar-benar ditarik (tidak di masa depan)",
            "the withdrawal time is more than a day after now ({now})",
            "a mistyped year? write when the release was actually withdrawn (not in the future)",
        ),
        "update_ahead": (
            "tanggal koreksi lebih dari sehari setelah sekarang ({now})",
            "tahun salah ketik? tulis waktu koreksi benar-benar dibuat (tidak di masa depan)",
            "the correction date is more than a day after now ({now})",
            "a mistyped year? write when the correction was actually made (not in the future)",
        ),
        "placeholder": (
            "masih berisi teks contoh dari `newsroom new`, padahal rilis ini bukan draf",
            "ganti teks contoh itu dengan isi rilis yang sebenarnya, atau kembalikan "
            "`status: draft` sampai rilis siap",
            "still holds the sample text written by `newsroom new`, yet the release is not a draft",
            "replace that sample text with the release's real content, or set `status: draft` "
            "back until it is ready",
        ),
        "placeholder_draft": (
            "masih berisi teks contoh dari `newsroom new`",
            "ganti dengan isi rilis sebelum mengubah status menjadi published",
            "still holds the sample text written by `newsroom new`",
            "replace it with the release's content before setting the status to published",
        ),
        "body_image_alt": (
            "gambar di isi rilis tanpa teks alternatif (alt)",
            "tulis apa yang tampak di gambar di antara kurung siku, misalnya "
            "`![Bupati membuka rapat](assets/foto.jpg)`, untuk pembaca yang tidak dapat "
            "melihatnya",
            "a picture in the body has no alternative text (alt)",
            "write what the picture shows between the square brackets, for example "
            "`![The regent opens the meeting](assets/photo.jpg)`, for readers who cannot see it",
        ),
        "source_credential": (
            "alamat sumber memuat kredensial (nama pengguna atau kata sandi); berkas ini "
            "di-commit dan disalin, jadi rahasianya ikut terbit",
            "hapus bagian `nama:sandi@` dari alamat, ganti kata sandinya, dan autentikasi di "
            "luar repositori: deploy key ssh, ~/.netrc atau NEWSROOM_GIT_ASKPASS",
            "the source address carries a credential (a user name or password); this file is "
            "committed and cloned, so the secret is published with it",
            "remove the `user:password@` part of the address, change the password, and "
            "authenticate outside the repository: an ssh deploy key, ~/.netrc or "
            "NEWSROOM_GIT_ASKPASS",
        ),
    }
)

CURATION.update(
    {
        "no_curation_file": (
            "Belum ada kurasi nasional ({path} belum ada); tambahkan rilis dengan "
            "`newsroom curate add <id>` (lihat `newsroom curate inbox`)",
            "No national curation yet ({path} does not exist); add a release with "
            "`newsroom curate add <id>` (see `newsroom curate inbox`)",
        ),
        "nothing_curated": (
            "Kurasi nasional kosong; tambahkan rilis dengan `newsroom curate add <id>`",
            "The national curation is empty; add a release with `newsroom curate add <id>`",
        ),
    }
)

# Two decisions, two words: a file the sync (or check) refused is "ditolak"; a release
# the national desk decided not to feature is "tidak dipilih". One word for both made
# the desk read as if the editors had refused a writer's file. (Indonesian, English)
WORDS: dict[str, tuple[str, str]] = {
    "refused": ("ditolak", "refused"),
    "declined": ("tidak dipilih", "declined"),
}


def word(key: str, lang: str) -> str:
    indonesian, english = WORDS[key]
    return english if lang == "en" else indonesian


# How long ago something was published, as the desk and `newsroom curate inbox` say
# it: by the command's `now`, in the largest whole unit. (Indonesian, English: the
# English one for 1 and for more.)
AGO: dict[str, tuple[str, str, str]] = {
    "now": ("baru saja", "just now", "just now"),
    "minutes": ("{count} menit lalu", "{count} minute ago", "{count} minutes ago"),
    "hours": ("{count} jam lalu", "{count} hour ago", "{count} hours ago"),
    "days": ("{count} hari lalu", "{count} day ago", "{count} days ago"),
}


def ago_parts(elapsed: timedelta) -> tuple[str, int]:
    """(unit, count) of `elapsed`: what `ago_text` says, and all it depends on (a page
    showing it must be made again when these change, not at every second)."""
    seconds = int(elapsed.total_seconds())
    if seconds < 60:
        return "now", 0
    if seconds < 3600:
        return "minutes", seconds // 60
    if seconds < 86400:
        return "hours", seconds // 3600
    return "days", seconds // 86400


def ago_text(elapsed: timedelta, lang: str) -> str:
    """`3 jam lalu` / `3 hours ago`; a time ahead (a clock set wrong) is `baru saja`."""
    unit, count = ago_parts(elapsed)
    indonesian, one, many = AGO[unit]
    wording = indonesian if lang != "en" else (one if count == 1 else many)
    return wording.format(count=count)


# --- issue 19, regulations as data (`regulation:` of a produk-hukum release) -----------

CATALOG.update(
    {
        "bad_year": (
            "bukan tahun yang sah",
            "tulis tahunnya dengan empat angka, antara {first} dan {last}, misalnya `2026`",
            "is not a valid year",
            "write the year in four digits, between {first} and {last}, for example `2026`",
        ),
        "regulation_forbidden": (
            "`regulation` hanya untuk kategori produk-hukum",
            "hapus `regulation` atau ubah `category` menjadi `produk-hukum`",
            "`regulation` is only for the produk-hukum category",
            "remove `regulation` or change `category` to `produk-hukum`",
        ),
        "regulation_type_name_required": (
            "jenis `lainnya` wajib disertai nama jenisnya",
            "tambahkan `type_name: ...` di bawah `regulation:`, misalnya "
            "`type_name: Keputusan Bupati`",
            "type `lainnya` needs the name of the kind",
            "add `type_name: ...` under `regulation:`, for example `type_name: Keputusan Bupati`",
        ),
        "regulation_type_name_forbidden": (
            "`type_name` hanya dipakai bila `type` adalah `lainnya`",
            "hapus `type_name`, atau tulis `type: lainnya` bila jenisnya tidak ada di daftar",
            "`type_name` is only used when `type` is `lainnya`",
            "remove `type_name`, or write `type: lainnya` if the kind is not in the list",
        ),
        "regulation_year_after_enacted": (
            "tahun peraturan ({year}) lebih akhir dari tahun penetapannya ({enacted})",
            "periksa `year` dan `enacted`: peraturan bernomor tahun {year} tidak mungkin "
            "ditetapkan pada {enacted}",
            "the regulation's year ({year}) is later than the year it was enacted ({enacted})",
            "check `year` and `enacted`: a regulation numbered in {year} cannot have been "
            "enacted in {enacted}",
        ),
        "regulation_document_unknown": (
            "dokumen peraturan tidak ada di `attachments`",
            "tulis `src` salah satu lampiran PDF ({known}), atau tambahkan PDF-nya ke "
            "`attachments` lebih dulu",
            "the regulation's document is not among the `attachments`",
            "write the `src` of one PDF attachment ({known}), or add the PDF to `attachments` "
            "first",
        ),
        "regulation_document_not_pdf": (
            "dokumen peraturan harus berkas PDF",
            "lampirkan naskah peraturannya sebagai PDF (berakhiran `.pdf`) dan tulis jalurnya "
            "di `document`; gambar atau dokumen lain cukup di `attachments`",
            "the regulation's document must be a PDF file",
            "attach the regulation's text as a PDF (ending in `.pdf`) and write its path in "
            "`document`; pictures and other documents stay in `attachments`",
        ),
        "regulation_year_ahead": (
            "tahun peraturan ({year}) belum tiba (sekarang {now})",
            "tahun salah ketik? tulis tahun nomor peraturan yang sudah ditetapkan",
            "the regulation's year ({year}) has not come yet (now {now})",
            "a mistyped year? write the year of the regulation's number, already enacted",
        ),
        "regulation_enacted_ahead": (
            "tanggal penetapan lebih dari sehari setelah sekarang ({now})",
            "tahun salah ketik? tulis tanggal peraturan ini benar-benar ditetapkan",
            "the enactment date is more than a day after now ({now})",
            "a mistyped year? write the date the regulation was actually enacted",
        ),
    }
)


# --- issue 18 item 3, `newsroom report` ------------------------------------------------

CLI.update(
    {
        "report_missing_date": (
            "{option} wajib diisi: tulis tanggalnya sebagai YYYY-MM-DD, misalnya "
            "{option} 2026-11-01",
            "{option} is required: write the date as YYYY-MM-DD, for example {option} 2026-11-01",
        ),
        "report_bad_date": (
            "{option} {value} bukan tanggal; tulis tanggal yang ada sebagai YYYY-MM-DD, "
            "misalnya 2026-11-30",
            "{option} {value} is not a date; write a real date as YYYY-MM-DD, for example "
            "2026-11-30",
        ),
        "report_from_after_to": (
            "--from {first} jatuh setelah --to {last}; tukar keduanya atau perbaiki salah "
            "satunya (keduanya termasuk dalam periode)",
            "--from {first} is after --to {last}; swap them or correct one (both days are "
            "included in the period)",
        ),
        "report_unknown_office": (
            "--office {value} bukan kantor di repositori ini; kantor terdaftar: {known}",
            "--office {value} is not an office of this repository; registered: {known}",
        ),
        "report_unknown_officer": (
            "--officer {value} bukan petugas yang terdaftar; petugas terdaftar: {known} "
            "(daftarkan di `officers:` kantornya)",
            "--officer {value} is not a listed officer; listed officers: {known} "
            "(list them under their office's `officers:`)",
        ),
        "report_officer_ambiguous": (
            "--officer {value} terdaftar di beberapa kantor ({offices}); sebut kantornya "
            "dengan --office",
            "--officer {value} is listed by several offices ({offices}); name the office "
            "with --office",
        ),
        "report_output_published": (
            "--output {value} ada di dalam folder {folder}/, yang diterbitkan atau dibangun "
            "menjadi situs publik; laporan memuat data pribadi (NIP): simpan di luar "
            "repositori atau di folder lain",
            "--output {value} is inside the folder {folder}/, which is published or built "
            "into the public sites; the report holds personal data (NIPs): save it outside "
            "the repository or in another folder",
        ),
        "report_problems": (
            "catatan: {count} kesalahan isi; rilis yang salah tidak dihitung (jalankan "
            "newsroom check)",
            "note: {count} content errors; releases with errors are not counted (run "
            "newsroom check)",
        ),
        "report_no_office": (
            "office.yml belum benar, jadi belum ada kantor untuk dilaporkan; jalankan "
            "newsroom check dan perbaiki office.yml",
            "office.yml is not right yet, so there is no office to report on; run newsroom "
            "check and fix office.yml",
        ),
        "report_written": ("laporan ditulis ke {path}", "report written to {path}"),
        "report_cannot_write": (
            "laporan tidak bisa ditulis ke --output {value} ({error}); pilih folder yang ada "
            "dan boleh ditulisi",
            "the report cannot be written to --output {value} ({error}); choose a folder that "
            "exists and can be written to",
        ),
        "report_pdf_needs_output": (
            "PDF tidak dicetak ke terminal; tulis ke berkas dengan --output laporan.pdf",
            "a PDF is not printed to a terminal; write it to a file with --output report.pdf",
        ),
    }
)

DESK.update(
    {
        "offices_report": ("Laporan kantor", "Offices report"),
        "offices_report_intro": (
            "Rilis tiap kantor dari {first} sampai {last} (tanggal menurut jam tiap kantor), "
            "yang sudah terbit pada waktu build ini; rilis yang ditarik dihitung terpisah.",
            "Each office's releases from {first} to {last} (dates on each office's clock), "
            "public at this build's time; withdrawn releases are counted apart.",
        ),
        "offices_report_months": ("Rilis per bulan", "Releases per month"),
        "offices_report_categories": ("Rilis per kategori", "Releases per category"),
        "offices_report_print": (
            "Periode lain, CSV, JSON, HTML atau PDF untuk dicetak: `newsroom report offices "
            "--from YYYY-MM-DD --to YYYY-MM-DD --format pdf --output laporan.pdf`.",
            "Another period, CSV, JSON, HTML or a PDF to print: `newsroom report offices "
            "--from YYYY-MM-DD --to YYYY-MM-DD --format pdf --output report.pdf`.",
        ),
        "col_releases": ("Rilis", "Releases"),
        "col_bar": ("Grafik", "Chart"),
        "col_withdrawn": ("Ditarik", "Withdrawn"),
        "col_clarifications": ("Klarifikasi", "Clarifications"),
        "col_regulations": ("Produk hukum", "Regulations"),
        "col_national": ("Nasional", "National"),
        "col_days_since": ("Hari sejak rilis terakhir", "Days since the last release"),
        "national_share": ("{count} ({percent} %, {kind})", "{count} ({percent} %, {kind})"),
        "national_curated": ("dikurasi ke situs nasional", "curated onto the national site"),
        "national_syndicated": ("tayang di situs provinsi", "on the provincial sites"),
    }
)

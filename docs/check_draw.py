#!/usr/bin/env python3
"""Independent checker of a spotcheck draw (algorithm spotcheck-ticket-1, see docs/algorithm.md):
monthly (with spares), evaluate (SRS and PPS, --nonpoor) and funds (coverage and PPS).

Rebuilds the frame from the registry with the spec's rules, recomputes every ticket and the
selection, regenerates every output file the draw has (registry columns and masking included) and
compares it with the file beside the manifest; checks that the manifest lists exactly those files,
their SHA-256, the manifest's own hash and, with --expect, the hash published in the notice.
A draw made with --exclude/--history (monthly, funds) is re-drawn with the units its own excluded.csv
lists (§4.6), so the draw folder and the registry suffice: the excluded draws are not needed. A draw
made with --commitment is checked against the commitment.json beside it (§19).

The whole manifest is compared as `spotcheck verify` compares it (src/core/manifestCompare.ts): every
field is rebuilt from the registry and the parameters, or checked to be exactly what spotcheck writes
(format, tool, algorithm, every parameter and no other, inputs, divisions, frame, strata, sample,
shortfalls, result, exclusions, commitment, outputs); an unknown field fails. Not compared: created_at
(but it must be an ISO-8601 UTC time), manifest_sha256 (its own check, and --expect), tool.version,
plan and exclusions.history; with --registry/--nonpoor, inputs[].path and name; with --divisions,
divisions.path, divisions.source and parameters.divisions. Every file given or recorded (registry,
--nonpoor, division table, --county-attributes, --funds) must have the SHA-256 the manifest records.

Exit status and output:
  0  "OK: …" on stdout: the draw was reproduced, every file byte for byte.
  1  "FAILED: N difference(s) …" on stdout, one line per difference: the folder does not hold the draw
     the registry and the manifest give (an edited file or field, another registry or side table, a
     manifest field of a type or value spotcheck does not write).
  2  "error: check_draw: …" on stderr: cannot check (the manifest is missing, unreadable, not JSON, of
     an unknown command or algorithm version; a file is missing, not a regular file (a FIFO, a device)
     or larger than the cap; a bad option). Never a Python traceback. Only regular files are read.
Standard library only.
Usage: check_draw.py OUTDIR/manifest.json [--registry REGISTRY.csv …] [--nonpoor FILE …] [--divisions FILE]
       [--county-attributes FILE] [--funds FILE] [--expect HASH]
       check_draw.py --self-test        (runs the test vectors of docs/algorithm.md §10)
"""
import argparse, csv, datetime, hashlib, io, json, math, os, re, stat, sys, unicodedata
from pathlib import Path

ALGORITHM = 'spotcheck-ticket-1'
REPO = Path(__file__).resolve().parent.parent
# Folded to one ASCII space by name normalisation: C0 controls, space, DEL and the Unicode spaces.
SPACES = re.compile('[\x00-\x20\x7f\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+')
JS_TRIM = '\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'
ALIASES = {  # field: recognised headers (compared by header_key); the field's own name also counts
    'prefecture': '州市 市州 州(市) 市(州) 地州 地市', 'county': '行政县 县(市、区、旗) 县(市、区) 县(市区) 县区 县市区 县',
    'county_code': '县代码 县区代码 行政县代码 县编码', 'township': '乡镇 乡(镇) 乡(镇、街道) 乡镇(街道) 乡镇街道',
    'township_code': '乡镇代码 乡代码 乡镇编码', 'village': '行政村 行政村(社区) 村(社区)', 'village_code': '村代码 行政村代码 村编码',
    'household_id': '户编号 户码', 'person_id': '人编号', 'household_size': '人数 家庭人数 户人数 家庭人口数 家庭人口 户人口数 家庭成员数', 'relation': '与户主关系',
    'status': '脱贫属性 脱贫状态', 'poor_village': '是否贫困村 贫困村', 'household_type': '户类型 户状态',
    'id_number': '证件号码 身份证号 身份证号码 证件号', 'phone': '联系电话 电话 手机号码',
    'funds': '帮扶资金 帮扶资金(元) 扶贫资金 扶贫资金(元) 资金量 资金(元)'}
# Masked columns (§17): the id_number and phone fields and every column named like one of these.
PERSONAL = '证件号码 身份证号 身份证号码 证件号 联系电话 电话 手机号码 身份证 公民身份号码 证件号 手机号 手机 联系方式 固定电话 户主身份证号 户主电话 id_number phone'
# §17 rule 2 (parameters.masking = 2): a header is also personal when its key contains one of these words.
PERSONAL_WORDS = '证件 身份证 身份号 电话 手机 联系方式 phone mobile id_number idnumber id_card idcard'
ALIAS_KEYS_17 = '证件号码 身份证号 身份证号码 证件号 联系电话 电话 手机号码 id_number phone'
# Amount columns of a --funds county table (§15.2).
AMOUNT = 'funds amount 资金 金额 帮扶资金 扶贫资金 资金量 资金(元) 帮扶资金(元) 金额(元)'
STATUS = {'未脱贫': 'poor', '贫困': 'poor', '贫困户': 'poor', 'poor': 'poor', '已脱贫': 'exited', '脱贫': 'exited',
          '脱贫户': 'exited', '标注脱贫': 'exited', '稳定脱贫': 'exited', 'exited': 'exited', '非贫困户': 'nonpoor',
          '非贫困': 'nonpoor', '一般农户': 'nonpoor', 'nonpoor': 'nonpoor', 'non-poor': 'nonpoor'}
YES, NO, HEAD = {'是', '1', 'y', 'yes', 'true', '贫困村'}, {'否', '0', 'n', 'no', 'false', '非贫困村'}, {'户主', '本人', 'head'}
COLUMNS = {  # the draw's columns; households.csv continues with the registry's own columns
    'counties.csv': 'prefecture_code prefecture county_code county ticket rank counties_in_frame counties_drawn '
                    'county_probability probability weight frame_villages frame_households',
    'villages.csv': 'prefecture county_code county township_key township village_key village_code village ticket rank '
                    'villages_in_county villages_drawn county_probability village_probability probability weight '
                    'frame_households',
    'households.csv': 'household_id prefecture county_code county township village_key village status household_size '
                      'persons ticket rank households_in_village households_drawn county_probability '
                      'village_probability household_probability probability weight',
    'spares.csv': 'household_id prefecture county_code county township village_key village status household_size persons '
                  'ticket rank spare_order'}
EVALUATION_COLUMNS = {  # §14.6
    'frame.csv': 'county_stratum prefecture county_code county county_selection county_size counties_in_stratum counties_drawn '
                 'county_probability township village_key village villages_in_county villages_drawn village_probability '
                 'household_stratum household_stratum_key household_id role spare_order ticket rank households_in_stratum '
                 'households_drawn household_probability probability weight',
    'counties.csv': 'county_stratum prefecture county_code county county_selection ticket rank county_size counties_in_stratum '
                    'counties_drawn county_probability weight frame_villages',
    'villages.csv': 'county_stratum county_code county township village_key village_code village ticket rank villages_in_county '
                    'villages_drawn county_probability village_probability probability poor_households exited_households '
                    'nonpoor_households',
    'strata.csv': 'county_stratum counties registered_households counties_drawn certainty_counties'}
EVALUATION_COLUMNS['spares.csv'] = EVALUATION_COLUMNS['frame.csv']
FUNDS_COLUMNS = {  # §15.4
    'counties.csv': 'prefecture_code prefecture county_code county funds ticket rank cumulative_funds probability weight certainty',
    'ranking.csv': 'prefecture_code prefecture county_code county funds status ticket rank cumulative_funds probability'}
STATUSES = ('poor', 'exited', 'nonpoor')
# Headings of those columns in a draw made in Chinese (manifest parameters.columns_lang = "zh-CN");
# the same table as spotcheck's src/messages/columns.ts (a test keeps the two equal).
HEADINGS_ZH = {
    'prefecture_code': '州市代码', 'prefecture': '州市', 'county_code': '县代码', 'county': '县', 'township_key': '乡镇键',
    'township': '乡镇', 'village_key': '村键', 'village_code': '村代码', 'village': '村', 'household_id': '户编号',
    'status': '状态', 'household_size': '家庭人数', 'persons': '登记人数', 'ticket': '抽签值', 'rank': '抽签名次',
    'counties_in_frame': '框内县数', 'counties_drawn': '抽中县数', 'villages_in_county': '县内村数',
    'villages_drawn': '抽中村数', 'households_in_village': '村内户数', 'households_drawn': '抽中户数',
    'frame_villages': '框内村数', 'frame_households': '框内户数', 'county_probability': '县入样概率',
    'village_probability': '村入样概率', 'household_probability': '户入样概率', 'probability': '总入样概率',
    'weight': '设计权重', 'spare_order': '备用顺序', 'role': '样本角色', 'counties': '县数', 'counties_in_stratum': '层内县数',
    'certainty_counties': '必选县数', 'households_in_stratum': '层内户数', 'registered_households': '登记户数',
    'poor_households': '未脱贫户数', 'exited_households': '已脱贫户数', 'nonpoor_households': '非贫困户数',
    'county_stratum': '县所在层', 'county_selection': '县抽取方式', 'county_size': '县规模', 'household_stratum': '户所在层',
    'household_stratum_key': '户层键', 'funds': '帮扶资金', 'cumulative_funds': '累计资金', 'certainty': '必选'}


HAN = '\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af'
SPACE_BY_HAN = re.compile(f'(?<=[{HAN}]) | (?=[{HAN}])')


MAX_BYTES = 8 << 30  # the most this checker reads of one file (8 GiB)
MAX_MANIFEST_BYTES = 64 << 20


def fail(message):  # cannot check (exit 2), as opposed to "differs" (exit 1)
    print(f'error: check_draw: {mask_text(message)}', file=sys.stderr)
    sys.exit(2)


_READ = {}


def read_bytes(path, limit=MAX_BYTES):
    """A regular file's bytes (at most `limit`); anything else (missing, a directory, a FIFO, a device) exits 2."""
    key = str(path)
    if key in _READ:
        return _READ[key]
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            fail(f'cannot read {path}: not a regular file')
        if info.st_size > limit:
            fail(f'cannot read {path}: larger than {limit} bytes')
        with open(path, 'rb') as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        fail(f'cannot read {path}: {error.strerror}')
    if len(data) > limit:
        fail(f'cannot read {path}: larger than {limit} bytes')
    _READ[key] = data
    return data


def sha256_of(path):
    return hashlib.sha256(read_bytes(path)).hexdigest()


def norm(text):
    return SPACE_BY_HAN.sub('', SPACES.sub(' ', unicodedata.normalize('NFC', text))).strip(' ')


def header_key(header):
    return norm(header).replace(' ', '').replace('（', '(').replace('）', ')').lower()


def ticket(seed, context, stage, key):
    return hashlib.sha256('\x1f'.join([ALGORITHM, seed, *context, stage, key]).encode('utf-8')).hexdigest()


def read_csv(path, encoding='auto'):
    """UTF-8 (BOM optional); GB18030 when forced, or when the bytes are not UTF-8. Blank lines skipped."""
    data = read_bytes(path)
    try:
        text = data.decode('gb18030' if encoding == 'gb18030' else 'utf-8-sig')
    except UnicodeDecodeError:
        text = data.decode('gb18030') if encoding == 'auto' else fail(f'{path} is not valid {encoding}')
    rows = [row for row in csv.reader(io.StringIO(text.removeprefix('\ufeff'), newline='')) if row]
    return (rows or fail(f'{path} has no header'))[0], rows[1:]


def load_divisions(path):
    header, records = read_csv(path, 'utf-8')
    header = [norm(cell).lower() for cell in header]
    by_code, by_name = {}, {}
    for record in records:
        county = {name: norm(record[header.index(name)]) for name in ('prefecture_code', 'prefecture', 'county_code', 'county')}
        county['poverty'] = norm(record[header.index('poverty_county')]) in ('是', '1') if 'poverty_county' in header else None
        by_code[county['county_code']] = county
        by_name.setdefault(county['county'], []).append(county)
    return by_code, by_name


def lookup_county(divisions, name, code, prefecture):
    """By the file's county code if the table has it, else by name (narrowed by prefecture name if given)."""
    by_code, by_name = divisions
    if code in by_code:
        return by_code[code]
    found = [c for c in by_name.get(name, []) if not prefecture or c['prefecture'] == prefecture]
    return found[0] if len(found) == 1 else fail(f'county "{name}" (code "{code}") matches {len(found)} division rows')


def household_status(status_text, type_text):
    type_status = STATUS.get(type_text.lower()) if type_text else None
    if type_status == 'nonpoor' or status_text == '':
        return type_status or fail('blank status (脱贫属性) and household type (户类型)')
    return STATUS.get(status_text.lower()) or fail(f'unknown status "{status_text}"')


def parse_size(text):
    """人数 (§13): ASCII digits only, at least 1; empty is 'not given'."""
    if text == '':
        return None
    if not re.fullmatch('[0-9]+', text) or int(text) <= 0:
        fail(f'人数 "{text}" is not a positive whole number')
    return int(text)


def parse_fen(raw, blank_is_zero=True):
    """An amount in fen (§15.2): 1,234.5 → 123450; blank → 0 (None for a --funds table)."""
    text = re.sub('[,，](?=[0-9]{3}(?:[.]|$|[,，]))', '', norm(raw))
    if text == '':
        return 0 if blank_is_zero else None
    match = re.fullmatch(r'([0-9]{1,13})(?:\.([0-9]{1,2}))?', text)
    if not match:
        return None
    return int(match[1]) * 100 + int((match[2] or '').ljust(2, '0'))


class Frame:
    """The registry's units; iterating gives (counties, townships, villages, households, marks_poor)."""

    def __iter__(self):
        return iter((self.counties, self.townships, self.villages, self.households, self.marks_poor))


def build_frame(paths, divisions, overrides, encoding, attribute=None):
    """paths: registry files, or (path, role) pairs with role 'registry' or 'nonpoor' (evaluate --nonpoor)."""
    counties, townships, villages, households = {}, {}, {}, {}
    frame = Frame()
    frame.headers, frame.personal, frame.attributes, frame.has_funds, frame.files = [], [], {}, False, []
    frame.funds_header = None
    for index, entry in enumerate(paths):
        path, role = entry if isinstance(entry, tuple) else (entry, 'registry')
        header, records = read_csv(path, encoding)
        data = read_bytes(path)
        try:
            data.decode('utf-8') if encoding != 'gb18030' else None
            utf8 = encoding != 'gb18030'
        except UnicodeDecodeError:
            utf8 = False
        frame.files.append({'bytes': len(data), 'sha256': hashlib.sha256(data).hexdigest(),
                            'encoding': 'utf-8' if utf8 else 'gb18030', 'bom': utf8 and data.startswith(b'\xef\xbb\xbf'),
                            'records': len(records)})
        keys, col = [header_key(h) for h in header], {}
        for field, aliases in ALIASES.items():
            names = [header_key(overrides[field])] if field in overrides else [header_key(n) for n in [field, *aliases.split()]]
            col[field] = next((i for i, key in enumerate(keys) if key in names), -1)
        person_level = col['person_id'] >= 0 or col['relation'] >= 0
        frame.files[-1]['layout'] = 'person' if person_level else 'household'
        personal = {i for i, key in enumerate(keys) if key in {header_key(n) for n in PERSONAL.split()}}
        personal |= {col[f] for f in ('id_number', 'phone') if col[f] >= 0}
        personal2 = {i for i, key in enumerate(keys)
                     if key in {header_key(n) for n in ALIAS_KEYS_17.split()} or any(w in key for w in PERSONAL_WORDS.split())}
        personal2 |= {col[f] for f in ('id_number', 'phone') if col[f] >= 0}
        frame.headers.append(header)
        frame.personal.append({1: personal, 2: personal2})
        attribute_column = next((i for i, key in enumerate(keys) if key == header_key(attribute)), -1) if attribute else -1
        if col['funds'] >= 0:
            frame.funds_header = frame.funds_header or header[col['funds']]
            frame.has_funds = True
            if person_level and col['relation'] < 0:
                fail(f'{path}: a funds column in a person-level file without 与户主关系')
        for cells in records:
            get = lambda field: norm(cells[col[field]]) if col[field] >= 0 else ''
            county = lookup_county(divisions, get('county'), get('county_code'), get('prefecture'))
            code, township, village = county['county_code'], get('township'), get('village')
            counties[code] = county
            township_key = get('township_code') or f'{code}›{township}'
            village_key = get('village_code') or f'{code}›{township}›{village}'
            townships.setdefault(township_key, township)  # names and places: first row wins
            v = villages.setdefault(village_key, {'code': get('village_code'), 'name': village, 'township': township_key,
                                                  'county': code, 'poor': None, 'funds': 0})
            mark = get('poor_village').lower()
            if (mark in YES or mark in NO) and v['poor'] is not True:
                v['poor'] = mark in YES  # "是" on any row wins over "否"; unmarked stays None
            if attribute_column >= 0:
                frame.attributes.setdefault(code, norm(cells[attribute_column]))
            status = 'nonpoor' if role == 'nonpoor' else household_status(get('status'), get('household_type'))
            size = parse_size(get('household_size'))
            is_head = not person_level or get('relation').lower() in HEAD  # §4.4: HEAD, Head too; other words: members
            if col['funds'] >= 0 and is_head:
                fen = parse_fen(cells[col['funds']])
                v['funds'] += fen if fen is not None else fail(f'amount "{cells[col["funds"]]}" is not a number of yuan')
            h = households.setdefault(get('household_id'), {'village': village_key, 'status': status, 'size': size,
                                                             'persons': 0, 'head': is_head, 'person_level': person_level,
                                                             'person_id': get('person_id'), 'row': (index, cells),
                                                             'sizes': set()})
            h['persons'] += 1
            h['sizes'].update([size] if size is not None else [])
            # The representative row (§4.4), whatever the row order: the household's 户主 row (a valid
            # registry has exactly one), else, without 与户主关系, its row with the smallest non-blank 人编号.
            if is_head and not h['head']:
                h.update(status=status, size=size, head=True, person_id=get('person_id'), row=(index, cells))
            elif not h['head'] and not is_head and get('person_id') and (not h['person_id'] or get('person_id') < h['person_id']):
                h.update(status=status, size=size, person_id=get('person_id'), row=(index, cells))
    for h in households.values():
        if h['size'] is None and len(h['sizes']) == 1:  # the representative's 人数, else the one value all rows give
            h['size'] = next(iter(h['sizes']))
        if not h['person_level']:
            h['persons'] = h['size'] if h['size'] is not None else 1  # household-level: people from 人数
    for v in villages.values():
        v['households'] = dict.fromkeys(STATUSES, 0)
    for h in households.values():
        villages[h['village']]['households'][h['status']] += 1
    marks_poor = any(v['poor'] is not None for v in villages.values())  # any village of the registry marked 是 or 否
    frame.counties, frame.townships, frame.villages, frame.households, frame.marks_poor = counties, townships, villages, households, marks_poor
    return frame


def js_trim(text):
    return text.strip(JS_TRIM)


def mask(value):
    """§17: by length in code points after trimming: ≤6 all, 7–10 keep 2+2, 11–14 keep 3+4, ≥15 keep 4+4."""
    chars = js_trim(value)
    length = len(chars)
    start = 4 if length >= 15 else 3 if length >= 11 else 2 if length >= 7 else 0
    end = 4 if length >= 11 else 2 if length >= 7 else 0
    return ''.join(c if i < start or i >= length - end else '*' for i, c in enumerate(chars))


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def personal_value(value):
    """§17 rule 2: the trimmed text is a resident ID (address code starting 1-8, a real birth date
    1900-2099, sequence, ISO 7064 MOD 11-2 check character, X or x) or a mobile number (1, 3-9, 9 digits)."""
    text = js_trim(value)
    if re.fullmatch(r'[1-8][0-9]{16}[0-9Xx]', text):
        year, month, day = int(text[6:10]), int(text[10:12]), int(text[12:14])
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
        if not (1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= days[month - 1]):
            return False
        return '10X98765432'[sum(int(d) * w for d, w in zip(text, ID_WEIGHTS)) % 11] == text[17].upper()
    return re.fullmatch(r'1[3-9][0-9]{9}', text) is not None


PERSONAL_IN_TEXT = re.compile(r'(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9A-Za-z])')


def mask_content(text):
    """§17 rule 2 by content: the whole (trimmed) text masked if personal, else each personal run in it."""
    if personal_value(text):
        return mask(text)
    return PERSONAL_IN_TEXT.sub(lambda m: mask(m.group(0)) if personal_value(m.group(0)) else m.group(0), text)


def mask_text(text):
    """§17 messages: every resident ID and mobile number quoted in a message is masked."""
    return PERSONAL_IN_TEXT.sub(lambda m: mask(m.group(0)) if personal_value(m.group(0)) else m.group(0), text)


def masking_rule(p):
    """§17: None when the draw reveals IDs (or predates masking), else the rule: 2 with parameters.masking, else 1."""
    rule = None if p.get('reveal_ids', True) else p.get('masking', 1)
    if rule not in (None, 1, 2):
        fail(f'manifest: parameters.masking {rule!r} is not a masking rule of §17')
    return rule


def with_registry(frame, draw_columns, entries, rule):
    """§9.4: draw cells, then the registry's own columns (first-seen order), masked by §17 rule `rule`
    (None: not masked). entries: (cells, household). Returns (columns, rows, registry column names)."""
    names, seen, values = [], set(), []
    if rule == 2:  # the draw columns (household_id …) by content
        entries = [([mask_content(c) if isinstance(c, str) else c for c in cells], household)
                   for cells, household in entries]
    for _, household in entries:
        index, cells = household['row']
        by_name = {}
        for column, name in enumerate(frame.headers[index]):
            if name not in seen:
                seen.add(name)
                names.append(name)
            cell = cells[column] if column < len(cells) else ''
            if rule is not None and column in frame.personal[index][rule]:
                cell = mask(cell)
            elif rule == 2:
                cell = mask_content(cell)
            by_name[name] = cell
        values.append(by_name)
    rows = [list(cells) + [by_name.get(name, '') for name in names] for (cells, _), by_name in zip(entries, values)]
    return draw_columns, rows, names


EXCLUSION_STAGES = ('county', 'village', 'household')


def read_excluded(manifest, out_dir):
    """§4.6: the units a draw made with --exclude/--history left out, from its own excluded.csv, so the
    draw folder and the registry suffice (the excluded draws are not needed). Returns
    (sets {'county', 'village', 'household'}, the file as a table to compare byte for byte, differences),
    or None for a draw without exclusions. The file must be the one the manifest records (SHA-256), of
    the shape spotcheck writes, and name only recorded sources, each at a stage it was applied at."""
    record = manifest.get('exclusions')
    if not record:
        return None
    if 'excluded.csv' not in manifest.get('outputs', {}):
        fail('this draw was made before excluded.csv existed (§4.6): check it with `spotcheck verify` beside the excluded draws')
    path = out_dir / 'excluded.csv'
    if not path.exists():
        print(f'FAILED: excluded.csv, the record of what this draw left out (§4.6), is missing from {out_dir}')
        sys.exit(1)
    data = read_bytes(path)
    differences = []
    if hashlib.sha256(data).hexdigest() != manifest['outputs']['excluded.csv'].get('sha256'):
        differences.append('excluded.csv is not the file the manifest records (its SHA-256 differs)')
    sources = record.get('sources') if isinstance(record, dict) else None
    if not isinstance(sources, list) or not all(isinstance(s, dict) and isinstance(s.get('sha256'), str) and
                                                isinstance(s.get('stages'), list) for s in sources):
        fail('manifest.exclusions.sources is not a list of sources with sha256 and stages')
    stages_of = {}
    for source in sources:
        stages_of.setdefault(source['sha256'], set()).update(source['stages'])
    if manifest['command'] == 'funds' and any(stages - {'county'} for stages in stages_of.values()):
        differences.append('manifest.exclusions: a funds draw excludes counties only')
    rows = list(csv.reader(io.StringIO(data.decode('utf-8-sig', errors='replace'), newline='')))
    if guarded(manifest['parameters']):  # §20: unit keys read back without the guard's apostrophes
        rows = [[unguard(c) for c in row] for row in rows]
    header, body = (rows[0] if rows else []), rows[1:]
    if header != ['stage', 'unit_key', 'sources']:
        differences.append(f'excluded.csv: the header is not stage,unit_key,sources ({",".join(header)})')
    excluded = {stage: set() for stage in EXCLUSION_STAGES}
    naming = {}  # (source, stage) → rows that name it
    for number, row in enumerate(body, start=2):
        ids = row[2].split(' ') if len(row) == 3 else []
        if len(row) != 3 or row[0] not in excluded or not row[1] or row[1] != norm(row[1]) or row[1] in excluded[row[0]] or \
                not all(re.fullmatch('[0-9a-f]{64}', i) for i in ids) or ids != sorted(set(ids)):
            differences.append(f'excluded.csv row {number} is not a stage, a new normalised unit key and sorted distinct SHA-256s')
            continue
        for i in ids:
            if row[0] not in stages_of.get(i, ()):
                differences.append(f'excluded.csv row {number}: {i[:16]}… is not a recorded source applied at stage {row[0]}')
            naming[(i, row[0])] = naming.get((i, row[0]), 0) + 1
        excluded[row[0]].add(row[1])
    if body != sorted(body, key=lambda row: (EXCLUSION_STAGES.index(row[0]) if row and row[0] in EXCLUSION_STAGES else 3,
                                             [ord(c) for c in (row[1] if len(row) > 1 else '')])):
        differences.append('excluded.csv: rows are not sorted by stage, then unit key in code point order')
    for source in sources:  # units: the distinct keys it names per stage; at a stage applied, exactly its rows
        units = source.get('units') or {}
        for stage in EXCLUSION_STAGES:
            if stage in source['stages'] and units.get(stage) != naming.get((source['sha256'], stage), 0):
                differences.append(f"excluded.csv names source {source['sha256'][:16]}… at stage {stage} "
                                   f"{naming.get((source['sha256'], stage), 0)} times, its record says {units.get(stage)} units")
    table = (['stage', 'unit_key', 'sources'], [row for row in body if len(row) == 3], [])
    return excluded, table, differences


def expected_tables(p, frame, excluded=None):
    counties, townships, villages, households, marks_poor = frame
    out = excluded or {stage: set() for stage in EXCLUSION_STAGES}
    seed, level, scope = p['seed'], p['level'], p['scope_key']
    context = ['monthly', p['month'], level, scope]
    rule = p['village_frame'] if p['village_frame'] != 'auto' else ('poor' if marks_poor else 'all')
    in_scope = {'province': lambda v: True, 'prefecture': lambda v: counties[v['county']]['prefecture_code'] == scope,
                'county': lambda v: v['county'] == scope, 'township': lambda v: v['township'] == scope}[level]
    frame_villages = {k for k, v in villages.items() if in_scope(v) and (rule == 'all' or v['poor'] is True)}
    by_village, by_county = {}, {}  # frame households per village; villages with at least one, per county
    for key, h in sorted(households.items()):
        if h['status'] in p['statuses'] and h['village'] in frame_villages:
            by_village.setdefault(h['village'], []).append(key)
    # §4.6 step 6: a frame village leaves when its key or its county's key is excluded.
    left_out = {v for v in by_village if v in out['village'] or villages[v]['county'] in out['county']}
    counts = {'counties': len({villages[v]['county'] for v in by_village if villages[v]['county'] in out['county']}),
              'villages': len(left_out), 'households': 0}
    by_village = {v: hs for v, hs in by_village.items() if v not in left_out}
    # An excluded household leaves only the household stratum of its village; frame sizes and county counts keep it.
    in_stratum = {v: [h for h in hs if h not in out['household']] for v, hs in by_village.items()}
    for key in sorted(by_village):
        by_county.setdefault(villages[key]['county'], []).append(key)
    in_county = {c: sum(len(by_village[v]) for v in vs) for c, vs in by_county.items()}
    sizes = {'counties': len(by_county), 'villages': len(by_village), 'households': sum(in_county.values()),
             'persons': sum(households[h]['persons'] for hs in by_village.values() for h in hs)}

    def stage(keys, wanted, name, spares=0):
        """(key, ticket, rank, N, n) of the units taken: smallest tickets first, ties by key (code points)."""
        ranked = sorted((ticket(seed, context, name, key), key) for key in keys)
        n = min(wanted, len(ranked))
        return [(key, t, i + 1, len(ranked), n) for i, (t, key) in enumerate(ranked[:n + spares])]

    drawn = stage(by_county, p['counties'], 'county') if p['counties'] is not None else \
        [(key, '', '', 1, 1) for key in sorted(by_county)]  # county and township level: the scope fixes the county
    rows = {name: [] for name in ('counties.csv', 'villages.csv', 'households.csv')}
    spares = []
    for c, c_ticket, c_rank, N1, n1 in drawn:
        county = counties[c]
        rows['counties.csv'].append([county['prefecture_code'], county['prefecture'], c, county['county'], c_ticket, c_rank,
                                     N1, n1, n1 / N1, n1 / N1, N1 / n1, len(by_county[c]), in_county[c]])
        for v, v_ticket, v_rank, N2, n2 in stage(by_county[c], p['villages'], 'village'):
            village, township = villages[v], townships[villages[v]['township']]
            rows['villages.csv'].append([county['prefecture'], c, county['county'], village['township'], township, v,
                                         village['code'], village['name'], v_ticket, v_rank, N2, n2, n1 / N1, n2 / N2,
                                         (n1 * n2) / (N1 * N2), (N1 * N2) / (n1 * n2), len(in_stratum[v])])
            counts['households'] += len(by_village[v]) - len(in_stratum[v])  # of the drawn villages only
            for h, h_ticket, h_rank, N3, n3 in stage(in_stratum[v], p['households'], 'household', p.get('spares') or 0):
                hh = households[h]
                size = hh['size'] if hh['size'] is not None else (hh['persons'] if hh['person_level'] else '')
                common = [h, county['prefecture'], c, county['county'], township, v, village['name'], hh['status'], size,
                          hh['persons'], h_ticket, h_rank]
                if h_rank > n3:  # §16: the next households of the village, in rank order
                    spares.append((common + [h_rank - n3], hh))
                    continue
                rows['households.csv'].append((common + [N3, n3, n1 / N1, n2 / N2, n3 / N3, (n1 * n2 * n3) / (N1 * N2 * N3),
                                                         (N1 * N2 * N3) / (n1 * n2 * n3)], hh))
    reveal = masking_rule(p)  # manifests from before masking have no reveal_ids: unmasked
    tables = {name: (COLUMNS[name].split(), rows[name], []) for name in ('counties.csv', 'villages.csv')}
    tables['households.csv'] = with_registry(frame, COLUMNS['households.csv'].split(), rows['households.csv'], reveal)
    if (p.get('spares') or 0) > 0:
        tables['spares.csv'] = with_registry(frame, COLUMNS['spares.csv'].split(), spares, reveal)
    summary = f"{len(rows['counties.csv'])} counties, {len(rows['villages.csv'])} villages, {len(rows['households.csv'])} households"
    if 'spares.csv' in tables:
        summary += f", {len(spares)} spares"
    return context, sizes, tables, summary, counts


# ---------------------------------------------------------------- evaluate (§14) and funds (§15)

def attribute_rows(table, counties):
    """§14.2: county key → row of a county table, by code column, else by name column."""
    header, rows = table
    header = [norm(h).lower() for h in header]
    code_col = next((i for i, h in enumerate(header) if h in ('county_code', '县代码', '县区代码')), -1)
    name_col = next((i for i, h in enumerate(header) if h in ('county', '行政县', '县', '县区', '县(市、区)')), -1)
    if code_col < 0 and name_col < 0:
        fail('the county table has no county_code/县代码 or county/行政县 column')
    found = {}
    for row in rows:
        code = norm(row[code_col]) if code_col >= 0 and code_col < len(row) else ''
        name = norm(row[name_col]) if name_col >= 0 and name_col < len(row) else ''
        county = next((k for k in sorted(counties) if (code and k == code) or (not code and counties[k]['county'] == name)), None)
        if county is not None:
            if county in found:
                fail(f'the county table names county {county} twice')
            found[county] = row
    return found


def county_strata(p, frame, attributes):
    rule = p['strata']
    counties = frame.counties
    if rule == 'prefecture':
        return {c: counties[c]['prefecture'] for c in counties}
    if rule == 'poverty-county':
        if attributes is not None:
            listed = attribute_rows(attributes, counties)
            return {c: '贫困县' if c in listed else '非贫困县' for c in counties}
        if any(counties[c]['poverty'] is None for c in counties):
            fail('the division table has no poverty_county column')
        return {c: '贫困县' if counties[c]['poverty'] else '非贫困县' for c in counties}
    name = rule[len('column:'):]
    if attributes is not None:
        column = next((i for i, h in enumerate(attributes[0]) if norm(h) == norm(name)), -1)
        if column >= 0:
            rows = attribute_rows(attributes, counties)
            values = {c: norm(rows[c][column]) if c in rows and column < len(rows[c]) else '' for c in counties}
            if any(value == '' for value in values.values()):
                fail(f'the county table has no {name} for some counties')
            return values
    if any(frame.attributes.get(c, '') == '' for c in counties):
        fail(f'no value of {name} for some counties')
    return {c: frame.attributes[c] for c in counties}


def allocate(total, strata, method, minimum=1):
    """§14.3. strata: [(name, units, measure)] in stratum order → {name: n}; minimum = --min-per-stratum."""
    result = {key: 0 for key, _, _ in strata}
    eligible = [(key, units, measure) for key, units, measure in strata if units > 0]
    target = min(total, sum(units for _, units, _ in eligible))
    needed = sum(min(minimum, units) for _, units, _ in eligible)
    if minimum > 1 and needed > target:
        fail(f'--min-per-stratum {minimum} needs {needed} counties, --counties gives {target}')
    lower_of = {key: min(minimum, units) if minimum > 1 else (1 if target >= len(eligible) else 0)
                for key, units, _ in eligible}
    measure_of = {key: 1 if method == 'equal' else max(measure, 0) for key, _, measure in eligible}

    def quotas(t_total, items):  # items: (key, lower, upper, measure)
        q = {}
        if not items:
            return q
        weighted = [i for i in items if i[3] > 0]
        unweighted = [i for i in items if i[3] <= 0]
        weighted_upper = 0
        for i in weighted:
            weighted_upper += i[2]
        unweighted_lower = 0
        for i in unweighted:
            unweighted_lower += i[1]
        if not weighted or weighted_upper + unweighted_lower < t_total:
            for i in weighted:
                q[i[0]] = i[2]
            q.update(quotas(t_total - weighted_upper, [(k, lo, up, 1) for k, lo, up, _ in unweighted]))
            return q
        for i in unweighted:
            q[i[0]] = i[1]
        goal = t_total - unweighted_lower

        def s(lam):
            acc = 0
            for _, lo, up, m in weighted:
                acc += min(up, max(lo, lam * m))
            return acc
        points = sorted({x for _, lo, up, m in weighted for x in (lo / m, up / m)})
        previous, previous_sum = 0, s(0)
        lam = points[-1] if points else 0
        if goal <= previous_sum:
            lam = 0
        else:
            for point in points:
                value = s(point)
                if value >= goal:
                    lam = point if value == previous_sum else previous + ((goal - previous_sum) * (point - previous)) / (value - previous_sum)
                    break
                previous, previous_sum = point, value
        for key, lo, up, m in weighted:
            q[key] = min(up, max(lo, lam * m))
        return q

    q = quotas(target, [(key, lower_of[key], units, measure_of[key]) for key, units, _ in eligible])
    assigned = 0
    for key, _, _ in eligible:
        result[key] = math.floor(q[key] + 1e-9)
        assigned += result[key]
    order = sorted(eligible, key=lambda s: (-(q[s[0]] - result[s[0]]), -measure_of[s[0]], s[0]))
    left = target - assigned
    for _ in range(2):
        if left <= 0:
            break
        for key, units, _ in order:
            if left == 0:
                break
            if result[key] < units:
                result[key] += 1
                left -= 1
    return result


def merge_strata(strata, target, minimum):
    """§14.3.1. strata: [(name, units, size w)] → {name of a §14.2 stratum: (merged name, its parts)}."""
    groups = [([name], units, w) for name, units, w in strata]
    label = lambda parts: '+'.join(sorted(parts))
    most = max(1, target // minimum)
    while len(groups) > 1 and (len(groups) > most or any(units < minimum for _, units, _ in groups)):
        first = min(groups, key=lambda g: (0 if g[1] < minimum else 1, g[2], label(g[0])))
        partner = min((g for g in groups if g is not first), key=lambda g: (g[2], label(g[0])))
        groups = [g for g in groups if g is not first and g is not partner] + \
            [(sorted(first[0] + partner[0]), first[1] + partner[1], first[2] + partner[2])]
    if len({label(parts) for parts, _, _ in groups}) < len(groups):
        fail('a merged stratum has the name of another stratum')
    return {part: (label(parts), sorted(parts)) for parts, _, _ in groups for part in parts}


def pps_start(ticket_hex):
    return int(ticket_hex[:13], 16)


def pps(sizes, n, start):
    """§14.4 steps 1–5 over units in rank order: (certain indices, selected indices, [(num, den)] per unit, n′, X′)."""
    positive = [i for i, x in enumerate(sizes) if x > 0]
    remaining_n = min(n, len(positive))
    remaining_x = sum(sizes[i] for i in positive)
    certain = set()
    while True:
        newly = [i for i in positive if i not in certain and remaining_n * sizes[i] >= remaining_x]
        if not newly or remaining_n == 0:
            break
        for i in newly:
            certain.add(i)
            remaining_n -= 1
            remaining_x -= sizes[i]
        if remaining_n <= 0:
            break
    remaining_n = max(remaining_n, 0)
    fractions = []
    for i, x in enumerate(sizes):
        if x <= 0:
            fractions.append((0, 1))
        elif i in certain:
            fractions.append((1, 1))
        else:
            fractions.append((remaining_n * x, remaining_x) if remaining_x > 0 else (0, 1))
    open_units = [i for i in positive if i not in certain and fractions[i][0] > 0]
    selected, scale = [], 2 ** 52
    total = sum(sizes[i] for i in open_units)
    if remaining_n > 0 and total > 0:
        cumulative, k = 0, 0
        for i in open_units:
            low = cumulative * remaining_n * scale
            cumulative += sizes[i]
            high = cumulative * remaining_n * scale
            while k < remaining_n:
                point = (start + k * scale) * total
                if point < low:
                    k += 1
                    continue
                if point < high:
                    selected.append(i)
                    k += 1
                break
    return sorted(certain), selected, fractions, remaining_n, remaining_x


def evaluation_tables(p, frame, attributes):
    seed, context = p['seed'], ['evaluate']
    counties, townships, villages, households = frame.counties, frame.townships, frame.villages, frame.households
    frame_villages = sorted(k for k, v in villages.items() if sum(v['households'].values()) > 0)
    by_county = {}
    for key in frame_villages:
        by_county.setdefault(villages[key]['county'], []).append(key)
    size = {c: sum(villages[v]['households']['poor'] + villages[v]['households']['exited'] for v in vs) for c, vs in by_county.items()}
    strata_of = county_strata(p, frame, attributes)
    use_pps = p['county_selection'] == 'pps'
    minimum = p.get('min_per_stratum', 1)

    def grouped():
        groups = {}
        for c in sorted(by_county):
            groups.setdefault(strata_of[c], []).append(c)
        return groups, sorted(groups)
    members, names = grouped()
    units_of = lambda h: len([c for c in members[h] if size[c] > 0]) if use_pps else len(members[h])
    parts_of = {}
    if p.get('merge_strata') == 'smallest-with-smallest':
        target = min(p['counties'], sum(units_of(h) for h in names))
        merged = merge_strata([(h, units_of(h), sum(size[c] for c in members[h]) if p['allocation'] == 'households' else len(members[h]))
                               for h in names], target, minimum)
        strata_of = {c: merged[h][0] for c, h in strata_of.items() if h in merged}
        parts_of = {name: parts for name, parts in merged.values() if len(parts) > 1}
        members, names = grouped()
    allocation = allocate(p['counties'], [(h, units_of(h),
                                            sum(size[c] for c in members[h]) if p['allocation'] == 'households' else len(members[h]))
                                           for h in names], p['allocation'], minimum)
    drawn, strata_rows, manifest_strata, shortfalls = [], [], [], []
    if p['counties'] < len(names):
        shortfalls += [('county', h, 1, 0) for h in names if allocation[h] == 0]
    if p['counties'] > min(p['counties'], len(by_county)):
        shortfalls.append(('county', 'all', p['counties'], len(by_county)))
    for h in names:
        ranked = sorted((ticket(seed, context, 'county', c), c) for c in members[h])
        n_h, N_h, certain_count = allocation[h], len(members[h]), 0
        if not use_pps:
            for rank, (t, c) in enumerate(ranked[:n_h], start=1):
                drawn.append(dict(county=c, stratum=h, method='srs', ticket=t, rank=rank, N=N_h, n=n_h, prob=(n_h, N_h)))
        else:
            certain, selected, fractions, _, _ = pps([size[c] for _, c in ranked], n_h, pps_start(ticket(seed, context, 'county-start', h)))
            certain_count = len(certain)
            zero = sum(1 for c in members[h] if size[c] == 0)
            if zero:
                shortfalls.append(('county', h, n_h, N_h - zero))
            for i, (t, c) in enumerate(ranked):
                if i in certain or i in selected:
                    drawn.append(dict(county=c, stratum=h, method='certainty' if i in certain else 'pps', ticket=t, rank=i + 1,
                                      N=N_h, n=n_h, prob=fractions[i]))
        registered = sum(size[c] for c in members[h])
        strata_rows.append([h, N_h, registered, n_h, certain_count])
        manifest_strata.append({'stratum': h, 'counties': N_h, 'households': registered, 'allocated': n_h, 'certainty': certain_count,
                                **({'merged': parts_of[h]} if h in parts_of else {})})

    rows = {'counties.csv': [], 'villages.csv': []}
    sample, spare, by_village = [], [], {}
    for k in sorted(households):
        by_village.setdefault(households[k]['village'], []).append(k)
    n_villages = 0
    for d in drawn:
        c, county = d['county'], counties[d['county']]
        num1, den1 = d['prob']
        rows['counties.csv'].append([d['stratum'], county['prefecture'], c, county['county'], d['method'], d['ticket'], d['rank'],
                                     size[c], d['N'], d['n'], num1 / den1, den1 / num1, len(by_county[c])])
        ranked_villages = sorted((ticket(seed, context, 'village', v), v) for v in by_county[c])
        M = len(ranked_villages)
        m = min(p['villages_per_county'], M)
        if M < p['villages_per_county']:
            shortfalls.append(('village', c, p['villages_per_county'], M))
        for v_rank, (v_ticket, v) in enumerate(ranked_villages[:m], start=1):
            n_villages += 1
            village = villages[v]
            township = townships[village['township']]
            num2, den2 = num1 * m, den1 * M
            in_village = {s: [k for k in by_village.get(v, []) if households[k]['status'] == s] for s in STATUSES}
            rows['villages.csv'].append([d['stratum'], c, county['county'], township, v, village['code'], village['name'], v_ticket,
                                         v_rank, M, m, num1 / den1, m / M, num2 / den2, len(in_village['poor']),
                                         len(in_village['exited']), len(in_village['nonpoor'])])
            for s in STATUSES:
                asked = p['households'][s]
                if 0 < len(in_village[s]) < asked or (asked > 0 and not in_village[s]):
                    shortfalls.append(('household', f'{v}/{s}', asked, len(in_village[s])))
                if asked == 0 or not in_village[s]:
                    continue
                ranked_households = sorted((ticket(seed, context, 'household', k), k) for k in in_village[s])
                N_s = len(ranked_households)
                n = min(asked, N_s)
                num, den = num2 * n, den2 * N_s
                for rank, (h_ticket, k) in enumerate(ranked_households[:n + p['spares']], start=1):
                    role = 'sample' if rank <= n else 'spare'
                    cells = [d['stratum'], county['prefecture'], c, county['county'], d['method'], size[c], d['N'], d['n'], num1 / den1,
                             township, v, village['name'], M, m, m / M, s, f'{v}/{s}', k, role, rank - n if role == 'spare' else None,
                             h_ticket, rank, N_s, n, n / N_s, num / den, den / num]
                    (sample if role == 'sample' else spare).append((cells, households[k]))
    reveal = masking_rule(p)
    tables = {'frame.csv': with_registry(frame, EVALUATION_COLUMNS['frame.csv'].split(), sample, reveal),
              'spares.csv': with_registry(frame, EVALUATION_COLUMNS['spares.csv'].split(), spare, reveal),
              'counties.csv': (EVALUATION_COLUMNS['counties.csv'].split(), rows['counties.csv'], []),
              'villages.csv': (EVALUATION_COLUMNS['villages.csv'].split(), rows['villages.csv'], []),
              'strata.csv': (EVALUATION_COLUMNS['strata.csv'].split(), strata_rows, [])}
    totals = dict.fromkeys(STATUSES, 0)
    for v in frame_villages:
        for s in STATUSES:
            totals[s] += villages[v]['households'][s]
    recorded = {'frame': {'counties': len(by_county), 'villages': len(frame_villages), 'households': totals},
                'strata': manifest_strata,
                'sample': {'counties': len(drawn), 'villages': n_villages, 'households': len(sample), 'spares': len(spare)},
                'shortfalls': sorted(shortfalls)}
    summary = f'{len(drawn)} counties, {n_villages} villages, {len(sample)} households, {len(spare)} spares'
    return context, recorded, tables, summary


def yuan(fen):
    return f'{fen // 100}.{fen % 100:02d}'


def share_fraction(text):
    """§15.3: '0.5', '1', '50%', '12.5%' → (a, b) in lowest terms."""
    text = js_trim(text)
    match = re.fullmatch(r'([0-9]{1,3})(?:\.([0-9]{1,6}))?%', text) or re.fullmatch(r'([01])(?:\.([0-9]{1,6}))?', text)
    if not match:
        fail(f'coverage share {text!r}')
    digits = match[2] or ''
    a, b = int(match[1] + digits), 10 ** len(digits) * (100 if text.endswith('%') else 1)
    g = math.gcd(a, b)
    return a // g, b // g


def coverage_probabilities(funds, a, b):
    """§15.3: π_i by subset enumeration (None above 20 counties)."""
    count, total = len(funds), sum(funds)
    if count > 20:
        return None
    binomials = []
    for k in range(count):
        c = 1
        for j in range(1, k + 1):
            c = (c * (count - 1 - k + j)) / j
        binomials.append(math.floor(c + 0.5))
    result = []
    for unit in range(count):
        others = [f for i, f in enumerate(funds) if i != unit]
        below = [0] * count
        for mask_bits in range(1 << len(others)):
            subset = [others[bit] for bit in range(len(others)) if mask_bits >> bit & 1]
            if sum(subset) * b < total * a:
                below[len(subset)] += 1
        acc = 0
        for k in range(count):
            acc += below[k] / binomials[k]
        result.append(acc / count)
    return result


def funds_tables(p, frame, funds_table, excluded=None):
    seed, scope = p['seed'], p['scope_key']
    context = ['funds', p['month'], 'prefecture', scope]
    in_scope = sorted(c for c, county in frame.counties.items() if county['prefecture_code'] == scope)
    if funds_table is not None:
        header, _ = funds_table
        amount = next((i for i, h in enumerate(header) if header_key(h) in {header_key(n) for n in AMOUNT.split()}), -1)
        if amount < 0:
            fail('the --funds table has no amount column')
        rows = attribute_rows(funds_table, {c: frame.counties[c] for c in in_scope})
        funds = {}
        for c in in_scope:
            if c not in rows:
                fail(f'the --funds table has no row for county {c}')
            raw = rows[c][amount] if amount < len(rows[c]) else ''
            fen = parse_fen(raw, blank_is_zero=False)
            funds[c] = fen if fen is not None else fail(f'amount {raw!r} of county {c}')
    else:
        if not frame.has_funds:
            fail('the registry has no funds column')
        funds = {c: sum(v['funds'] for v in frame.villages.values() if v['county'] == c) for c in in_scope}
    excluded = {c for c in in_scope if c in (excluded or {}).get('county', set())}  # §15.1: named by an earlier draw or a list
    eligible = [c for c in in_scope if c not in excluded and funds[c] > 0]
    without = [c for c in in_scope if c not in excluded and funds[c] <= 0]
    total = sum(funds[c] for c in eligible)
    a, b = share_fraction(p['coverage'])
    ranked = sorted((ticket(seed, context, 'county', c), c) for c in eligible)
    ranking = []
    if p['method'] == 'coverage':
        probabilities = coverage_probabilities([funds[c] for _, c in ranked], a, b)
        cumulative, done = 0, False
        for i, (t, c) in enumerate(ranked):
            selected = not done
            cumulative += funds[c]
            if selected and cumulative * b >= total * a:
                done = True
            ranking.append(dict(county=c, ticket=t, rank=i + 1, cumulative=cumulative, selected=selected,
                                probability=probabilities[i] if probabilities else None, certainty=False))
        note = 'exact: the chance over random orders that the counties before it hold less than the target' if probabilities \
            else 'not computed for more than 20 eligible counties'
    else:
        certain, selected, fractions, _, _ = pps([funds[c] for _, c in ranked], p['counties'] or 1,
                                                 pps_start(ticket(seed, context, 'county-start', scope)))
        cumulative = 0
        for i, (t, c) in enumerate(ranked):
            cumulative += funds[c]
            ranking.append(dict(county=c, ticket=t, rank=i + 1, cumulative=cumulative, selected=i in certain or i in selected,
                                probability=fractions[i][0] / fractions[i][1], certainty=i in certain))
        note = 'exact: n·funds/total after certainty counties (systematic PPS in ticket order)'

    def county_cells(c):
        county = frame.counties[c]
        return [county['prefecture_code'], county['prefecture'], c, county['county'], yuan(funds[c])]
    chosen = [r for r in ranking if r['selected']]
    counties_rows = [county_cells(r['county']) + [r['ticket'], r['rank'], yuan(r['cumulative']), r['probability'],
                                                  None if r['probability'] is None else 1 / r['probability'], 1 if r['certainty'] else 0]
                     for r in chosen]
    ranking_rows = [county_cells(r['county']) + ['selected' if r['selected'] else 'not selected', r['ticket'], r['rank'],
                                                 yuan(r['cumulative']), r['probability']] for r in ranking]
    ranking_rows += [county_cells(c) + ['excluded', None, None, None, 0] for c in in_scope if c in excluded]
    ranking_rows += [county_cells(c) + ['no funds', None, None, None, 0] for c in without]
    selected_fen = sum(funds[r['county']] for r in chosen)
    tables = {'counties.csv': (FUNDS_COLUMNS['counties.csv'].split(), counties_rows, []),
              'ranking.csv': (FUNDS_COLUMNS['ranking.csv'].split(), ranking_rows, [])}
    recorded = {'frame': {'counties': len(in_scope), 'eligible': len(eligible), 'excluded': len(excluded),
                          'without_funds': len(without), 'probabilities': note},
                'sample': {'counties': len(chosen)},
                'result': {'eligible_funds': yuan(total), 'target_funds': yuan(-(-total * a // b)),
                           'selected_funds': yuan(selected_fen), 'coverage_reached': selected_fen / total if total else 0}}
    counts = {'counties': len(excluded), 'villages': 0, 'households': 0}
    return context, recorded, tables, f'{len(chosen)} counties of {len(eligible)} eligible', counts


# ---------------------------------------------------------------- comparing

def js_number(x):
    """§9.1: ECMAScript Number.prototype.toString."""
    from decimal import Decimal
    if x == 0:
        return '0'
    if x < 0:
        return '-' + js_number(-x)
    _, digits, exponent = Decimal(repr(float(x)) if isinstance(x, float) else str(x)).normalize().as_tuple()
    s = ''.join(map(str, digits))
    k, n = len(s), len(s) + exponent
    if k <= n <= 21:
        return s + '0' * (n - k)
    if 0 < n <= 21:
        return s[:n] + '.' + s[n:]
    if -6 < n <= 0:
        return '0.' + '0' * -n + s
    e = n - 1
    return s[0] + ('.' + s[1:] if k > 1 else '') + 'e' + ('+' if e >= 0 else '-') + str(abs(e))


def canonical_json(value):
    """§18: keys sorted, no spaces, numbers as ECMAScript writes them."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return '[' + ','.join(canonical_json(v) for v in value) + ']'
    keys = sorted(value, key=lambda k: k.encode('utf-16-be'))  # code unit order
    return '{' + ','.join(json.dumps(k, ensure_ascii=False) + ':' + canonical_json(value[k]) for k in keys) + '}'


def same(expected, found):
    """Strings exactly; numbers as numbers, relative tolerance 1e-12."""
    if expected is None:
        return found == ''
    if not isinstance(expected, (int, float)):
        return expected == found
    try:
        return math.isclose(expected, float(found), rel_tol=1e-12)
    except ValueError:
        return False


FORMULA_START = re.compile(r'[=+\-@\t\r]')
NEGATIVE_NUMBER = re.compile(r'-(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?')  # ASCII digits, as in JavaScript


FRAGILE_NUMBER = re.compile(r'[0-9]{12,}|0[0-9]+')  # §20 version 2: digits Excel would change (ASCII, as in JavaScript)
GUARDED = re.compile(r"'(?:[=+\-@\t\r']|(?:[0-9]{12,}|0[0-9]+)\Z)")


def guard(text, version=2):
    """§20: a cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first; not a negative
    number), or that begins with an apostrophe, or (version 2) that is 12 or more ASCII digits or 2 or
    more with a leading 0, is written behind one apostrophe."""
    formula = FORMULA_START.match(text) is not None and NEGATIVE_NUMBER.fullmatch(text) is None
    fragile = version == 2 and FRAGILE_NUMBER.fullmatch(text) is not None
    return "'" + text if formula or fragile or text.startswith("'") else text


def unguard(text):
    """§20 read back: the apostrophe the guard added removed (the same for versions 1 and 2)."""
    return text[1:] if GUARDED.match(text) else text


def guarded(p):
    """§20: the version of the formula guard the draw's CSV files carry (excel and formula_guard 1 or 2), else 0."""
    version = p.get('formula_guard')
    return version if p.get('excel') is True and version in (1, 2) and not isinstance(version, bool) else 0


def csv_text(columns, rows, excel, formula_guard=0):
    def field(cell):
        text = '' if cell is None else js_number(cell) if isinstance(cell, (int, float)) and not isinstance(cell, bool) else str(cell)
        text = guard(text, formula_guard) if formula_guard else text
        # §20: CSV for Excel without the guard (before 0.5.0) quoted a line break only as a whole CR LF.
        quote = any(ch in text for ch in ',"') or '\r\n' in text if excel and not formula_guard else any(ch in text for ch in ',"\r\n')
        return '"' + text.replace('"', '""') + '"' if quote else text
    end = '\r\n' if excel else '\n'
    text = ''.join(','.join(field(cell) for cell in row) + end for row in [columns, *rows])
    return ('\ufeff' + text) if excel else text


def localised(columns, registry, lang):
    """§9.4 and the Chinese headings (parameters.columns_lang): the header line of an output file."""
    added = columns[:len(columns) - len(registry)] if registry else columns
    if lang == 'zh-CN':
        names = set(HEADINGS_ZH) | set(HEADINGS_ZH.values())
        return [HEADINGS_ZH.get(c, c) for c in added] + [f'登记表:{r}' if r in names else r for r in registry]
    return list(added) + [f'registry:{r}' if r in added else r for r in registry]


def compare(manifest, out_dir, context, sizes, expected):
    """sizes: monthly frame sizes (dict of counts) or, for evaluate and funds, the recomputable manifest fields."""
    p, differences = manifest['parameters'], []
    manifest_lang = p.get('columns_lang', 'en')
    seed = p['seed']
    if not seed or seed != unicodedata.normalize('NFC', seed).strip(JS_TRIM) or re.search('[\x00-\x1f\x7f]', seed):
        differences.append(f'the seed {seed!r} is not normalised (NFC, trimmed, no control characters)')
    if context != manifest['ticket_context']:
        differences.append(f"ticket context: expected {context}, manifest has {manifest['ticket_context']}")
    if manifest['command'] == 'monthly':  # sizes: the whole frame record
        differences += deep_differences(sizes, manifest['frame'], 'frame')
        sample = {name[:-4]: len(expected[name][1]) for name in ('counties.csv', 'villages.csv', 'households.csv', 'spares.csv') if name in expected}
        sizes = {'shortfalls': monthly_shortfalls(p, expected), 'sample': sample}
    recorded_shortfalls = sorted((s['stage'], s['stratum'], s['requested'], s['available']) for s in manifest.get('shortfalls', []))
    if sizes.get('shortfalls', []) != recorded_shortfalls:
        differences.append(f"manifest shortfalls: expected {sizes.get('shortfalls', [])}, manifest has {recorded_shortfalls}")
    for field, value in sizes.items():  # frame, strata, sample, result: whole, every key
        if field != 'shortfalls':
            differences += deep_differences(value, manifest.get(field, KeyError), field)
    outputs = manifest.get('outputs', {})
    for name in outputs:
        if name not in expected:
            differences.append(f'the manifest lists {name}, which the re-draw does not produce')
    for name in sorted(set(DRAW_FILES) - set(expected) - set(outputs)):
        if (out_dir / name).exists():
            differences.append(f'{name} lies beside the manifest, which the re-draw does not produce')
    byte_identical = True
    for name, (columns, rows, registry) in expected.items():
        path = out_dir / name
        if name not in outputs:
            differences.append(f'{name}: the re-draw produces it, the manifest does not list it')
        if not path.exists():
            differences.append(f'{name}: missing')
            continue
        data = read_bytes(path)
        if name in outputs:
            if hashlib.sha256(data).hexdigest() != outputs[name]['sha256']:
                differences.append(f'{name}: its SHA-256 is not the one the manifest records')
            if outputs[name].get('rows') != len(rows):
                differences.append(f"{name}: the manifest records {outputs[name].get('rows')} rows, the re-draw has {len(rows)}")
        header, *found = list(csv.reader(io.StringIO(data.decode('utf-8-sig', errors='replace'), newline=''))) or [[]]  # --excel adds a BOM
        if guarded(p):  # §20: read back without the guard's apostrophes
            header, found = [unguard(c) for c in header], [[unguard(c) for c in row] for row in found]
        want_header = localised(columns + registry, registry, manifest_lang)
        if header != want_header:
            differences.append(f'{name}: the header is not {",".join(want_header)}')
        if len(found) != len(rows):
            differences.append(f'{name}: expected {len(rows)} rows, found {len(found)}')
        for number, (want, got) in enumerate(zip(rows, found), start=1):
            if len(got) != len(want):
                differences.append(f'{name} row {number}: expected {len(want)} cells, found {len(got)}')
            differences += [f'{name} row {number} {column}: expected {"" if w is None else w}, found {g}'
                            for column, w, g in zip(header, want, got) if not same(w, g)]
        if csv_text(want_header, rows, p.get('excel', False), guarded(p)).encode('utf-8') != data:
            byte_identical = False
            differences.append(f"{name}: not byte for byte the file the re-draw writes"
                               f"{' (excel: a BOM and CRLF line ends)' if p.get('excel') else ' (no BOM, LF line ends)'}")
    return differences, byte_identical


def monthly_shortfalls(p, expected):
    """§7: (stage, stratum, requested, available) of every stratum with fewer units than asked."""
    found = []
    counties, villages = expected['counties.csv'][1], expected['villages.csv'][1]
    if p['counties'] is not None and counties and counties[0][6] < p['counties']:
        found.append(('county', 'scope', p['counties'], counties[0][6]))
    found += [('village', row[2], p['villages'], row[11]) for row in counties if row[11] < p['villages']]
    found += [('household', row[5], p['households'], row[16]) for row in villages if row[16] < p['households']]
    return sorted(found)


DRAW_FILES = ('counties.csv', 'villages.csv', 'households.csv', 'spares.csv', 'frame.csv', 'strata.csv', 'ranking.csv',
              'excluded.csv')
COMMITMENT_OMITS = ('seed', 'seed_source', 'excel', 'columns_lang', 'reveal_ids', 'masking', 'formula_guard')  # §19.1: parameters a commitment leaves out


def check_commitment(manifest, out_dir):
    """§19: a draw made with --commitment keeps commitment.json beside its manifest. Its commitment_sha256 must
    be the SHA-256 of its canonical JSON and manifest.commitment.sha256; created_at, seed_procedure and path
    must be the manifest's record; and what it fixes (command, registry files, division table, parameters)
    must be the draw's. Without a commitment, a commitment.json beside the manifest is a difference."""
    record, path = manifest.get('commitment'), out_dir / 'commitment.json'
    if record is None:
        return ['commitment.json lies beside the manifest, which records no commitment'] if path.exists() else []
    if not isinstance(record, dict) or record.get('path') != 'commitment.json':
        return ['manifest.commitment is not a record of commitment.json']
    if not path.exists():
        return ['commitment.json: missing (the manifest records a commitment)']
    try:
        commitment = json.loads(read_bytes(path).decode('utf-8'))
    except (UnicodeDecodeError, ValueError):
        return ['commitment.json is not UTF-8 JSON']
    if not isinstance(commitment, dict):
        return ['commitment.json is not a JSON object']
    differences = []
    rest = {k: v for k, v in commitment.items() if k != 'commitment_sha256'}
    digest = hashlib.sha256(canonical_json(rest).encode('utf-8')).hexdigest()
    if commitment.get('commitment_sha256') != digest:
        differences.append('commitment.json: commitment_sha256 is not the hash of the commitment (it was edited)')
    if digest != record.get('sha256'):
        differences.append(f"commitment.json: its SHA-256 {digest} is not the manifest's commitment {record.get('sha256')}")
    for field in ('created_at', 'seed_procedure'):
        if commitment.get(field) != record.get(field):
            differences.append(f'commitment.json: {field} is not the one the manifest records')
    if commitment.get('format') != 'spotcheck-commitment-1' or commitment.get('command') != manifest.get('command'):
        differences.append('commitment.json: not a spotcheck-commitment-1 of this command')
    key = lambda i: (i.get('sha256'), i.get('bytes'), i.get('role'))
    if sorted(map(key, commitment.get('inputs') or []), key=str) != sorted(map(key, manifest.get('inputs', [])), key=str):
        differences.append('commitment.json: the registry files (SHA-256, bytes, role) are not the draw\'s')
    if (commitment.get('divisions') or {}).get('sha256') != manifest.get('divisions', {}).get('sha256'):
        differences.append('commitment.json: the division table is not the draw\'s')
    committed, drawn = commitment.get('parameters') or {}, manifest['parameters']
    for name in sorted((set(committed) | set(drawn)) - set(COMMITMENT_OMITS)):
        if canonical_json(committed.get(name)) != canonical_json(drawn.get(name)):
            differences.append(f'commitment.json: parameter {name} is not the draw\'s')
    return differences


def check_manifest_hash(manifest, expect):
    differences = []
    rest = {k: v for k, v in manifest.items() if k != 'manifest_sha256'}
    digest = hashlib.sha256(canonical_json(rest).encode('utf-8')).hexdigest()
    if manifest.get('manifest_sha256') != digest:
        differences.append('manifest_sha256 is not the hash of the manifest (it was edited after it was sealed)')
    if expect is not None:
        expect = expect.strip().lower()
        if not re.fullmatch('[0-9a-f]{16,64}', expect):
            fail('--expect takes the manifest_sha256 published with the draw: 16 to 64 hexadecimal digits')
        if not str(manifest.get('manifest_sha256', '')).startswith(expect):
            differences.append(f"manifest_sha256 {manifest.get('manifest_sha256')} is not the published {expect}")
    return differences


# ---------------------------------------------------------------- the whole manifest (as `spotcheck verify` compares it)

ALGORITHM_DESCRIPTION = {'name': ALGORITHM, 'version': 1, 'hash': 'sha256',
                         'selection': 'in each stratum, the units with the smallest tickets (consistent sampling)',
                         'spec': 'docs/algorithm.md'}
TOP_LEVEL = {  # required fields, then optional ones, per command
    'common': ({'format', 'tool', 'algorithm', 'command', 'parameters', 'ticket_context', 'inputs', 'divisions', 'frame',
                'sample', 'shortfalls', 'outputs', 'created_at', 'manifest_sha256'}, {'plan', 'commitment'}),
    'monthly': (set(), {'exclusions'}), 'evaluate': ({'county_attributes', 'strata'}, set()),
    'funds': ({'funds_table', 'result'}, {'exclusions'})}
COMMON_PARAMETERS = ('encoding', 'columns', 'divisions', 'excel', 'sheet', 'seed_source')
PARAMETERS = {
    'monthly': ('month', 'seed', 'level', 'scope', 'scope_key', 'scope_label', 'counties', 'villages', 'households',
                'village_frame', 'statuses', *COMMON_PARAMETERS, 'reveal_ids', 'spares'),
    'evaluate': ('seed', 'counties', 'strata', 'allocation', 'county_selection', 'villages_per_county', 'households', 'spares',
                 *COMMON_PARAMETERS, 'county_attributes', 'reveal_ids'),
    'funds': ('month', 'seed', 'level', 'scope', 'scope_key', 'scope_label', 'method', 'coverage', 'counties', 'funds_source',
              *COMMON_PARAMETERS)}
ABSENT_BEFORE_0_2_0 = {'excel': False, 'sheet': None, 'seed_source': None, 'reveal_ids': True, 'spares': 0}
HEX64 = re.compile('[0-9a-f]{64}')
CREATED_AT = re.compile(r'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,3})?Z')


def is_int(value, least=0):
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def legacy(manifest):
    """A manifest of spotcheck 0.1.x, which did not write the fields of ABSENT_BEFORE_0_2_0."""
    version = (manifest.get('tool') or {}).get('version') if isinstance(manifest.get('tool'), dict) else None
    return isinstance(version, str) and re.fullmatch(r'0\.[01]\.\d+', version) is not None


def shape_errors(manifest):
    """Fields the checker must read before it can re-draw, of the types spotcheck writes. Any error: FAILED, exit 1."""
    errors = []
    bad = lambda field, what: errors.append(f'manifest {field} is not {what}')
    p = manifest.get('parameters')
    command = manifest['command']
    if not isinstance(p, dict):
        return ['manifest parameters is not an object']
    # columns_lang only in Chinese-headed draws; masking (rule 2, §17) only in draws that mask by content too;
    # formula_guard (§20) only in draws with CSV for Excel.
    keys = set(PARAMETERS[command]) | ({'columns_lang'} if 'columns_lang' in p else set()) \
        | ({'min_per_stratum', 'merge_strata'} & set(p) if command == 'evaluate' else set()) | ({'masking'} if 'masking' in p and command != 'funds' else set()) \
        | ({'formula_guard'} if 'formula_guard' in p and p.get('excel') is True else set())
    for name in sorted(set(p) - keys):
        errors.append(f'manifest parameters.{name}: a parameter spotcheck does not write')
    for name in sorted(keys - set(p)):
        if not (legacy(manifest) and name in ABSENT_BEFORE_0_2_0):
            errors.append(f'manifest parameters.{name}: missing')
    checks = {
        'seed': lambda v: isinstance(v, str), 'month': lambda v: isinstance(v, str) and re.fullmatch(r'[0-9]{4}-(0[1-9]|1[0-2])', v),
        'scope_key': lambda v: isinstance(v, str), 'scope_label': lambda v: isinstance(v, str),
        'scope': lambda v: v is None or isinstance(v, str), 'spares': lambda v: is_int(v),
        'encoding': lambda v: v in ('auto', 'utf-8', 'gb18030'), 'excel': lambda v: isinstance(v, bool),
        'columns': lambda v: isinstance(v, dict) and all(isinstance(k, str) and k in ALIASES and isinstance(x, str) and x for k, x in v.items()),
        'divisions': lambda v: v is None or isinstance(v, str), 'sheet': lambda v: v is None,
        'seed_source': lambda v: v is None or isinstance(v, str), 'reveal_ids': lambda v: isinstance(v, bool),
        'columns_lang': lambda v: v == 'zh-CN', 'masking': lambda v: v == 2, 'formula_guard': lambda v: v in (1, 2) and not isinstance(v, bool)}
    checks.update({
        'monthly': {'level': lambda v: v in ('province', 'prefecture', 'county', 'township'),
                    'counties': lambda v: v is None or is_int(v, 1), 'villages': lambda v: is_int(v, 1),
                    'households': lambda v: is_int(v, 1), 'village_frame': lambda v: v in ('auto', 'poor', 'all'),
                    'statuses': lambda v: isinstance(v, list) and v and all(s in STATUSES for s in v) and len(set(v)) == len(v)},
        'evaluate': {'counties': lambda v: is_int(v, 1), 'strata': lambda v: isinstance(v, str) and v,
                     'allocation': lambda v: v in ('proportional', 'equal', 'households'),
                     'county_selection': lambda v: v in ('srs', 'pps'), 'villages_per_county': lambda v: is_int(v, 1),
                     'households': lambda v: isinstance(v, dict) and set(v) == set(STATUSES) and all(is_int(x) for x in v.values()),
                     'county_attributes': lambda v: v is None or isinstance(v, str),
                     # §14.3–§14.3.1: recorded only when given (not 1, not false)
                     'min_per_stratum': lambda v: is_int(v, 2), 'merge_strata': lambda v: v == 'smallest-with-smallest'},
        'funds': {'level': lambda v: v == 'prefecture', 'scope': lambda v: isinstance(v, str),
                  'method': lambda v: v in ('coverage', 'pps'), 'counties': lambda v: v is None or is_int(v, 1),
                  'coverage': lambda v: isinstance(v, str) and (re.fullmatch(r'([0-9]{1,3})(\.[0-9]{1,6})?%', js_trim(v))
                                                                 or re.fullmatch(r'[01](\.[0-9]{1,6})?', js_trim(v))),
                  'funds_source': lambda v: v in ('registry', 'table')}}[command])
    for name, check in checks.items():
        if name in p and not check(p[name]):
            bad(f'parameters.{name}', f'a value spotcheck writes ({json.dumps(p[name], ensure_ascii=False)[:80]})')
    if command == 'funds' and p.get('method') == 'pps' and p.get('counties') is None:
        bad('parameters.counties', 'a number of counties (PPS)')
    inputs = manifest.get('inputs')
    if not isinstance(inputs, list) or not inputs:
        bad('inputs', 'a non-empty list of registry files')
    else:
        for i, entry in enumerate(inputs):
            at = f'inputs[{i}]'
            if not isinstance(entry, dict):
                bad(at, 'an object')
                continue
            want = {'name', 'path', 'bytes', 'sha256', 'encoding', 'bom', 'layout', 'records'} | ({'role'} if 'role' in entry else set()) \
                | ({'format'} if 'format' in entry else set())
            if set(entry) != want:
                bad(at, f'an object of the fields {sorted(want)}')
            for field, ok in (('name', lambda v: isinstance(v, str) and v), ('path', lambda v: isinstance(v, str) and v),
                              ('bytes', is_int), ('sha256', lambda v: isinstance(v, str) and HEX64.fullmatch(v)),
                              ('encoding', lambda v: v in ('utf-8', 'gb18030')), ('bom', lambda v: isinstance(v, bool)),
                              ('layout', lambda v: v in ('person', 'household')), ('records', is_int),
                              ('role', lambda v: v == 'nonpoor' and command == 'evaluate'), ('format', lambda v: v == 'xlsx')):
                if field in entry and not ok(entry[field]):
                    bad(f'{at}.{field}', f'a value spotcheck writes ({json.dumps(entry[field], ensure_ascii=False)[:80]})')
    d = manifest.get('divisions')
    if not isinstance(d, dict) or set(d) != {'source', 'sha256', 'path'} or not isinstance(d.get('source'), str) or \
            not (isinstance(d.get('sha256'), str) and HEX64.fullmatch(d['sha256'])) or not (d.get('path') is None or isinstance(d['path'], str) and d['path']):
        bad('divisions', 'an object {source, sha256, path} with a SHA-256')
    for field in ('county_attributes', 'funds_table'):
        t = manifest.get(field)
        if t is not None and not (isinstance(t, dict) and set(t) == {'name', 'sha256', 'path'} and isinstance(t.get('name'), str)
                                  and isinstance(t.get('path'), str) and t['path'] and isinstance(t.get('sha256'), str) and HEX64.fullmatch(t['sha256'])):
            bad(field, 'null or an object {name, sha256, path} with a SHA-256')
    if command == 'evaluate' and (manifest.get('county_attributes') is None) != (p.get('county_attributes') is None):
        bad('county_attributes', 'recorded exactly when parameters.county_attributes names a table')
    if command == 'funds' and (manifest.get('funds_table') is None) != (p.get('funds_source') != 'table'):
        bad('funds_table', 'recorded exactly when parameters.funds_source is "table"')
    e = manifest.get('exclusions')
    if 'exclusions' in manifest and not (
            isinstance(e, dict) and set(e) == {'sources', 'history', 'excluded'} and isinstance(e['sources'], list) and e['sources']
            and all(isinstance(x, dict) and isinstance(x.get('sha256'), str) and HEX64.fullmatch(x['sha256'])
                    and isinstance(x.get('stages'), list) and all(t in EXCLUSION_STAGES for t in x['stages'])
                    and isinstance(x.get('units'), dict) for x in e['sources'])
            and (e['history'] is None or isinstance(e['history'], dict))
            and isinstance(e['excluded'], dict) and set(e['excluded']) == {'counties', 'villages', 'households'}):
        bad('exclusions', 'an object {sources, history, excluded} as spotcheck writes it')
    if not isinstance(manifest.get('ticket_context'), list) or not all(isinstance(x, str) for x in manifest['ticket_context']):
        bad('ticket_context', 'a list of texts')
    o = manifest.get('outputs')
    if not isinstance(o, dict) or not all(isinstance(v, dict) and set(v) == {'sha256', 'rows'} for v in o.values()):
        bad('outputs', 'an object of {sha256, rows} per file')
    if not isinstance(manifest.get('shortfalls'), list) or not all(
            isinstance(x, dict) and {'stage', 'stratum', 'requested', 'available'} <= set(x)
            <= {'stage', 'stratum', 'stratumLabel', 'requested', 'available', 'note'} for x in manifest['shortfalls']):
        bad('shortfalls', 'a list of shortfalls {stage, stratum, stratumLabel, requested, available[, note]}')
    for field in ('frame', 'sample') + (('result',) if command == 'funds' else ()):
        if not isinstance(manifest.get(field), dict):
            bad(field, 'an object')
    if command == 'evaluate' and not isinstance(manifest.get('strata'), list):
        bad('strata', 'a list')
    return errors


def deep_differences(want, got, at):
    """Paths where a recorded value differs from the recomputed one (numbers: relative tolerance 1e-12)."""
    if isinstance(want, dict) and isinstance(got, dict):
        return [d for k in sorted(set(want) | set(got)) for d in deep_differences(want.get(k, KeyError), got.get(k, KeyError), f'{at}.{k}')]
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        return [d for i, (w, g) in enumerate(zip(want, got)) for d in deep_differences(w, g, f'{at}[{i}]')]
    number = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if number(want) and number(got) and (want == got or isinstance(want, float) and math.isclose(want, got, rel_tol=1e-12)):
        return []
    if want is not KeyError and got is not KeyError and type(want) is type(got) and want == got:
        return []
    show = lambda v: 'absent' if v is KeyError else json.dumps(v, ensure_ascii=False)[:120]
    return [f'manifest {at}: recorded {show(got)}, the re-draw gives {show(want)}']


def head_differences(manifest):
    """format, tool, algorithm, created_at and the top-level fields: as spotcheck writes them."""
    differences = []
    command = manifest['command']
    required = TOP_LEVEL['common'][0] | TOP_LEVEL[command][0]
    optional = TOP_LEVEL['common'][1] | TOP_LEVEL[command][1]
    for name in sorted(set(manifest) - required - optional):
        differences.append(f'manifest {name}: a field spotcheck does not write')
    for name in sorted(required - set(manifest)):
        if not (legacy(manifest) and name in ('strata', 'result', 'county_attributes', 'funds_table')):
            differences.append(f'manifest {name}: missing')
    lang = manifest['parameters'].get('columns_lang', 'en')
    want_format = 'spotcheck-manifest-2' if lang == 'zh-CN' else 'spotcheck-manifest-1'
    if manifest.get('format') != want_format and not (legacy(manifest) and manifest.get('format') == 'spotcheck-manifest-1'):
        differences.append(f"manifest format: recorded {manifest.get('format')!r}, spotcheck writes {want_format!r}")
    tool = manifest.get('tool')
    if not (isinstance(tool, dict) and set(tool) == {'name', 'version'} and tool['name'] == 'spotcheck'
            and isinstance(tool['version'], str) and re.fullmatch(r'\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?', tool['version'])):
        differences.append(f'manifest tool: recorded {json.dumps(tool, ensure_ascii=False)[:120]}, spotcheck writes {{name: "spotcheck", version}}')
    differences += deep_differences(ALGORITHM_DESCRIPTION, manifest.get('algorithm'), 'algorithm')
    created = manifest.get('created_at')
    valid = isinstance(created, str) and CREATED_AT.fullmatch(created)
    if valid:
        try:
            datetime.datetime.strptime(created[:19], '%Y-%m-%dT%H:%M:%S')
        except ValueError:
            valid = False
    if not valid:
        differences.append(f'manifest created_at: {json.dumps(created)[:80]} is not an ISO-8601 UTC time (YYYY-MM-DDTHH:MM:SS.sssZ)')
    c = manifest.get('commitment')
    if 'commitment' in manifest and not (isinstance(c, dict) and set(c) == {'sha256', 'created_at', 'seed_procedure', 'path'}):
        differences.append('manifest commitment: not an object {sha256, created_at, seed_procedure, path}')
    p = manifest.get('plan')
    if 'plan' in manifest and not (isinstance(p, dict) and set(p) == {'path', 'sha256', 'applied'}):
        differences.append('manifest plan: not an object {path, sha256, applied}')
    return differences


def input_differences(manifest, frame, files, registry_given, recorded):
    """Every registry file: the bytes read are the ones the manifest records (SHA-256, size, encoding, BOM, layout, records)."""
    differences = []
    if len(files) != len(recorded):
        differences.append(f'the manifest records {len(recorded)} registry file(s), {len(files)} were read')
    for path, entry, facts in zip(files, recorded, frame.files):
        name = entry.get('name')
        if facts['sha256'] != entry.get('sha256'):
            differences.append(f"{path}: not the file the manifest records as {name}: recorded SHA-256 {entry.get('sha256')}, actual {facts['sha256']}")
        for field in ('bytes', 'encoding', 'bom', 'layout', 'records'):
            if facts[field] != entry.get(field):
                differences.append(f'manifest inputs ({name}) {field}: recorded {entry.get(field)}, the file gives {facts[field]}')
        if not registry_given and Path(entry['path']).name != name:
            differences.append(f"manifest inputs ({name}): the name is not the file name of its path {entry['path']}")
    return differences


def division_text_sha256(path, bundled):
    """A division table's SHA-256 is of its decoded text (UTF-8, else GB18030), as UTF-8; spotcheck's bundled
    copy of fixtures/divisions/yunnan-counties.csv has LF line ends."""
    data = read_bytes(path)
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        text = data.decode('gb18030', errors='replace')
    return hashlib.sha256((text.replace('\r\n', '\n') if bundled else text).encode('utf-8')).hexdigest()


def side_table_difference(path, record, what, actual=None):
    actual = actual or sha256_of(path)
    if actual != record.get('sha256'):
        return [f"{path}: not the {what} the manifest records as {record.get('name', record.get('source'))}: "
                f"recorded SHA-256 {record.get('sha256')}, actual {actual}"]
    return []


def scope_differences(p, frame):
    """scope_key and scope_label name one unit of the frame at the draw's level (§3), the label as spotcheck writes it."""
    counties, townships, villages = frame.counties, frame.townships, frame.villages
    level, key, label = p['level'], p['scope_key'], p['scope_label']
    if level == 'province':
        want = (None, '', 'province')
        return [] if (p['scope'], key, label) == want else [f'manifest parameters: a province draw has scope null, scope_key "", scope_label "province"']
    if p['scope'] is None:
        return [f'manifest parameters.scope: a {level} draw names its scope']
    if level == 'prefecture':
        names = {c['prefecture'] for c in counties.values() if c['prefecture_code'] == key}
        ok = names == {label}
    elif level == 'county':
        ok = key in counties and label == f"{counties[key]['prefecture']} › {counties[key]['county']}"
    else:
        county = next((v['county'] for v in villages.values() if v['township'] == key), None)
        ok = county is not None and label == f"{counties[county]['prefecture']} › {counties[county]['county']} › {townships[key]}"
    return [] if ok else [f'manifest parameters: scope_key {key!r} and scope_label {label!r} are not one {level} of the registry']


def shortfall_text_differences(manifest, frame):
    """The label (and, for evaluate, the note) of each recorded shortfall, as spotcheck writes them; the
    shortfalls themselves (stage, stratum, requested, available) are compared by compare()."""
    command, p, differences = manifest['command'], manifest['parameters'], []
    counties, townships, villages = frame.counties, frame.townships, frame.villages
    strata = {s.get('stratum'): s for s in manifest.get('strata') or [] if isinstance(s, dict)}

    def village_label(key):
        v = villages.get(key)
        return v and f"{counties[v['county']]['county']} › {townships[v['township']]} › {v['name']}"
    for i, s in enumerate(manifest['shortfalls']):
        stage, stratum, asked, available = s['stage'], s['stratum'], s['requested'], s['available']
        label = note = None
        if command == 'monthly':
            keys = {'stage', 'stratum', 'stratumLabel', 'requested', 'available'}
            label = {'county': p.get('scope_label'), 'village': (counties.get(stratum) or {}).get('county'),
                     'household': village_label(stratum)}.get(stage)
        else:
            keys = {'stage', 'stratum', 'stratumLabel', 'requested', 'available', 'note'}
            if stage == 'county' and stratum == 'all':
                label, note = 'all strata', 'fewer counties in the frame than asked: all were taken'
            elif stage == 'county' and asked == 1 and available == 0 and stratum in strata and strata[stratum].get('allocated') == 0:
                label, note = stratum, f"--counties {p['counties']} is less than the {len(strata)} strata: this stratum gets no county"
            elif stage == 'county':
                zero = (strata.get(stratum) or {}).get('counties', 0) - available if isinstance(available, int) else 0
                label, note = stratum, f"{zero} count{'ies have' if zero > 1 else 'y has'} no registered household and cannot be drawn by PPS"
            elif stage == 'village':
                label, note = (counties.get(stratum) or {}).get('county'), 'all villages taken'
            elif stage == 'household' and isinstance(stratum, str) and '/' in stratum:
                key, status = stratum.rsplit('/', 1)
                label = village_label(key) and f'{village_label(key)} / {status}'
                note = 'no such household in the village' if available == 0 else 'all taken; no spares'
        if set(s) != keys:
            differences.append(f'manifest shortfalls[{i}]: not of the fields {sorted(keys)}')
        if s.get('stratumLabel') != label:
            differences.append(f"manifest shortfalls[{i}].stratumLabel: recorded {s.get('stratumLabel')!r}, the re-draw gives {label!r}")
        if command != 'monthly' and s.get('note') != note:
            differences.append(f"manifest shortfalls[{i}].note: recorded {s.get('note')!r}, the re-draw gives {note!r}")
    return differences


def monthly_frame(p, frame):
    rule = p['village_frame'] if p['village_frame'] != 'auto' else ('poor' if frame.marks_poor else 'all')
    note = ('the registry does not mark poor villages (是否贫困村), so every village is in the frame'
            if p['village_frame'] == 'auto' and not frame.marks_poor else
            'poor villages (是否贫困村 = 是) only' if rule == 'poor' else 'every village')
    return {'statuses': list(p['statuses']), 'villageFrame': rule, 'villageFrameNote': note, 'scope': p['scope_label']}


def self_test():
    """Runs the test vectors of docs/algorithm.md §10 against this file's functions."""
    text = (REPO / 'docs' / 'algorithm.md').read_text(encoding='utf-8')
    functions = {
        'ticket': lambda seed, context, stage, key: ticket(seed, context, stage, key),
        'pps_start': lambda t: str(pps_start(t)),
        'allocate': lambda total, strata, method: allocate(total, [tuple(s) for s in strata], method),
        'pps': lambda sizes, n, start: (lambda r: {'certainty': r[0], 'selected': r[1],
                                                   'probability': [a / b for a, b in r[2]]})(pps(sizes, n, int(start))),
        'coverage': lambda funds, share: coverage_probabilities(funds, *share_fraction(share)),
        'mask': mask, 'guard': guard}
    failures, count = [], 0
    for number, name, arguments, result in re.findall(r'^\| (\d+) \| (\w+) \| `(.+)` \| `(.+)` \|$', text, re.M):
        count += 1
        got = functions[name](*json.loads(arguments))
        if got != json.loads(result):
            failures.append(f'vector {number} {name}: expected {result}, got {json.dumps(got, ensure_ascii=False)}')
    for number, seed, context, stage, key in re.findall(r'^\| (\d+) \| `([^`]*)`[^|]*\| ([^|]+) \| (\w+) \| `([^`]*)` \|$', text, re.M):
        month, level, scope = [part.strip().strip('`').replace('""', '') for part in context.split(',')]
        digest = re.search(rf'^\| {number} \| `.*` \(\d+\) \| `([0-9a-f]{{64}})` \|$', text, re.M)[1]
        count += 1
        if ticket(seed, ['monthly', month, level, scope], stage, key) != digest:
            failures.append(f'vector {number}: ticket differs')
    if failures or count < 30:
        print('\n'.join(failures) or f'only {count} vectors found')
        sys.exit(1)
    print(f'OK: {count} test vectors of docs/algorithm.md §10 reproduced')


def failed(differences, out_dir):
    print(f'FAILED: {len(differences)} difference(s) between the recomputed draw and {out_dir}')
    print('\n'.join('  ' + mask_text(difference) for difference in differences[:100]))
    sys.exit(1)


def load_manifest(path):
    data = read_bytes(path, MAX_MANIFEST_BYTES)
    try:
        manifest = json.loads(data.decode('utf-8'))
    except (UnicodeDecodeError, ValueError) as error:
        fail(f'{path} is not UTF-8 JSON ({error})')
    if not isinstance(manifest, dict):
        fail(f'{path} is not a JSON object')
    command, algorithm = manifest.get('command'), manifest.get('algorithm')
    name = algorithm.get('name') if isinstance(algorithm, dict) else None
    version = algorithm.get('version') if isinstance(algorithm, dict) else None
    if command not in ('monthly', 'evaluate', 'funds') or name != ALGORITHM or version != 1:
        fail(f"this checker knows {ALGORITHM} version 1 monthly, evaluate and funds draws, not "
             f"{json.dumps(name)[:60]} version {json.dumps(version)[:20]} {json.dumps(command)[:40]}")
    return manifest


def main():
    if sys.argv[1:] == ['--self-test']:
        return self_test()
    parser = argparse.ArgumentParser(description='Recompute a spotcheck draw (monthly, evaluate, funds) and compare it with its files.')
    parser.add_argument('manifest', type=Path)
    parser.add_argument('--registry', action='append', help='registry CSV (repeat for several); default: the manifest inputs')
    parser.add_argument('--nonpoor', action='append', help='evaluate: file of non-poor households; default: the manifest inputs')
    parser.add_argument('--divisions', help='division table CSV; default: the manifest\'s, or fixtures/divisions/yunnan-counties.csv')
    parser.add_argument('--county-attributes', help='evaluate: the county table; default: the manifest\'s')
    parser.add_argument('--funds', help='funds: the county funds table; default: the manifest\'s')
    parser.add_argument('--expect', help='the manifest_sha256 published with the draw (at least 16 hex digits)')
    args = parser.parse_args()
    if args.expect is not None and not re.fullmatch('[0-9a-f]{16,64}', args.expect.strip().lower()):
        fail('--expect takes the manifest_sha256 published with the draw: 16 to 64 hexadecimal digits')
    manifest = load_manifest(args.manifest)
    out_dir = args.manifest.parent
    command = manifest['command']
    errors = shape_errors(manifest)
    if errors:  # not a manifest spotcheck writes: nothing to re-draw from
        failed(errors + check_manifest_hash(manifest, args.expect), out_dir)
    p = manifest['parameters']
    differences = head_differences(manifest) + check_manifest_hash(manifest, args.expect)
    exclusions = read_excluded(manifest, out_dir)  # None without --exclude/--history
    if exclusions is not None and command == 'evaluate':
        differences.append('manifest exclusions: an evaluation draw takes no --exclude or --history')
        failed(differences, out_dir)
    if any(i.get('format') == 'xlsx' for i in manifest['inputs']):
        fail('this checker reads CSV registries only')
    recorded_registries = [i for i in manifest['inputs'] if i.get('role') != 'nonpoor']
    recorded_nonpoor = [i for i in manifest['inputs'] if i.get('role') == 'nonpoor']
    registries = args.registry or [out_dir / i['path'] for i in recorded_registries]
    nonpoor = args.nonpoor or [out_dir / i['path'] for i in recorded_nonpoor]
    division_record = manifest['divisions']
    divisions = args.divisions or (out_dir / division_record['path'] if division_record['path']
                                   else REPO / 'fixtures' / 'divisions' / 'yunnan-counties.csv')
    differences += side_table_difference(divisions, division_record, 'division table',
                                         division_text_sha256(divisions, bundled=not args.divisions and not division_record['path']))
    if not args.divisions:  # with --divisions the verifier's path and source count, matched by SHA-256 (as verify)
        if (division_record['path'] is None) != (p['divisions'] is None) or \
                (division_record['path'] is None and division_record['source'] != 'bundled:yunnan-counties'):
            differences.append('manifest divisions: source, path and parameters.divisions are not one division table')
    encoding = {'gbk': 'gb18030', 'gb18030': 'gb18030', 'utf-8': 'utf-8'}.get(p.get('encoding', 'auto'), 'auto')
    attribute = p['strata'][len('column:'):] if command == 'evaluate' and p['strata'].startswith('column:') else None
    files = [(path, 'registry') for path in registries] + [(path, 'nonpoor') for path in nonpoor]
    frame = build_frame(files, load_divisions(divisions), p.get('columns') or {}, encoding, attribute)
    differences += input_differences(manifest, frame, [*registries, *nonpoor], bool(args.registry or args.nonpoor),
                                     [*recorded_registries, *recorded_nonpoor])

    def side_table(option, record, what):
        path = option or (out_dir / record['path'] if record else None)
        if path is None:
            return None
        if record:
            differences.extend(side_table_difference(path, record, what))
        return read_csv(path)
    excluded, counts = exclusions[0] if exclusions else None, None
    if command == 'monthly':
        differences += scope_differences(p, frame)
        context, sizes, expected, summary, counts = expected_tables(p, frame, excluded)
        sizes = {'definition': monthly_frame(p, frame), 'sizes': sizes}
    elif command == 'evaluate':
        table = side_table(args.county_attributes, manifest.get('county_attributes'), 'county table')
        if table is not None and not args.county_attributes and manifest['county_attributes']['name'] != p['county_attributes']:
            differences.append('manifest county_attributes: its name is not parameters.county_attributes')
        context, sizes, expected, summary = evaluation_tables(p, frame, table)
    else:
        differences += scope_differences(p, frame)
        table = side_table(args.funds, manifest.get('funds_table'), 'funds table') if p['funds_source'] == 'table' else None
        context, sizes, expected, summary, counts = funds_tables(p, frame, table, excluded)
        sizes['frame'] = {'scope': p['scope_label'], **sizes['frame'],
                          'funds_source': f"county table {manifest['funds_table']['name']}" if table is not None else
                          f'registry column {frame.funds_header}, summed per county over households'}
    notes = []
    if exclusions:  # excluded.csv is compared like an output; the counts of units that left are recomputed (§4.6)
        _, expected['excluded.csv'], found = exclusions
        differences += found
        differences += deep_differences(counts, manifest['exclusions']['excluded'], 'exclusions.excluded')
        notes.append(f"{sum(len(keys) for keys in excluded.values())} excluded units applied from excluded.csv")
    if manifest.get('commitment'):
        notes.append(f"kept to commitment {manifest['commitment'].get('sha256')}")
    differences += shortfall_text_differences(manifest, frame)
    differences += check_commitment(manifest, out_dir)
    found, byte_identical = compare(manifest, out_dir, context, sizes, expected)
    differences += found
    if differences:
        failed(differences, out_dir)
    print(f"OK: {summary} reproduced{' (every file byte for byte)' if byte_identical else ''}"
          f"{'; manifest_sha256 is the published one' if args.expect else ''}{''.join('; ' + note for note in notes)}")


UNSAFE = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]')


class SafeTerminal:
    """stdout/stderr that never pass a control character from a file to the terminal: C0 (but newline
    and tab), DEL, C1, bidirectional marks, overrides and isolates are written as \\uXXXX, as spotcheck does."""
    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        return self.stream.write(UNSAFE.sub(lambda m: '\\u%04x' % ord(m.group(0)), text))

    def __getattr__(self, name):
        return getattr(self.stream, name)


if __name__ == '__main__':
    sys.stdout, sys.stderr = SafeTerminal(sys.stdout), SafeTerminal(sys.stderr)
    try:
        main()
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, ZeroDivisionError, RecursionError, OverflowError) as error:
        # A field or file of a shape none of the checks above foresaw: never a traceback, never OK.
        print(f'error: check_draw: cannot check: the manifest or a file is not what spotcheck writes '
              f'({type(error).__name__}: {str(error)[:200]})', file=sys.stderr)
        sys.exit(2)

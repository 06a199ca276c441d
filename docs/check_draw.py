#!/usr/bin/env python3
"""Independent checker of a spotcheck monthly draw (algorithm spotcheck-ticket-1, see docs/algorithm.md).

Rebuilds the frame from the registry with the spec's rules, recomputes every ticket and the
selection, and compares them with counties.csv, villages.csv and households.csv beside the manifest.
Standard library only.  Usage: check_draw.py OUTDIR/manifest.json --registry REGISTRY.csv [--divisions FILE]
"""
import argparse, csv, hashlib, io, json, math, re, sys, unicodedata
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
    'household_id': '户编号 户码', 'person_id': '人编号', 'household_size': '人数 家庭人数 户人数', 'relation': '与户主关系',
    'status': '脱贫属性 脱贫状态', 'poor_village': '是否贫困村 贫困村', 'household_type': '户类型 户状态'}
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
                      'village_probability household_probability probability weight'}
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
    'weight': '设计权重'}


HAN = '\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af'
SPACE_BY_HAN = re.compile(f'(?<=[{HAN}]) | (?=[{HAN}])')


def fail(message):  # cannot check (exit 2), as opposed to "differs" (exit 1)
    print(f'check_draw: {message}', file=sys.stderr)
    sys.exit(2)


def read_bytes(path):
    try:
        return Path(path).read_bytes()
    except OSError as error:
        fail(f'cannot read {path}: {error.strerror}; give the registry with --registry')


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


def build_frame(paths, divisions, overrides, encoding):
    counties, townships, villages, households = {}, {}, {}, {}
    for path in paths:
        header, records = read_csv(path, encoding)
        keys, col = [header_key(h) for h in header], {}
        for field, aliases in ALIASES.items():
            names = [header_key(overrides[field])] if field in overrides else [header_key(n) for n in [field, *aliases.split()]]
            col[field] = next((i for i, key in enumerate(keys) if key in names), -1)
        person_level = col['person_id'] >= 0 or col['relation'] >= 0
        for cells in records:
            get = lambda field: norm(cells[col[field]]) if col[field] >= 0 else ''
            county = lookup_county(divisions, get('county'), get('county_code'), get('prefecture'))
            code, township, village = county['county_code'], get('township'), get('village')
            counties[code] = county
            township_key = get('township_code') or f'{code}›{township}'
            village_key = get('village_code') or f'{code}›{township}›{village}'
            townships.setdefault(township_key, township)  # names and places: first row wins
            v = villages.setdefault(village_key, {'code': get('village_code'), 'name': village, 'township': township_key,
                                                  'county': code, 'poor': None})
            mark = get('poor_village').lower()
            if (mark in YES or mark in NO) and v['poor'] is not True:
                v['poor'] = mark in YES  # "是" on any row wins over "否"; unmarked stays None
            status = household_status(get('status'), get('household_type'))
            size = int(get('household_size')) if get('household_size') else None
            is_head = not person_level or get('relation').lower() in HEAD  # HEAD, Head too; other words: members
            h = households.setdefault(get('household_id'), {'village': village_key, 'status': status, 'size': size,
                                                             'persons': 0, 'head': is_head, 'person_level': person_level,
                                                             'person_id': get('person_id'), 'sizes': set()})
            h['persons'] += 1
            h['sizes'].update([size] if size is not None else [])
            if is_head and not h['head']:  # the first 户主 row speaks for the household
                h.update(status=status, size=size, head=True, person_id=get('person_id'))
            elif not h['head'] and not is_head and get('person_id') and (not h['person_id'] or get('person_id') < h['person_id']):
                h.update(status=status, size=size, person_id=get('person_id'))  # no 户主: smallest 人编号
    for h in households.values():
        if h['size'] is None and len(h['sizes']) == 1:  # the representative's 人数, else the one all rows give
            h['size'] = next(iter(h['sizes']))
        if not h['person_level']:
            h['persons'] = h['size'] if h['size'] is not None else 1  # household-level: people from 人数
    marks_poor = any(v['poor'] is not None for v in villages.values())  # any village marked 是 or 否
    return counties, townships, villages, households, marks_poor


def expected_tables(p, frame):
    counties, townships, villages, households, marks_poor = frame
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
    for key in sorted(by_village):
        by_county.setdefault(villages[key]['county'], []).append(key)
    in_county = {c: sum(len(by_village[v]) for v in vs) for c, vs in by_county.items()}
    sizes = {'counties': len(by_county), 'villages': len(by_village), 'households': sum(in_county.values()),
             'persons': sum(households[h]['persons'] for hs in by_village.values() for h in hs)}

    def stage(keys, wanted, name):
        """(key, ticket, rank, N, n) of the units taken: smallest tickets first, ties by key (code points)."""
        ranked = sorted((ticket(seed, context, name, key), key) for key in keys)
        n = min(wanted, len(ranked))
        return [(key, t, i + 1, len(ranked), n) for i, (t, key) in enumerate(ranked[:n])]

    drawn = stage(by_county, p['counties'], 'county') if p['counties'] is not None else \
        [(key, '', '', 1, 1) for key in sorted(by_county)]  # county and township level: the scope fixes the county
    rows = {name: [] for name in COLUMNS}
    for c, c_ticket, c_rank, N1, n1 in drawn:
        county = counties[c]
        rows['counties.csv'].append([county['prefecture_code'], county['prefecture'], c, county['county'], c_ticket, c_rank,
                                     N1, n1, n1 / N1, n1 / N1, N1 / n1, len(by_county[c]), in_county[c]])
        for v, v_ticket, v_rank, N2, n2 in stage(by_county[c], p['villages'], 'village'):
            village, township = villages[v], townships[villages[v]['township']]
            rows['villages.csv'].append([county['prefecture'], c, county['county'], village['township'], township, v,
                                         village['code'], village['name'], v_ticket, v_rank, N2, n2, n1 / N1, n2 / N2,
                                         (n1 * n2) / (N1 * N2), (N1 * N2) / (n1 * n2), len(by_village[v])])
            for h, h_ticket, h_rank, N3, n3 in stage(by_village[v], p['households'], 'household'):
                hh = households[h]
                size = hh['size'] if hh['size'] is not None else (hh['persons'] if hh['person_level'] else '')
                rows['households.csv'].append([h, county['prefecture'], c, county['county'], township, v, village['name'],
                                               hh['status'], size, hh['persons'], h_ticket, h_rank, N3, n3, n1 / N1,
                                               n2 / N2, n3 / N3, (n1 * n2 * n3) / (N1 * N2 * N3),
                                               (N1 * N2 * N3) / (n1 * n2 * n3)])
    return context, sizes, rows


def same(expected, found):
    """Strings exactly; numbers as numbers, relative tolerance 1e-12."""
    if not isinstance(expected, (int, float)):
        return expected == found
    try:
        return math.isclose(expected, float(found), rel_tol=1e-12)
    except ValueError:
        return False


def compare(manifest, out_dir, context, sizes, expected):
    p, differences = manifest['parameters'], []
    manifest_lang = p.get('columns_lang', 'en')
    seed = p['seed']
    if not seed or seed != unicodedata.normalize('NFC', seed).strip(JS_TRIM) or re.search('[\x00-\x1f\x7f]', seed):
        differences.append(f'the seed {seed!r} is not normalised (NFC, trimmed, no control characters)')
    if context != manifest['ticket_context']:
        differences.append(f"ticket context: expected {context}, manifest has {manifest['ticket_context']}")
    for name, value in sizes.items():
        if manifest['frame']['sizes'][name] != value:
            differences.append(f"frame size {name}: expected {value}, manifest has {manifest['frame']['sizes'][name]}")
    for name, rows in expected.items():
        with open(out_dir / name, encoding='utf-8-sig', newline='') as file:  # --excel adds a BOM
            header, *found = list(csv.reader(file))
        columns = COLUMNS[name].split()
        if manifest_lang == 'zh-CN':
            columns = [HEADINGS_ZH[column] for column in columns]
        if header[:len(columns)] != columns:
            differences.append(f'{name}: the header does not begin with {" ".join(columns)}')
        if len(found) != len(rows):
            differences.append(f'{name}: expected {len(rows)} rows, found {len(found)}')
        for number, (want, got) in enumerate(zip(rows, found), start=1):
            differences += [f'{name} row {number} {column}: expected {w}, found {g}'
                            for column, w, g in zip(header, want, got) if not same(w, g)]
    return differences


def main():
    parser = argparse.ArgumentParser(description='Recompute a spotcheck monthly draw and compare it with its CSV files.')
    parser.add_argument('manifest', type=Path)
    parser.add_argument('--registry', action='append', help='registry CSV (repeat for several); default: the manifest inputs')
    parser.add_argument('--divisions', help='division table CSV; default: fixtures/divisions/yunnan-counties.csv')
    args = parser.parse_args()
    manifest = json.loads(args.manifest.read_text(encoding='utf-8'))
    out_dir, p = args.manifest.parent, manifest['parameters']
    if manifest['algorithm']['name'] != ALGORITHM or manifest['command'] != 'monthly':
        fail(f"this checker knows {ALGORITHM} monthly draws, not {manifest['algorithm']['name']} {manifest['command']}")
    if manifest.get('exclusions'):
        fail('this checker does not apply exclusions (--exclude, --history): check this draw with `spotcheck verify`')
    registries = args.registry or [out_dir / i['path'] for i in manifest['inputs']]
    divisions = args.divisions or (out_dir / manifest['divisions']['path'] if manifest['divisions'].get('path')
                                   else REPO / 'fixtures' / 'divisions' / 'yunnan-counties.csv')
    for path, recorded in zip(registries, manifest['inputs']):
        if hashlib.sha256(read_bytes(path)).hexdigest() != recorded['sha256']:
            print(f"note: {path} is not byte for byte the registry the manifest records ({recorded['name']})")
    frame = build_frame(registries, load_divisions(divisions), p.get('columns') or {}, p.get('encoding', 'auto'))
    context, sizes, expected = expected_tables(p, frame)
    differences = compare(manifest, out_dir, context, sizes, expected)
    if differences:
        print(f'FAILED: {len(differences)} difference(s) between the recomputed draw and {out_dir}')
        print('\n'.join('  ' + difference for difference in differences[:100]))
        sys.exit(1)
    print(f"OK: {len(expected['counties.csv'])} counties, {len(expected['villages.csv'])} villages, "
          f"{len(expected['households.csv'])} households reproduced")


if __name__ == '__main__':
    main()

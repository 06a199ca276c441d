/**
 * The registry in two passes, in memory that grows with the villages, not with the registry:
 *
 * 1. `scanRegistry` (scanPass1.ts) counts every record into groups that share their location and
 *    attributes (county … village, 是否贫困村, status, 户类型, 户主 or not) and resolves each group once
 *    (TallyBuilder): the frame of villages with their households counted by status. Records arrive
 *    as byte ranges (src/io/fastcsv.ts); a field is decoded only the first time its bytes are seen,
 *    and a record is compared with the previous one before anything is looked up (scanBytes.ts).
 * 2. `readVillageHouseholds` (scanPass2.ts) reads the records of the villages a draw selects, and
 *    only those, into the exact FrameBuilder: their households (grouped, checked) and their registry
 *    rows.
 *
 * Pass 1 also checks every household and person of the whole registry (a 户主 row missing or
 * doubled, a 户编号 repeated or in two villages, a 人编号 seen twice) in compact hash tables
 * (src/io/householdChecks.ts), before anything is drawn: a registry draws under every seed or none.
 * Pass 1 records each file's byte count and SHA-256. Pass 2 reads every file whole once more and
 * hashes every byte it reads: where pass 1 kept each location's runs of records, only the byte
 * ranges of the drawn villages go through the CSV scanner, else every record does and those of
 * other villages are skipped. A file whose SHA-256 (or, on the runs path, byte count) differs from
 * pass 1's, or whose runs end early, is refused (io.scan.changedDuringDraw). Size and modification
 * time are not compared: the bytes are.
 */
export { scanRegistry, type ScannedRegistry, type ScanOptions } from './scanPass1.js';
export { readVillageHouseholds, registryCells, type VillageHouseholds } from './scanPass2.js';

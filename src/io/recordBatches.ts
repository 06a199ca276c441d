/**
 * Batches of scanned records in memory shared between two threads (SharedArrayBuffer). The scan
 * pipeline's worker (src/io/pipelineWorker.ts) reads each chunk of the file into a batch's chunk
 * buffer and scans it there; the records the FastCsvScanner finds are written into the batch as
 * numbers — each field's start and end, and per record its field count, line, first line and file
 * offset — their bytes left where they are in the chunk. Only a record the scanner hands over from
 * elsewhere (one cut by the chunk's end and joined, one unescaped into scratch, one after the batch
 * filled up) is copied, into the batch's overflow bytes. The main thread (src/io/pipelineScan.ts)
 * hands the records to the sink and gives the batch back. A fixed number of batches is in flight:
 * the worker waits (Atomics.wait) for a batch to be given back before it reads into it again, so
 * memory stays bounded however far the scan runs ahead of the sink; the main thread waits for the
 * next batch with Atomics.waitAsync (no message per batch). Once a file, the header goes over in a
 * batch of its own and the worker waits for the main thread's sink's answer, the columns it reads,
 * so that its scanner unescapes `""` in those only, as on one thread.
 */
import { CHUNK_BYTES } from './chunks.js';
import { type RecordSink, Unsure } from './fastcsv.js';

/** How many batches are in flight (the worker may read this many chunks ahead of the sink). */
const BATCHES = 4;

/** A batch's overflow bytes: more than the longest record the scanner emits (its remainder limit plus a chunk). */
const OVERFLOW_BYTES = 4 << 20;

/** A batch's field starts and ends (two numbers a field); shared memory is only committed where written. */
const BATCH_FIELDS = 1 << 20;

/** A batch's records. */
const BATCH_RECORDS = 1 << 16;

/** The numbers kept per record: field count (negated when its bytes are in the overflow), line, first line, file offset. */
const RECORD_NUMBERS = 4;

/** Per batch in `control`: its state (FULL or FREE), its record count, whether its first record is the header. */
const CONTROL = 3;
const FREE = 0;
const FULL = 1;

/** The control slot after the batches': set to 1 when the main thread stops the worker. */
const STOP = CONTROL * BATCHES;

/**
 * The slots after it: the main thread's answer to the header (ANSWER_PENDING until its sink has
 * seen it; ANSWER_ALL: every column; ANSWER_LISTED: the ANSWER_COUNT columns in `declared`).
 */
const ANSWER = STOP + 1;
const ANSWER_COUNT = STOP + 2;
const ANSWER_PENDING = 0;
const ANSWER_ALL = 1;
const ANSWER_LISTED = 2;

/** The most columns a sink's answer lists (more: every column is unescaped, which is never wrong). */
const MAX_DECLARED = 1 << 14;

/** The shared memory of the batches, as handed to the worker in its workerData. */
export interface BatchMemory {
  readonly chunks: readonly SharedArrayBuffer[];
  readonly overflow: readonly SharedArrayBuffer[];
  readonly fields: readonly SharedArrayBuffer[];
  readonly records: readonly SharedArrayBuffer[];
  /** Int32: CONTROL numbers per batch, then the stop flag and the header's answer (ANSWER, ANSWER_COUNT). */
  readonly control: SharedArrayBuffer;
  /** Int32: the columns the main thread's sink declared (RecordSink.header's answer). */
  readonly declared: SharedArrayBuffer;
  /** Float64 per batch: the bytes read and records scanned when it was full (progress; -1: none). */
  readonly progress: SharedArrayBuffer;
}

export function allocateBatches(): BatchMemory {
  const each = (bytes: number) => Array.from({ length: BATCHES }, () => new SharedArrayBuffer(bytes));
  return {
    chunks: each(CHUNK_BYTES),
    overflow: each(OVERFLOW_BYTES),
    fields: each(4 * BATCH_FIELDS),
    records: each(8 * RECORD_NUMBERS * BATCH_RECORDS),
    control: new SharedArrayBuffer(4 * (ANSWER_COUNT + 1)),
    declared: new SharedArrayBuffer(4 * MAX_DECLARED),
    progress: new SharedArrayBuffer(8 * 2 * BATCHES),
  };
}

/** Atomics.waitAsync (ES2024; in Node since 16), not in the ES2022 library this project compiles against. */
interface AtomicsWaitAsync {
  waitAsync(
    array: Int32Array,
    index: number,
    value: number,
    timeout: number,
  ): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** Thrown on the worker when the main thread has stopped the pipeline. */
export class Stopped extends Error {}

/** The views of the shared memory both sides use. */
class BatchViews {
  protected readonly chunks: Buffer[];
  protected readonly overflow: Buffer[];
  protected readonly fields: Int32Array[];
  protected readonly records: Float64Array[];
  protected readonly control: Int32Array;
  protected readonly declared: Int32Array;
  protected readonly progress: Float64Array;

  constructor(memory: BatchMemory) {
    this.chunks = memory.chunks.map((shared) => Buffer.from(shared));
    this.overflow = memory.overflow.map((shared) => Buffer.from(shared));
    this.fields = memory.fields.map((shared) => new Int32Array(shared));
    this.records = memory.records.map((shared) => new Float64Array(shared));
    this.control = new Int32Array(memory.control);
    this.declared = new Int32Array(memory.declared);
    this.progress = new Float64Array(memory.progress);
  }
}

/**
 * The worker's side: a RecordSink that writes each record into the batch in hand. `chunk()` gives
 * the buffer to read the next chunk into (that chunk's batch); `send()` gives the batch to the main
 * thread.
 */
export class BatchWriter extends BatchViews implements RecordSink {
  /** The batch in hand, and the batch whose chunk buffer holds the chunk being scanned (-1: none). */
  private batch = 0;
  private chunkBatch = -1;
  private count = 0;
  private overflowPosition = 0;
  private fieldPosition = 0;
  private headerFirst = 0;

  /** Whether the main thread has stopped the pipeline. */
  get stopped(): boolean {
    return Atomics.load(this.control, STOP) === 1;
  }

  /** The buffer to read the next chunk into: the next batch's, once the main thread has given it back. */
  chunk(): Buffer {
    this.waitForBatch();
    this.chunkBatch = this.batch;
    return this.chunks[this.batch]!;
  }

  /**
   * The header goes to the main thread at once, in a batch of its own, and the scan waits for the
   * main thread's sink to answer with the columns it reads (once a file): the scanner then
   * unescapes `""` in those only, as on one thread.
   */
  header(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    count: number,
    line: number,
  ): readonly number[] | undefined {
    this.record(bytes, starts, ends, count, line, -1, line);
    this.headerFirst = 1;
    this.send();
    for (;;) {
      const answer = Atomics.load(this.control, ANSWER);
      if (answer === ANSWER_ALL) return undefined;
      if (answer === ANSWER_LISTED) return Array.from(this.declared.subarray(0, this.control[ANSWER_COUNT]!));
      if (this.stopped) throw new Stopped();
      Atomics.wait(this.control, ANSWER, ANSWER_PENDING, 1000);
    }
  }

  /**
   * Gives the batch in hand to the main thread, with the progress so far (-1: none), and takes the
   * next. A batch with no records is sent too when it holds a chunk or progress, so that the
   * progress is reported and the batches stay in order.
   */
  send(bytesRead = -1, scanned = -1): void {
    if (this.count === 0 && bytesRead < 0 && this.chunkBatch !== this.batch) return;
    if (this.chunkBatch !== this.batch) this.waitForBatch();
    const batch = this.batch;
    const control = CONTROL * batch;
    this.control[control + 1] = this.count;
    this.control[control + 2] = this.headerFirst;
    this.progress[2 * batch] = bytesRead;
    this.progress[2 * batch + 1] = scanned;
    Atomics.store(this.control, control, FULL);
    Atomics.notify(this.control, control);
    this.batch = (batch + 1) % BATCHES;
    this.chunkBatch = -1;
    this.count = 0;
    this.overflowPosition = 0;
    this.fieldPosition = 0;
    this.headerFirst = 0;
  }

  /**
   * Writes a record (the header too) into the batch in hand: its fields where they are when they are
   * in that batch's chunk, else its bytes (from its first field's start to its last field's end)
   * copied into the batch's overflow.
   */
  record(
    source: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    count: number,
    line: number,
    offset: number,
    firstLine: number,
  ): void {
    const from = count > 0 ? starts[0]! : 0;
    const length = count > 0 ? ends[count - 1]! - from : 0;
    // A record larger than a batch's overflow or fields (never one of a registry): csv-parse reads the file.
    if (length > OVERFLOW_BYTES || 2 * count > BATCH_FIELDS) throw new Unsure('a record larger than a batch');
    if (this.count === BATCH_RECORDS || this.fieldPosition + 2 * count > BATCH_FIELDS) this.send();
    let inChunk = this.chunkBatch === this.batch && source.buffer === this.chunks[this.batch]!.buffer;
    if (!inChunk && this.overflowPosition + length > OVERFLOW_BYTES) {
      this.send();
      inChunk = false;
    }
    if (this.count === 0 && this.chunkBatch !== this.batch) this.waitForBatch();
    const batch = this.batch;
    let shift: number;
    if (inChunk) shift = source.byteOffset;
    else {
      const at = this.overflowPosition;
      this.overflow[batch]!.set(source.subarray(from, from + length), at);
      this.overflowPosition = at + length;
      shift = at - from;
    }
    const fields = this.fields[batch]!;
    const field = this.fieldPosition;
    for (let index = 0; index < count; index++) {
      fields[field + index] = starts[index]! + shift;
      fields[field + count + index] = ends[index]! + shift;
    }
    this.fieldPosition = field + 2 * count;
    const numbers = this.records[batch]!;
    const record = RECORD_NUMBERS * this.count;
    numbers[record] = inChunk ? count : -count - 1;
    numbers[record + 1] = line;
    numbers[record + 2] = firstLine;
    numbers[record + 3] = offset;
    this.count++;
  }

  /** Waits until the main thread has given the batch in hand back (or stopped the pipeline). */
  private waitForBatch(): void {
    const control = CONTROL * this.batch;
    while (Atomics.load(this.control, control) === FULL) {
      if (this.stopped) throw new Stopped();
      Atomics.wait(this.control, control, FULL, 1000);
    }
    if (this.stopped) throw new Stopped();
  }
}

/** The main thread's side: hands the records of each full batch, in order, to the sink, then gives the batch back. */
export class BatchReader extends BatchViews {
  private batch = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);

  /** Whether the next batch is full (ready for the sink). */
  get ready(): boolean {
    return Atomics.load(this.control, CONTROL * this.batch) === FULL;
  }

  /** Resolves when the next batch may be full (spuriously, at the latest after `timeout` ms). */
  async wait(timeout: number): Promise<void> {
    const waiting = (Atomics as unknown as AtomicsWaitAsync).waitAsync(
      this.control,
      CONTROL * this.batch,
      FREE,
      timeout,
    );
    if (waiting.async) await waiting.value;
  }

  /**
   * Hands the next batch's records to the sink in order and gives the batch back (even if the sink
   * throws); returns its progress, [bytes read, records scanned] (-1 each: none).
   */
  read(sink: RecordSink): [number, number] {
    const batch = this.batch;
    const control = CONTROL * batch;
    const count = this.control[control + 1]!;
    const headerFirst = this.control[control + 2] === 1;
    const chunk = this.chunks[batch]!;
    const overflow = this.overflow[batch]!;
    const fields = this.fields[batch]!;
    const numbers = this.records[batch]!;
    // Read before the batch is given back: the worker writes the next chunk's progress there.
    const progress: [number, number] = [this.progress[2 * batch]!, this.progress[2 * batch + 1]!];
    try {
      let field = 0;
      for (let record = 0; record < count; record++) {
        const at = RECORD_NUMBERS * record;
        const signed = numbers[at]!;
        const fieldCount = signed < 0 ? -signed - 1 : signed;
        if (fieldCount > this.starts.length) {
          this.starts = new Int32Array(2 * fieldCount);
          this.ends = new Int32Array(2 * fieldCount);
        }
        const starts = this.starts;
        const ends = this.ends;
        for (let index = 0; index < fieldCount; index++) {
          starts[index] = fields[field + index]!;
          ends[index] = fields[field + fieldCount + index]!;
        }
        field += 2 * fieldCount;
        const bytes = signed < 0 ? overflow : chunk;
        if (record === 0 && headerFirst) this.answer(sink.header(bytes, starts, ends, fieldCount, numbers[at + 1]!));
        else sink.record(bytes, starts, ends, fieldCount, numbers[at + 1]!, numbers[at + 3]!, numbers[at + 2]!);
      }
    } finally {
      this.batch = (batch + 1) % BATCHES;
      Atomics.store(this.control, control, FREE);
      Atomics.notify(this.control, control);
    }
    return progress;
  }

  /** Before the worker is given a file: its header not answered yet. */
  beginFile(): void {
    Atomics.store(this.control, ANSWER, ANSWER_PENDING);
  }

  /** Tells the worker's scanner the columns the sink declared for the header (undefined: every one). */
  private answer(declared: readonly number[] | undefined): void {
    if (declared === undefined || declared.length > MAX_DECLARED) Atomics.store(this.control, ANSWER, ANSWER_ALL);
    else {
      this.declared.set(declared);
      this.control[ANSWER_COUNT] = declared.length;
      Atomics.store(this.control, ANSWER, ANSWER_LISTED);
    }
    Atomics.notify(this.control, ANSWER);
  }

  /** Stops the worker: it throws Stopped at its next wait for a batch or for the header's answer. */
  stop(): void {
    Atomics.store(this.control, STOP, 1);
    for (let batch = 0; batch < BATCHES; batch++) Atomics.notify(this.control, CONTROL * batch);
    Atomics.notify(this.control, ANSWER);
  }
}

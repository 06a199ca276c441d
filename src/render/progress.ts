/**
 * A progress bar on stderr for long reads (bytes read, rows, rate, ETA), shown only when stderr is a
 * terminal and not --quiet; cli-progress draws it. Nothing is written otherwise, and cli-progress
 * (with the modules it requires) is loaded only for a bar that shows (start-up, issue 16).
 */
import { cliProgress } from '../io/packages.js';

interface Progress {
  /** Bytes read of the current file and records seen in it. */
  update(file: string, bytes: number, records: number): void;
  stop(): void;
}

const NONE: Progress = { update() {}, stop() {} };

/** A progress bar over files of `totalBytes`, or a silent one where it should not show. */
export function progressBar(totalBytes: number, quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet || stream.isTTY !== true || totalBytes < 8 << 20) return NONE;
  const { SingleBar } = cliProgress();
  const bar = new SingleBar({
    stream,
    format:
      'reading {file} [{bar}] {percentage}% · {mb}/{totalMb} MB · {rows} rows · {rate} MB/s · ETA {eta_formatted}',
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 20,
    fps: 5,
  });
  const started = Date.now();
  const done = new Map<string, number>();
  const rowsDone = new Map<string, number>();
  const sum = (values: Map<string, number>) => [...values.values()].reduce((total, value) => total + value, 0);
  bar.start(totalBytes, 0, { file: '', mb: '0', totalMb: (totalBytes / 1e6).toFixed(0), rows: '0', rate: '0' });
  return {
    update(file, bytes, records) {
      done.set(file, bytes);
      rowsDone.set(file, records);
      const read = sum(done);
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(Math.min(read, totalBytes), {
        file: file.split(/[\\/]/).pop() ?? file,
        mb: (read / 1e6).toFixed(0),
        rows: String(sum(rowsDone)),
        rate: (read / 1e6 / seconds).toFixed(0),
      });
    },
    stop() {
      bar.stop();
    },
  };
}

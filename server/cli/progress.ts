/**
 * Progress of long work on stderr: one line rewritten in place on a terminal,
 * plain timestamped lines otherwise (logs, CI), so output stays readable in both.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): { step: (label: string, detail: string) => void; done: () => void } {
  const started = performance.now();
  let drawn = false;
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  return {
    step(label, detail) {
      if (stream.isTTY) {
        stream.write(`\r\x1b[K${label}: ${detail} (${elapsed()})`);
        drawn = true;
      } else {
        stream.write(`${new Date().toISOString()} ${label}: ${detail}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

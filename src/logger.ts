/** The only way core code talks to the user: the CLI passes a logger in; tests pass a silent one. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };

/** Progress of long work; the CLI shows it (cli-progress, stderr, TTY only), core code just reports. */
export interface Progress {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}

export const noProgress: Progress = { start() {}, update() {}, stop() {} };

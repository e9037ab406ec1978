// The CLI's outside world, passed in so tests can run commands in-process.
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

export const processIo = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
};

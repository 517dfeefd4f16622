// Running `gloss` for a command and collecting its output.

import { execFile } from "node:child_process";

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not start (missing binary, bad cwd). */
  spawnError?: string;
}

export function runGloss(command: string, args: string[], cwd: string, timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code === "string") {
          resolve({ code: null, stdout, stderr, spawnError: `${error.code}: ${error.message}` });
          return;
        }
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A one-line message for a failed run: gloss's own `error: ...` line when there is one. */
export function failureMessage(what: string, result: RunResult): string {
  if (result.spawnError !== undefined) {
    return `${what} failed: ${result.spawnError}`;
  }
  const errorLine = result.stderr
    .split(/\r?\n/)
    .find((line) => line.startsWith("error:"));
  const detail = errorLine ?? result.stderr.trim().split(/\r?\n/)[0] ?? "";
  return `${what} failed (exit ${result.code ?? "killed"})${detail === "" ? "" : `: ${detail.replace(/^error:\s*/, "")}`}`;
}

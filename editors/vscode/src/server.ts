// Finding the `gloss` binary. Plain logic with its IO passed in, so it has
// unit tests without VS Code (test/server.test.ts).

import * as path from "node:path";

/**
 * Where users find install instructions, shown when no server is found: the
 * README shipped inside the extension (there is no public web page to link
 * to), which the error's "Show install steps" button opens.
 */
export const INSTALL_DOCS = "the Requirements section of the gloss extension's README";

export interface FindServerInput {
  /** The `gloss.server.path` setting; empty or unset means "search PATH". */
  configuredPath: string | undefined;
  /** The first workspace folder, for relative `gloss.server.path` values. */
  workspaceFolder: string | undefined;
  /** `process.env.PATH`. */
  envPath: string | undefined;
  /** The user's home directory, for `~/...`. */
  home: string;
  platform: NodeJS.Platform;
  /** `process.env.PATHEXT` on Windows. */
  pathExt?: string;
  /** Whether `file` exists and is an executable file. */
  isExecutable: (file: string) => boolean;
}

export type FindServerResult =
  | { ok: true; command: string; source: "setting" | "PATH" }
  | { ok: false; message: string };

/** The server binary: the setting when given, else `gloss` on PATH. */
export function findServer(input: FindServerInput): FindServerResult {
  const configured = input.configuredPath?.trim() ?? "";
  if (configured !== "") {
    const resolved = resolveConfiguredPath(configured, input);
    if (input.isExecutable(resolved)) {
      return { ok: true, command: resolved, source: "setting" };
    }
    return {
      ok: false,
      message:
        `gloss.server.path is set to "${configured}", but ${resolved} is not an executable file. ` +
        `Fix the setting, or clear it to use gloss from PATH. Install instructions: ${INSTALL_DOCS}.`,
    };
  }
  const onPath = searchPath("gloss", input);
  if (onPath !== undefined) {
    return { ok: true, command: onPath, source: "PATH" };
  }
  return {
    ok: false,
    message:
      "Cannot find the gloss language server: `gloss` is not on PATH and gloss.server.path is not set. " +
      `Install gloss (cargo install --path crates/gloss-cli) or set gloss.server.path. Install instructions: ${INSTALL_DOCS}.`,
  };
}

/** `~/x` → home, relative → against the workspace folder. */
export function resolveConfiguredPath(configured: string, input: Pick<FindServerInput, "home" | "workspaceFolder">): string {
  let value = configured;
  if (value === "~" || value.startsWith("~/") || value.startsWith("~\\")) {
    value = path.join(input.home, value.slice(1));
  }
  if (!path.isAbsolute(value) && input.workspaceFolder !== undefined) {
    value = path.join(input.workspaceFolder, value);
  }
  return path.normalize(value);
}

/** The first executable named `name` in PATH (with PATHEXT on Windows). */
export function searchPath(
  name: string,
  input: Pick<FindServerInput, "envPath" | "platform" | "pathExt" | "isExecutable">,
): string | undefined {
  const windows = input.platform === "win32";
  const separator = windows ? ";" : ":";
  const join = windows ? path.win32.join : path.posix.join;
  const extensions = windows
    ? (input.pathExt ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((ext) => ext !== "")
    : [""];
  for (const dir of (input.envPath ?? "").split(separator)) {
    if (dir === "") {
      continue;
    }
    for (const ext of extensions) {
      const candidate = join(dir, name + ext.toLowerCase());
      if (input.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

// Building the language client's options and the commands' arguments from
// the workspace. Plain logic, unit-tested without VS Code
// (test/options.test.ts).

import * as path from "node:path";

/** `[glossary] root` defaults to `glossary` (docs/config.md). */
export const DEFAULT_GLOSSARY_ROOT = "glossary";

/**
 * `[glossary] root` of a gloss.toml text, else the default. A small reader
 * for that one key: the server itself reports a malformed config.
 */
export function glossaryRootFromToml(text: string | undefined): string {
  if (text === undefined) {
    return DEFAULT_GLOSSARY_ROOT;
  }
  let section = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\uFEFF/, "").trim();
    const header = /^\[\s*([^\]]+?)\s*\]\s*(#.*)?$/.exec(line);
    if (header !== null) {
      section = header[1] ?? "";
      continue;
    }
    if (section !== "glossary") {
      continue;
    }
    const entry = /^root\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(#.*)?$/.exec(line);
    if (entry !== null) {
      const value = entry[1] !== undefined ? unescapeBasic(entry[1]) : (entry[2] ?? "");
      return value.trim() === "" ? DEFAULT_GLOSSARY_ROOT : value;
    }
  }
  return DEFAULT_GLOSSARY_ROOT;
}

function unescapeBasic(value: string): string {
  return value.replace(/\\(["\\/bfnrt])/g, (_, c: string) => {
    const map: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
    return map[c] ?? c;
  });
}

export interface DocumentFilter {
  scheme: string;
  language: string;
  /** A glob matched against the file's absolute path. */
  pattern?: string;
}

function normalizeRoot(glossaryRoot: string): string {
  const root = glossaryRoot.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  return root === "." ? "" : root;
}

/** Glob syntax has no escapes: a directory name with these cannot be a literal prefix. */
const GLOB_SPECIAL = /[*?[\]{}!]/;

function slashes(p: string): string {
  return p.replace(/\\/g, "/").replace(/\/+$/, "");
}

/** A glossary of the workspace: the folder of its gloss.toml and its root. */
export interface Glossary {
  /** The folder holding gloss.toml. */
  configDir: string;
  /** The glossary root (`[glossary] root`), absolute. */
  root: string;
}

/** The glossary of the gloss.toml in `configDir`, whose text is `tomlText`. */
export function glossaryAt(configDir: string, tomlText: string | undefined): Glossary {
  const root = normalizeRoot(glossaryRootFromToml(tomlText));
  const absolute = path.isAbsolute(root) || /^[A-Za-z]:\//.test(root);
  return { configDir, root: absolute ? root : root === "" ? configDir : path.join(configDir, root) };
}

/**
 * The config folders to serve: those of every gloss.toml found in the
 * workspace, and of the nearest one at or above each workspace folder (a
 * folder opened inside a glossary). Sorted, without repeats.
 */
export function configDirs(foundConfigs: string[], aboveFolders: (string | undefined)[]): string[] {
  const dirs = new Set<string>();
  for (const config of foundConfigs) {
    dirs.add(path.dirname(config));
  }
  for (const config of aboveFolders) {
    if (config !== undefined) {
      dirs.add(path.dirname(config));
    }
  }
  return [...dirs].sort();
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * The glossary a file belongs to: that of the nearest gloss.toml above it,
 * the rule of `gloss lint` and of the server.
 */
export function glossaryOf(file: string, glossaries: Glossary[]): Glossary | undefined {
  let best: Glossary | undefined;
  for (const glossary of glossaries) {
    if (isInside(glossary.configDir, file) && (best === undefined || glossary.configDir.length > best.configDir.length)) {
      best = glossary;
    }
  }
  return best;
}

/** Whether a file is a term file: `.yaml`/`.yml` under the root of its glossary. */
export function isTermFile(file: string, glossaries: Glossary[]): boolean {
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".yaml" && ext !== ".yml") {
    return false;
  }
  const glossary = glossaryOf(file, glossaries);
  return glossary !== undefined && isInside(glossary.root, file) && file !== glossary.root;
}

/**
 * The documents the server handles: YAML and Markdown under each glossary's
 * folder (the server answers for term files, other YAML it checks against
 * the glossary, and docs mentioning terms). A folder whose name has glob
 * syntax cannot be a literal prefix: any folder of that name.
 */
export function documentSelector(glossaries: Glossary[]): DocumentFilter[] {
  const filters: DocumentFilter[] = [];
  const bases = new Set<string>();
  for (const glossary of glossaries) {
    bases.add(slashes(glossary.configDir));
    if (!isInside(glossary.configDir, glossary.root)) {
      bases.add(slashes(glossary.root));
    }
  }
  for (const base of [...bases].sort()) {
    const last = base.split("/").pop() ?? "";
    const prefix = !GLOB_SPECIAL.test(base) ? base : last !== "" && !GLOB_SPECIAL.test(last) ? `**/${last}` : "**";
    filters.push(
      { scheme: "file", language: "yaml", pattern: `${prefix}/**/*.{yaml,yml}` },
      { scheme: "file", language: "markdown", pattern: `${prefix}/**/*` },
    );
  }
  return filters;
}

export interface ServerSpawn {
  command: string;
  args: string[];
  options: { cwd?: string };
}

/** How to start the server: `gloss lsp`, in the first workspace folder. */
export function serverSpawn(command: string, workspaceFolder: string | undefined): ServerSpawn {
  return {
    command,
    args: ["lsp"],
    options: workspaceFolder === undefined ? {} : { cwd: workspaceFolder },
  };
}

export type ChallengeTarget = { ok: true; args: string[]; cwd: string; slug: string } | { ok: false; message: string };

/**
 * `gloss challenge <slug>` for a term file: the slug is the file stem, and
 * gloss finds gloss.toml by walking up from the file's directory.
 */
export function challengeTarget(filePath: string | undefined, glossaries?: Glossary[]): ChallengeTarget {
  if (filePath === undefined) {
    return { ok: false, message: "Open a term file (glossary/<slug>.yaml) to preview its challenge." };
  }
  const ext = path.extname(filePath).toLowerCase();
  const yaml = ext === ".yaml" || ext === ".yml";
  if (!yaml || (glossaries !== undefined && !isTermFile(filePath, glossaries))) {
    return {
      ok: false,
      message: `${path.basename(filePath)} is not a term file: the challenge preview needs a YAML file under a glossary root (glossary/<slug>.yaml).`,
    };
  }
  const slug = path.basename(filePath, path.extname(filePath));
  return { ok: true, args: ["challenge", slug], cwd: path.dirname(filePath), slug };
}

/** `gloss new "<name>"`, or why the name cannot be used. */
export function newTermArgs(name: string | undefined): string[] | undefined {
  const trimmed = name?.trim() ?? "";
  return trimmed === "" ? undefined : ["new", trimmed];
}

/** The file `gloss new` created: it prints the path relative to its cwd. */
export function createdFile(stdout: string, cwd: string): string | undefined {
  const line = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== "");
  return line === undefined ? undefined : path.resolve(cwd, line);
}

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

/**
 * The documents the server handles: YAML under the glossary root of the
 * workspace folder, and Markdown anywhere (for hovers on term mentions).
 */
export function documentSelector(workspaceFolder: string | undefined, glossaryRoot: string): DocumentFilter[] {
  const root = normalizeRoot(glossaryRoot);
  const yamlGlob = "**/*.{yaml,yml}";
  const absoluteRoot = path.isAbsolute(glossaryRoot) || /^[A-Za-z]:\//.test(root);
  const folder = workspaceFolder?.replace(/\\/g, "/").replace(/\/+$/, "");
  const base = absoluteRoot ? root : folder === undefined ? undefined : root === "" ? folder : `${folder}/${root}`;
  let pattern: string;
  if (base !== undefined && !GLOB_SPECIAL.test(base)) {
    pattern = `${base}/${yamlGlob}`;
  } else {
    // Without a usable absolute prefix, any directory named like the root.
    const last = root.split("/").pop() ?? "";
    pattern = last === "" || GLOB_SPECIAL.test(last) ? yamlGlob : `**/${last}/${yamlGlob}`;
  }
  return [
    { scheme: "file", language: "yaml", pattern },
    { scheme: "file", language: "markdown" },
  ];
}

/** Files whose on-disk changes the server wants to hear about. */
export function watchedGlobs(glossaryRoot: string): string[] {
  const root = normalizeRoot(glossaryRoot);
  const terms = root === "" || path.isAbsolute(glossaryRoot) ? "**/*.{yaml,yml}" : `**/${root}/**/*.{yaml,yml}`;
  return ["**/gloss.toml", terms, "**/*.md"];
}

export interface ServerSpawn {
  command: string;
  args: string[];
  options: { cwd?: string };
}

/** How to start the server: `gloss lsp` in the workspace folder. */
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
export function challengeTarget(filePath: string | undefined): ChallengeTarget {
  if (filePath === undefined) {
    return { ok: false, message: "Open a term file (glossary/<slug>.yaml) to preview its challenge." };
  }
  const ext = path.extname(filePath).toLowerCase();
  if (ext !== ".yaml" && ext !== ".yml") {
    return {
      ok: false,
      message: `${path.basename(filePath)} is not a term file: the challenge preview needs glossary/<slug>.yaml.`,
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

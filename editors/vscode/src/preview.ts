// `gloss preview` from the editor: which glossary serves a term file, the
// URL the server prints, and the URL of a term's page. Plain logic with no
// VS Code API, unit-tested in test/preview.test.ts; extension.ts starts one
// `gloss preview` per glossary and opens pages beside the editor.

import * as path from "node:path";
import { type Glossary, glossaryOf, isTermFile } from "./options";

/** The first line `gloss preview` prints: its URL on 127.0.0.1. */
const SERVER_URL = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/\S*$/;

export type PreviewTarget =
  | { ok: true; configDir: string; slug: string }
  | { ok: false; message: string };

/** The glossary whose server shows the page of `filePath`, and its slug. */
export function previewTarget(filePath: string | undefined, glossaries: Glossary[]): PreviewTarget {
  if (filePath === undefined) {
    return { ok: false, message: "Open a term file (glossary/<slug>.yaml) to preview its page." };
  }
  const glossary = glossaryOf(filePath, glossaries);
  if (glossary === undefined || !isTermFile(filePath, glossaries)) {
    return {
      ok: false,
      message: `${path.basename(filePath)} is not a term file: the page preview needs a YAML file under a glossary root (glossary/<slug>.yaml).`,
    };
  }
  return { ok: true, configDir: glossary.configDir, slug: path.basename(filePath, path.extname(filePath)) };
}

/** The server's root URL from what `gloss preview` printed so far, once its first line is complete. */
export function serverUrl(stdout: string): string | undefined {
  const newline = stdout.indexOf("\n");
  if (newline < 0) {
    return undefined;
  }
  const first = stdout.slice(0, newline).trim();
  const match = SERVER_URL.exec(first);
  if (match === null) {
    return undefined;
  }
  return `http://127.0.0.1:${match[1] ?? ""}/`;
}

/** The page of `slug` on the server at `base` (`http://127.0.0.1:PORT/`). */
export function termPageUrl(base: string, slug: string): string {
  const root = base.endsWith("/") ? base : `${base}/`;
  return `${root}${encodeURIComponent(slug)}/`;
}

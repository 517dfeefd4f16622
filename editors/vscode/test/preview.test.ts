import { strict as assert } from "node:assert";
import * as path from "node:path";
import { describe, it } from "node:test";
import { glossaryAt } from "../src/options";
import { previewTarget, serverUrl, termPageUrl } from "../src/preview";

const site = path.resolve("/work/site");
const glossaries = [glossaryAt(site, '[glossary]\nroot = "terms"\n')];

describe("previewTarget", () => {
  it("serves a term file from its glossary's folder, by its slug", () => {
    assert.deepEqual(previewTarget(path.join(site, "terms", "sprint.yaml"), glossaries), {
      ok: true,
      configDir: site,
      slug: "sprint",
    });
  });

  it("refuses files that are not term files", () => {
    for (const file of [undefined, path.join(site, "README.md"), path.join(site, "other", "x.yaml"), "/elsewhere/x.yaml"]) {
      const target = previewTarget(file, glossaries);
      assert.equal(target.ok, false, String(file));
    }
  });
});

describe("serverUrl", () => {
  it("reads the first line gloss preview prints", () => {
    assert.equal(serverUrl("http://127.0.0.1:43117/\n"), "http://127.0.0.1:43117/");
    assert.equal(serverUrl("http://127.0.0.1:43117/sprint/\r\nmore"), "http://127.0.0.1:43117/");
  });

  it("waits for a whole line and accepts only the loopback server", () => {
    assert.equal(serverUrl("http://127.0.0.1:431"), undefined);
    assert.equal(serverUrl("http://evil.example:80/\n"), undefined);
    assert.equal(serverUrl("error: no term\n"), undefined);
  });
});

describe("termPageUrl", () => {
  it("is the slug's directory under the server root", () => {
    assert.equal(termPageUrl("http://127.0.0.1:1/", "sprint"), "http://127.0.0.1:1/sprint/");
    assert.equal(termPageUrl("http://127.0.0.1:1", "a b"), "http://127.0.0.1:1/a%20b/");
  });
});

import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import {
  challengeTarget,
  createdFile,
  documentSelector,
  glossaryRootFromToml,
  newTermArgs,
  serverSpawn,
  watchedGlobs,
} from "../src/options";
import { failureMessage } from "../src/run";

describe("glossaryRootFromToml", () => {
  it("reads [glossary] root", () => {
    assert.equal(glossaryRootFromToml('[glossary]\nroot = "content/terms"  # here\ndocs = ["*.md"]\n'), "content/terms");
    assert.equal(glossaryRootFromToml("[glossary]\r\nroot = 'terms'\r\n"), "terms");
  });

  it("defaults to glossary without a file, a section or a key", () => {
    assert.equal(glossaryRootFromToml(undefined), "glossary");
    assert.equal(glossaryRootFromToml("[faqs]\nmin = 3\n"), "glossary");
    assert.equal(glossaryRootFromToml('[faqs]\nroot = "nope"\n[glossary]\ndocs = []\n'), "glossary");
  });

  it("ignores a root key of another section", () => {
    assert.equal(glossaryRootFromToml('[glossary]\n[other]\nroot = "x"\n'), "glossary");
  });
});

describe("documentSelector", () => {
  it("attaches to YAML under the glossary root of the workspace folder, and to Markdown", () => {
    assert.deepEqual(documentSelector("/work/project", "glossary"), [
      { scheme: "file", language: "yaml", pattern: "/work/project/glossary/**/*.{yaml,yml}" },
      { scheme: "file", language: "markdown" },
    ]);
  });

  it("handles ./ prefixes, trailing slashes, absolute roots and Windows folders", () => {
    assert.equal(documentSelector("/work/project", "./content/terms/")[0]?.pattern, "/work/project/content/terms/**/*.{yaml,yml}");
    assert.equal(documentSelector("/work/project", "/srv/terms")[0]?.pattern, "/srv/terms/**/*.{yaml,yml}");
    assert.equal(documentSelector("/work/project", ".")[0]?.pattern, "/work/project/**/*.{yaml,yml}");
    assert.equal(documentSelector("C:\\Users\\ada\\site", "glossary")[0]?.pattern, "C:/Users/ada/site/glossary/**/*.{yaml,yml}");
  });

  it("falls back to a relative glob without a folder, or when the folder name has glob syntax", () => {
    assert.equal(documentSelector(undefined, "glossary")[0]?.pattern, "**/glossary/**/*.{yaml,yml}");
    assert.equal(documentSelector("/work/[draft] site", "content/terms")[0]?.pattern, "**/terms/**/*.{yaml,yml}");
  });
});

describe("serverSpawn", () => {
  it("runs `gloss lsp` in the workspace folder", () => {
    assert.deepEqual(serverSpawn("/usr/bin/gloss", "/work/project"), {
      command: "/usr/bin/gloss",
      args: ["lsp"],
      options: { cwd: "/work/project" },
    });
    assert.deepEqual(serverSpawn("gloss", undefined).options, {});
  });
});

describe("watchedGlobs", () => {
  it("watches the config, the term files and Markdown docs", () => {
    assert.deepEqual(watchedGlobs("glossary"), ["**/gloss.toml", "**/glossary/**/*.{yaml,yml}", "**/*.md"]);
  });
});

describe("challengeTarget", () => {
  it("previews the term named by the file stem, from the file's directory", () => {
    assert.deepEqual(challengeTarget("/work/project/glossary/product-operations-manager.yaml"), {
      ok: true,
      args: ["challenge", "product-operations-manager"],
      cwd: "/work/project/glossary",
      slug: "product-operations-manager",
    });
  });

  it("refuses files that are not term files, saying why", () => {
    const notYaml = challengeTarget("/work/project/README.md");
    assert.ok(!notYaml.ok && notYaml.message.includes("README.md"));
    assert.equal(challengeTarget(undefined).ok, false);
  });
});

describe("gloss new", () => {
  it("passes the trimmed name as one argument", () => {
    assert.deepEqual(newTermArgs("  Net Revenue Retention "), ["new", "Net Revenue Retention"]);
    assert.equal(newTermArgs("   "), undefined);
    assert.equal(newTermArgs(undefined), undefined);
  });

  it("opens the path gloss printed, relative to where it ran", () => {
    assert.equal(createdFile("glossary/net-revenue-retention.yaml\n", "/work/project"), "/work/project/glossary/net-revenue-retention.yaml");
    assert.equal(createdFile("", "/work/project"), undefined);
  });

  it("shows gloss's own error line when it refuses", () => {
    const message = failureMessage("gloss new", {
      code: 2,
      stdout: "",
      stderr: "error: `glossary/net-revenue-retention.yaml` already exists: edit it, or choose another term name\n",
    });
    assert.equal(
      message,
      "gloss new failed (exit 2): `glossary/net-revenue-retention.yaml` already exists: edit it, or choose another term name",
    );
  });
});

import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import {
  challengeTarget,
  createdFile,
  configDirs,
  documentSelector,
  glossaryAt,
  glossaryOf,
  glossaryRootFromToml,
  isTermFile,
  newTermArgs,
  serverSpawn,
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

describe("glossaries", () => {
  const site = glossaryAt("/work/repo/docs-site", '[glossary]\nroot = "content/terms"\n');
  const top = glossaryAt("/work/repo", undefined);

  it("reads each glossary's root relative to its gloss.toml", () => {
    assert.deepEqual(site, { configDir: "/work/repo/docs-site", root: "/work/repo/docs-site/content/terms" });
    assert.deepEqual(glossaryAt("/w", '[glossary]\nroot = "./"\n'), { configDir: "/w", root: "/w" });
    assert.deepEqual(glossaryAt("/w", '[glossary]\nroot = "/srv/terms"\n').root, "/srv/terms");
  });

  it("serves every gloss.toml found and the one above each workspace folder, once each", () => {
    assert.deepEqual(
      configDirs(["/work/repo/docs-site/gloss.toml", "/work/b/gloss.toml"], ["/work/repo/docs-site/gloss.toml", undefined, "/home/ada/site/gloss.toml"]),
      ["/home/ada/site", "/work/b", "/work/repo/docs-site"],
    );
  });

  it("puts a file in the glossary of the nearest gloss.toml above it", () => {
    const all = [top, site];
    assert.equal(glossaryOf("/work/repo/docs-site/content/terms/a.yaml", all), site);
    assert.equal(glossaryOf("/work/repo/glossary/a.yaml", all), top);
    assert.equal(glossaryOf("/work/repository/glossary/a.yaml", all), undefined);
    assert.ok(isTermFile("/work/repo/docs-site/content/terms/sub/a.yml", all));
    assert.ok(!isTermFile("/work/repo/docs-site/glossary/a.yaml", all), "outside its own root");
    assert.ok(isTermFile("/work/repo/glossary/a.yaml", all));
    assert.ok(!isTermFile("/work/repo/glossary/a.md", all));
    assert.ok(!isTermFile("/elsewhere/glossary/a.yaml", all));
  });
});

describe("documentSelector", () => {
  it("attaches to YAML and Markdown under each glossary, nothing else", () => {
    assert.deepEqual(documentSelector([glossaryAt("/work/b", undefined), glossaryAt("/work/a", undefined)]), [
      { scheme: "file", language: "yaml", pattern: "/work/a/**/*.{yaml,yml}" },
      { scheme: "file", language: "markdown", pattern: "/work/a/**/*" },
      { scheme: "file", language: "yaml", pattern: "/work/b/**/*.{yaml,yml}" },
      { scheme: "file", language: "markdown", pattern: "/work/b/**/*" },
    ]);
    assert.deepEqual(documentSelector([]), []);
  });

  it("adds a root outside its config folder, Windows folders, and folders with glob syntax", () => {
    const outside = documentSelector([glossaryAt("/work/site", '[glossary]\nroot = "/srv/terms"\n')]);
    assert.deepEqual(
      outside.map((f) => f.pattern),
      ["/srv/terms/**/*.{yaml,yml}", "/srv/terms/**/*", "/work/site/**/*.{yaml,yml}", "/work/site/**/*"],
    );
    assert.equal(documentSelector([{ configDir: "C:\\Users\\ada\\site", root: "C:\\Users\\ada\\site\\glossary" }])[0]?.pattern, "C:/Users/ada/site/**/*.{yaml,yml}");
    assert.equal(documentSelector([glossaryAt("/work/[draft] site", undefined)])[0]?.pattern, "**/**/*.{yaml,yml}");
    assert.equal(documentSelector([glossaryAt("/work/[draft]/site", undefined)])[0]?.pattern, "**/site/**/*.{yaml,yml}");
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
    const glossaries = [glossaryAt("/work/project", undefined)];
    assert.ok(challengeTarget("/work/project/glossary/a.yaml", glossaries).ok);
    const outside = challengeTarget("/work/project/.github/ci.yaml", glossaries);
    assert.ok(!outside.ok && outside.message.includes("ci.yaml"));
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

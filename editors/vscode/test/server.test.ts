import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { INSTALL_DOCS, findServer, resolveConfiguredPath, searchPath } from "../src/server";

function input(overrides: Partial<Parameters<typeof findServer>[0]>, executables: string[]) {
  return {
    configuredPath: undefined,
    workspaceFolder: "/work/project",
    envPath: "/usr/local/bin:/usr/bin",
    home: "/home/ada",
    platform: "linux" as NodeJS.Platform,
    isExecutable: (file: string) => executables.includes(file),
    ...overrides,
  };
}

describe("findServer", () => {
  it("prefers gloss.server.path over PATH", () => {
    const found = findServer(input({ configuredPath: "/opt/gloss/bin/gloss" }, ["/opt/gloss/bin/gloss", "/usr/bin/gloss"]));
    assert.deepEqual(found, { ok: true, command: "/opt/gloss/bin/gloss", source: "setting" });
  });

  it("falls back to the first gloss on PATH", () => {
    const found = findServer(input({ configuredPath: "  " }, ["/usr/bin/gloss", "/usr/local/bin/other"]));
    assert.deepEqual(found, { ok: true, command: "/usr/bin/gloss", source: "PATH" });
  });

  it("explains a configured path that is not executable, naming it", () => {
    const found = findServer(input({ configuredPath: "~/bin/gloss" }, ["/usr/bin/gloss"]));
    assert.equal(found.ok, false);
    assert.ok(!found.ok && found.message.includes("/home/ada/bin/gloss"), JSON.stringify(found));
    // A wrong setting is not silently replaced by another binary.
    assert.ok(!found.ok && found.message.includes("gloss.server.path"));
  });

  it("links the install docs when nothing is found", () => {
    const found = findServer(input({}, []));
    assert.equal(found.ok, false);
    assert.ok(!found.ok && found.message.includes(INSTALL_DOCS));
    assert.ok(!found.ok && found.message.includes("not on PATH"));
  });

  it("copes with an unset PATH", () => {
    assert.equal(findServer(input({ envPath: undefined }, [])).ok, false);
  });
});

describe("resolveConfiguredPath", () => {
  it("expands ~ and resolves relative paths against the workspace folder", () => {
    const ctx = { home: "/home/ada", workspaceFolder: "/work/project" };
    assert.equal(resolveConfiguredPath("~/.cargo/bin/gloss", ctx), "/home/ada/.cargo/bin/gloss");
    assert.equal(resolveConfiguredPath("target/release/gloss", ctx), "/work/project/target/release/gloss");
    assert.equal(resolveConfiguredPath("./target/../bin/gloss", ctx), "/work/project/bin/gloss");
    assert.equal(resolveConfiguredPath("/usr/bin/gloss", ctx), "/usr/bin/gloss");
  });
});

describe("searchPath", () => {
  it("tries PATHEXT on Windows", () => {
    const found = searchPath("gloss", {
      envPath: "C:\\tools;C:\\Users\\ada\\.cargo\\bin",
      platform: "win32",
      pathExt: ".COM;.EXE",
      isExecutable: (file) => file === "C:\\Users\\ada\\.cargo\\bin\\gloss.exe",
    });
    assert.equal(found, "C:\\Users\\ada\\.cargo\\bin\\gloss.exe");
  });

  it("skips empty PATH entries", () => {
    const seen: string[] = [];
    searchPath("gloss", {
      envPath: ":/usr/bin:",
      platform: "linux",
      isExecutable: (file) => {
        seen.push(file);
        return false;
      },
    });
    assert.deepEqual(seen, ["/usr/bin/gloss"]);
  });
});

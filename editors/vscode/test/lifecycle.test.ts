import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ClientManager, Serial, type Session } from "../src/lifecycle";

/** A client whose start and stop take a tick, recording what happened. */
class FakeClient {
  static running = 0;
  static maxRunning = 0;
  constructor(
    readonly id: number,
    readonly events: string[],
  ) {}
  async start(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    FakeClient.running += 1;
    FakeClient.maxRunning = Math.max(FakeClient.maxRunning, FakeClient.running);
    this.events.push(`start ${this.id}`);
  }
  async stop(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    FakeClient.running -= 1;
    this.events.push(`stop ${this.id}`);
  }
}

function manager(events: string[], disposed: string[]) {
  let next = 0;
  return new ClientManager<FakeClient>(
    (): Session<FakeClient> => {
      next += 1;
      const id = next;
      return { client: new FakeClient(id, events), disposables: [{ dispose: () => disposed.push(`watcher ${id}`) }] };
    },
    () => {},
  );
}

describe("Serial", () => {
  it("queues every request made during a run into one more run", async () => {
    let runs = 0;
    let active = 0;
    const serial = new Serial(async () => {
      active += 1;
      assert.equal(active, 1, "two runs overlapped");
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
    });
    await Promise.all([serial.request(), serial.request(), serial.request(), serial.request()]);
    assert.equal(runs, 2);
    await serial.request();
    assert.equal(runs, 3);
  });
});

describe("ClientManager", () => {
  it("never runs two servers: concurrent restarts stop the old client before the next starts", async () => {
    FakeClient.running = 0;
    FakeClient.maxRunning = 0;
    const events: string[] = [];
    const disposed: string[] = [];
    const clients = manager(events, disposed);
    await clients.restart();
    await Promise.all([clients.restart(), clients.restart(), clients.restart()]);
    assert.equal(FakeClient.maxRunning, 1);
    assert.deepEqual(events, ["start 1", "stop 1", "start 2", "stop 2", "start 3"]);
    assert.equal(clients.client?.id, 3);
  });

  it("disposes what a session set up when it stops, and everything on dispose", async () => {
    FakeClient.running = 0;
    const events: string[] = [];
    const disposed: string[] = [];
    const clients = manager(events, disposed);
    await clients.restart();
    assert.deepEqual(disposed, []);
    await clients.restart();
    assert.deepEqual(disposed, ["watcher 1"]);
    await clients.dispose();
    assert.deepEqual(disposed, ["watcher 1", "watcher 2"]);
    assert.equal(clients.client, undefined);
    assert.equal(FakeClient.running, 0);
    // A restart after deactivation starts nothing.
    await clients.restart();
    assert.equal(clients.client, undefined);
  });

  it("starts nothing when there is nothing to serve, and survives a failing stop", async () => {
    let offer = false;
    const clients = new ClientManager<FakeClient>(
      () =>
        offer
          ? {
              client: Object.assign(new FakeClient(1, []), {
                stop: () => Promise.reject(new Error("gone")),
              }),
              disposables: [],
            }
          : undefined,
      () => {},
    );
    const running = (): number | undefined => clients.client?.id;
    await clients.restart();
    assert.equal(running(), undefined);
    offer = true;
    await clients.restart();
    assert.equal(running(), 1);
    await clients.restart();
    assert.equal(running(), 1, "a new session after the failing stop");
  });
});

describe("package.json", () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));

  it("activates only in a workspace with a gloss.toml", () => {
    assert.deepEqual(manifest.activationEvents, ["workspaceContains:**/gloss.toml"]);
  });

  it("shows its commands only while a glossary is open", () => {
    const palette: { command: string; when: string }[] = manifest.contributes.menus.commandPalette;
    for (const command of manifest.contributes.commands) {
      const entry = palette.find((p) => p.command === command.command);
      assert.ok(entry?.when.includes("gloss.glossaryOpen"), `${command.command} shows everywhere`);
    }
  });

  it("is limited in untrusted workspaces, where gloss.server.path is not taken from the workspace", () => {
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ["gloss.server.path"]);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, "limited");
  });

  it("points at no placeholder URL", () => {
    assert.ok(!JSON.stringify(manifest).includes("example.invalid"));
    for (const file of ["README.md", "src/server.ts", "src/extension.ts"]) {
      const text = readFileSync(path.join(__dirname, "..", "..", file), "utf8");
      assert.ok(!text.includes("example.invalid"), `${file} has a placeholder URL`);
    }
  });
});

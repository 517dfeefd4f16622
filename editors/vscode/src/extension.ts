// The VS Code side: starts `gloss lsp` with vscode-languageclient and
// registers the commands. Decisions live in server.ts, options.ts and
// lifecycle.ts, which have unit tests; this file only wires them to the
// VS Code API.
//
// One client (one server) serves every glossary of every workspace folder:
// the server puts each document in the glossary of the nearest gloss.toml
// above it. The server registers its own file watchers (dynamic
// `workspace/didChangeWatchedFiles`), so the client sets up none; the
// extension watches gloss.toml only to know where the glossaries are.

import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { ClientManager, type Session } from "./lifecycle";
import {
  type Glossary,
  challengeTarget,
  configDirs,
  createdFile,
  documentSelector,
  glossaryAt,
  glossaryOf,
  isTermFile,
  newTermArgs,
  serverSpawn,
} from "./options";
import { previewTarget, serverUrl, termPageUrl } from "./preview";
import { failureMessage, runGloss } from "./run";
import { findServer } from "./server";

const CHALLENGE_SCHEME = "gloss-challenge";
/** The when-clause context key: a glossary is open in this window. */
const CONTEXT_KEY = "gloss.glossaryOpen";

let output: vscode.OutputChannel | undefined;
let clients: ClientManager<LanguageClient> | undefined;
let glossaries: Glossary[] = [];
let extensionUri: vscode.Uri | undefined;
const challengePreviews = new Map<string, string>();
const previewChanged = new vscode.EventEmitter<vscode.Uri>();

function firstFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** The gloss binary, or undefined after telling the user how to install it. */
function serverCommand(): string | undefined {
  const found = findServer({
    configuredPath: vscode.workspace.getConfiguration("gloss").get<string>("server.path"),
    workspaceFolder: firstFolder(),
    envPath: process.env.PATH,
    pathExt: process.env.PATHEXT,
    home: os.homedir(),
    platform: process.platform,
    isExecutable,
  });
  if (found.ok) {
    return found.command;
  }
  output?.appendLine(found.message);
  void vscode.window.showErrorMessage(found.message, "Show install steps", "Open settings").then((choice) => {
    if (choice === "Show install steps" && extensionUri !== undefined) {
      void vscode.commands.executeCommand("markdown.showPreview", vscode.Uri.joinPath(extensionUri, "README.md"));
    } else if (choice === "Open settings") {
      void vscode.commands.executeCommand("workbench.action.openSettings", "gloss.server.path");
    }
  });
  return undefined;
}

/** The nearest gloss.toml at or above `dir`. */
function configAbove(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, "gloss.toml");
    if (isFile(candidate)) {
      return candidate;
    }
    if (path.dirname(current) === current) {
      return undefined;
    }
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Every glossary of the window: each gloss.toml in a folder, and the one above each folder. */
async function findGlossaries(): Promise<Glossary[]> {
  const found = await vscode.workspace.findFiles("**/gloss.toml", "**/{node_modules,.git}/**");
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const dirs = configDirs(
    found.filter((uri) => uri.scheme === "file").map((uri) => uri.fsPath),
    folders.map(configAbove),
  );
  return dirs.map((dir) => glossaryAt(dir, readText(path.join(dir, "gloss.toml"))));
}

async function createSession(): Promise<Session<LanguageClient> | undefined> {
  glossaries = await findGlossaries();
  await vscode.commands.executeCommand("setContext", CONTEXT_KEY, glossaries.length > 0);
  if (glossaries.length === 0) {
    output?.appendLine("no gloss.toml in this window: the gloss language server is not started");
    return undefined;
  }
  const command = serverCommand();
  if (command === undefined) {
    return undefined;
  }
  const spawn = serverSpawn(command, firstFolder());
  const serverOptions: ServerOptions = { run: spawn, debug: spawn };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(glossaries),
    outputChannel: output,
    traceOutputChannel: output,
  };
  // The id `gloss` makes vscode-languageclient honour `gloss.trace.server`.
  const client = new LanguageClient("gloss", "gloss", serverOptions, clientOptions);
  output?.appendLine(
    `gloss language server: ${command} lsp for ${glossaries.map((g) => g.configDir).join(", ")}`,
  );
  return { client, disposables: [] };
}

/** The glossaries changed if their folders or roots did. */
function describe(list: Glossary[]): string {
  return JSON.stringify(list);
}

async function previewChallenge(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const target = challengeTarget(document?.uri.scheme === "file" ? document.uri.fsPath : undefined, glossaries);
  if (!target.ok) {
    void vscode.window.showWarningMessage(target.message);
    return;
  }
  const command = serverCommand();
  if (command === undefined) {
    return;
  }
  if (document?.isDirty === true) {
    // The CLI reads the file from disk.
    await document.save();
  }
  const result = await runGloss(command, target.args, target.cwd);
  // Exit 1 means the challenge has findings: the preview still says which.
  if (result.code !== 0 && result.code !== 1) {
    void vscode.window.showErrorMessage(failureMessage(`gloss challenge ${target.slug}`, result));
    return;
  }
  const uri = vscode.Uri.from({ scheme: CHALLENGE_SCHEME, path: `/${target.slug} challenge` });
  challengePreviews.set(uri.toString(), result.stdout);
  previewChanged.fire(uri);
  const preview = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(preview, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

/** A `gloss preview` this window started, per glossary folder. */
interface PreviewServer {
  child: ChildProcess;
  url: Promise<string>;
}
const previewServers = new Map<string, PreviewServer>();

/** The root URL of the glossary's `gloss preview`, started on first use. */
function previewServer(command: string, configDir: string): Promise<string> {
  const running = previewServers.get(configDir);
  if (running !== undefined && running.child.exitCode === null) {
    return running.url;
  }
  // Port 0: the server picks a free port and prints its URL first.
  const child = spawn(command, ["preview"], { cwd: configDir, env: { ...process.env, NO_COLOR: "1" } });
  const url = new Promise<string>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const found = serverUrl(stdout);
      if (found !== undefined) {
        resolve(found);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      output?.append(chunk.toString("utf8"));
    });
    child.on("error", (err) => reject(new Error(`gloss preview failed: ${err.message}`)));
    child.on("exit", (code) => {
      previewServers.delete(configDir);
      reject(new Error(failureMessage("gloss preview", { code, stdout, stderr })));
    });
  });
  previewServers.set(configDir, { child, url });
  return url;
}

/** `gloss: Preview Term Page` and the "Preview page" lens: the term's page beside the editor. */
async function previewPage(target?: vscode.Uri): Promise<void> {
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  const page = previewTarget(uri?.scheme === "file" ? uri.fsPath : undefined, glossaries);
  if (!page.ok) {
    void vscode.window.showWarningMessage(page.message);
    return;
  }
  const command = serverCommand();
  if (command === undefined) {
    return;
  }
  let base: string;
  try {
    base = await previewServer(command, page.configDir);
  } catch (err) {
    void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    return;
  }
  const url = termPageUrl(base, page.slug);
  output?.appendLine(`gloss preview: ${url}`);
  try {
    await vscode.commands.executeCommand("simpleBrowser.show", url, {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
    });
  } catch {
    // No Simple Browser (it is a built-in extension that can be disabled).
    await vscode.env.openExternal(vscode.Uri.parse(url));
  }
}

/** A "Preview page" lens on the first line of every term file. */
const previewLenses: vscode.CodeLensProvider = {
  provideCodeLenses(document) {
    if (document.uri.scheme !== "file" || !isTermFile(document.uri.fsPath, glossaries)) {
      return [];
    }
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: "Preview page",
        command: "gloss.previewPage",
        arguments: [document.uri],
      }),
    ];
  },
};

/** The glossary `gloss new` writes into: the active file's, the only one, or the one picked. */
async function glossaryForNewTerm(): Promise<Glossary | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const own = active?.scheme === "file" ? glossaryOf(active.fsPath, glossaries) : undefined;
  if (own !== undefined) {
    return own;
  }
  if (glossaries.length <= 1) {
    return glossaries[0];
  }
  const picked = await vscode.window.showQuickPick(
    glossaries.map((g) => ({ label: g.configDir, glossary: g })),
    { title: "gloss: New Term", placeHolder: "Which glossary?" },
  );
  return picked?.glossary;
}

async function newTerm(): Promise<void> {
  const glossary = await glossaryForNewTerm();
  if (glossary === undefined) {
    void vscode.window.showWarningMessage("Open a folder with a gloss.toml first: gloss new writes into its glossary root.");
    return;
  }
  const name = await vscode.window.showInputBox({
    title: "gloss: New Term",
    prompt: "The term's display name",
    placeHolder: "Net Revenue Retention",
  });
  const args = newTermArgs(name);
  if (args === undefined) {
    return;
  }
  const command = serverCommand();
  if (command === undefined) {
    return;
  }
  const result = await runGloss(command, args, glossary.configDir);
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(failureMessage("gloss new", result));
    return;
  }
  const created = createdFile(result.stdout, glossary.configDir);
  if (created !== undefined) {
    await vscode.window.showTextDocument(vscode.Uri.file(created));
  }
}

/**
 * Term files get the term-file JSON Schema from the Red Hat YAML extension,
 * when it is installed: every `.yaml`/`.yml` under a glossary's configured
 * root, through its schema contributor API.
 */
async function registerYamlSchema(context: vscode.ExtensionContext): Promise<void> {
  const yaml = vscode.extensions.getExtension("redhat.vscode-yaml");
  if (yaml === undefined) {
    return;
  }
  try {
    const api: unknown = await yaml.activate();
    const register = (api as { registerContributor?: unknown } | undefined)?.registerContributor;
    if (typeof register !== "function") {
      return;
    }
    // The YAML extension asks the contributor whose name is the URI scheme.
    const schemaUri = "gloss://schema/term.schema.json";
    const schemaFile = vscode.Uri.joinPath(context.extensionUri, "schema", "term.schema.json").fsPath;
    register.call(
      api,
      "gloss",
      (resource: string) => {
        const uri = vscode.Uri.parse(resource);
        return uri.scheme === "file" && isTermFile(uri.fsPath, glossaries) ? schemaUri : undefined;
      },
      (uri: string) => (uri === schemaUri ? readText(schemaFile) : undefined),
    );
  } catch (err) {
    output?.appendLine(`the YAML extension did not take the term-file schema: ${String(err)}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionUri = context.extensionUri;
  output = vscode.window.createOutputChannel("gloss");
  const manager = new ClientManager<LanguageClient>(createSession, (message) => output?.appendLine(message));
  clients = manager;
  const restart = (): Promise<void> => manager.restart();
  context.subscriptions.push(output, previewChanged);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CHALLENGE_SCHEME, {
      onDidChange: previewChanged.event,
      provideTextDocumentContent: (uri) => challengePreviews.get(uri.toString()) ?? "",
    }),
    vscode.commands.registerCommand("gloss.restartServer", restart),
    vscode.commands.registerCommand("gloss.previewChallenge", previewChallenge),
    vscode.commands.registerCommand("gloss.newTerm", newTerm),
    vscode.commands.registerCommand("gloss.previewPage", previewPage),
    vscode.languages.registerCodeLensProvider({ scheme: "file", language: "yaml" }, previewLenses),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("gloss.server.path")) {
        void restart();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void restart()),
  );
  // The document selector follows the glossaries: restart when a gloss.toml
  // appears, vanishes or moves its root. (The server reloads a changed
  // config by itself.)
  const configWatcher = vscode.workspace.createFileSystemWatcher("**/gloss.toml");
  const onConfig = async (): Promise<void> => {
    if (describe(await findGlossaries()) !== describe(glossaries)) {
      await restart();
    }
  };
  context.subscriptions.push(
    configWatcher,
    configWatcher.onDidChange(() => void onConfig()),
    configWatcher.onDidCreate(() => void onConfig()),
    configWatcher.onDidDelete(() => void onConfig()),
  );
  await restart();
  void registerYamlSchema(context);
}

export function deactivate(): Promise<void> {
  for (const server of previewServers.values()) {
    server.child.kill();
  }
  previewServers.clear();
  const manager = clients;
  clients = undefined;
  return manager?.dispose() ?? Promise.resolve();
}

// The VS Code side: starts `gloss lsp` with vscode-languageclient and
// registers the commands. Decisions live in server.ts and options.ts, which
// have unit tests; this file only wires them to the VS Code API.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import {
  challengeTarget,
  createdFile,
  documentSelector,
  glossaryRootFromToml,
  newTermArgs,
  serverSpawn,
  watchedGlobs,
} from "./options";
import { failureMessage, runGloss } from "./run";
import { INSTALL_DOCS_URL, findServer } from "./server";

const CHALLENGE_SCHEME = "gloss-challenge";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let clientRoot: string | undefined;
const challengePreviews = new Map<string, string>();
const previewChanged = new vscode.EventEmitter<vscode.Uri>();

function workspaceFolder(): string | undefined {
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
    workspaceFolder: workspaceFolder(),
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
  void vscode.window.showErrorMessage(found.message, "Open install docs", "Open settings").then((choice) => {
    if (choice === "Open install docs") {
      void vscode.env.openExternal(vscode.Uri.parse(INSTALL_DOCS_URL));
    } else if (choice === "Open settings") {
      void vscode.commands.executeCommand("workbench.action.openSettings", "gloss.server.path");
    }
  });
  return undefined;
}

function readGlossaryRoot(): string {
  const folder = workspaceFolder();
  if (folder === undefined) {
    return glossaryRootFromToml(undefined);
  }
  try {
    return glossaryRootFromToml(fs.readFileSync(path.join(folder, "gloss.toml"), "utf8"));
  } catch {
    return glossaryRootFromToml(undefined);
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const command = serverCommand();
  if (command === undefined) {
    return;
  }
  const folder = workspaceFolder();
  const root = readGlossaryRoot();
  clientRoot = root;
  const spawn = serverSpawn(command, folder);
  const serverOptions: ServerOptions = {
    run: spawn,
    debug: spawn,
  };
  const watchers = watchedGlobs(root).map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  watchers.forEach((watcher) => context.subscriptions.push(watcher));
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(folder, root),
    synchronize: { fileEvents: watchers },
    outputChannel: output,
    traceOutputChannel: output,
  };
  // The id `gloss` makes vscode-languageclient honour `gloss.trace.server`.
  client = new LanguageClient("gloss", "gloss", serverOptions, clientOptions);
  try {
    await client.start();
    output?.appendLine(`gloss language server started: ${command} lsp (glossary root: ${root})`);
  } catch (err) {
    const message = `The gloss language server (${command} lsp) failed to start: ${String(err)}`;
    output?.appendLine(message);
    void vscode.window.showErrorMessage(message);
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch (err) {
      output?.appendLine(`stopping the server: ${String(err)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stopClient();
  await startClient(context);
}

async function previewChallenge(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const target = challengeTarget(document?.uri.scheme === "file" ? document.uri.fsPath : undefined);
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

async function newTerm(): Promise<void> {
  const folder = workspaceFolder();
  if (folder === undefined) {
    void vscode.window.showWarningMessage("Open the glossary's folder first: gloss new writes into its glossary root.");
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
  const result = await runGloss(command, args, folder);
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(failureMessage("gloss new", result));
    return;
  }
  const created = createdFile(result.stdout, folder);
  if (created !== undefined) {
    await vscode.window.showTextDocument(vscode.Uri.file(created));
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("gloss");
  context.subscriptions.push(output, previewChanged);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CHALLENGE_SCHEME, {
      onDidChange: previewChanged.event,
      provideTextDocumentContent: (uri) => challengePreviews.get(uri.toString()) ?? "",
    }),
    vscode.commands.registerCommand("gloss.restartServer", () => restart(context)),
    vscode.commands.registerCommand("gloss.previewChallenge", previewChallenge),
    vscode.commands.registerCommand("gloss.newTerm", newTerm),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("gloss.server.path")) {
        void restart(context);
      }
    }),
  );
  // The document selector depends on `[glossary] root`: restart when it moves.
  const configWatcher = vscode.workspace.createFileSystemWatcher("**/gloss.toml");
  const onConfig = (): void => {
    if (readGlossaryRoot() !== clientRoot) {
      void restart(context);
    }
  };
  context.subscriptions.push(
    configWatcher,
    configWatcher.onDidChange(onConfig),
    configWatcher.onDidCreate(onConfig),
    configWatcher.onDidDelete(onConfig),
  );
  await startClient(context);
}

export function deactivate(): Promise<void> {
  return stopClient();
}

// Starting, restarting and stopping the language client. Plain logic with
// the client passed in, unit-tested without VS Code (test/lifecycle.test.ts).

export interface Disposable {
  dispose(): unknown;
}

export interface ClientLike {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** One running client and what was set up for it (disposed with it). */
export interface Session<C extends ClientLike> {
  client: C;
  disposables: Disposable[];
}

/**
 * Runs `task` one at a time: a request while it runs queues exactly one
 * more run after it (however many requests arrive meanwhile), and every
 * caller's promise settles when the work it asked for is done.
 */
export class Serial {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly task: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop();
    return this.running;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.task();
      } while (this.again);
    } finally {
      this.running = undefined;
    }
  }
}

/**
 * The one language client of the window. `restart()` stops the running
 * client (disposing what was set up for it) before the next starts, so two
 * servers never run at once; restarts asked for while one is under way are
 * queued into one. `create` returns undefined when no client should run (no
 * glossary open, no binary).
 */
export class ClientManager<C extends ClientLike> {
  private current: Session<C> | undefined;
  private stopped = false;
  private readonly serial: Serial;

  constructor(
    private readonly create: () => Session<C> | undefined | Promise<Session<C> | undefined>,
    private readonly log: (message: string) => void,
  ) {
    this.serial = new Serial(() => this.cycle());
  }

  /** The running client, if any. */
  get client(): C | undefined {
    return this.current?.client;
  }

  restart(): Promise<void> {
    return this.serial.request();
  }

  /** Stop for good (deactivation): no restart starts a client after this. */
  async dispose(): Promise<void> {
    this.stopped = true;
    await this.serial.request();
  }

  private async cycle(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    if (previous !== undefined) {
      try {
        await previous.client.stop();
      } catch (err) {
        this.log(`stopping the server: ${String(err)}`);
      }
      for (const disposable of previous.disposables) {
        disposable.dispose();
      }
    }
    if (this.stopped) {
      return;
    }
    const session = await this.create();
    if (session === undefined) {
      return;
    }
    this.current = session;
    try {
      await session.client.start();
    } catch (err) {
      this.log(`starting the server: ${String(err)}`);
    }
  }
}

import { messages, parse, PGlite, protocol, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";

const { bind, close, describe, execute, sync } = protocol.serialize;

/** Statement texts kept parsed at once: the app has a few hundred shapes; the rest is a bound. */
const KEPT = 500;

interface Kept {
  name: string;
  paramTypes: number[];
}

/**
 * PGlite whose statements are parsed and planned once per text, then only bound and run.
 *
 * PGlite's own `query` sends every statement unnamed, so the server parses and plans it afresh
 * each time; in WebAssembly, planning the project list's access union took 7–18 ms and running
 * it about one. This keeps a named prepared statement per text, as postgres.js does on
 * PostgreSQL, and with the session's plan_cache_mode (see pglite.ts) it runs with the generic
 * plan the plan guard checks.
 */
export class PGliteWithStatements extends PGlite {
  readonly #kept = new Map<string, Kept>();
  #next = 0;

  override async query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    // COPY's blobs and caller-chosen parameter types stay on PGlite's own path.
    if (options?.blob || options?.paramTypes) return super.query<T>(text, params, options);
    await this._checkReady();
    return this._runExclusiveTransaction(async () => {
      const result = await this.#runKept<T>(text, params, options, true);
      await this.syncToFs();
      return result;
    });
  }

  override transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return super.transaction((tx) => {
      const own = tx.query.bind(tx);
      tx.query = <R>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<R>> => {
        if (tx.closed || options?.blob || options?.paramTypes) return own<R>(text, params, options);
        return this.#runKept<R>(text, params, options, false);
      };
      return callback(tx);
    });
  }

  async #runKept<T>(text: string, params: unknown[] = [], options: QueryOptions | undefined, mayRetry: boolean): Promise<Results<T>> {
    try {
      return await this._runExclusiveQuery(() => this.#run<T>(text, params, options));
    } catch (err) {
      // A table changed under a kept plan whose result shape it fixed: parse the text anew. Inside
      // a transaction the error has already aborted it, so only a lone statement is retried.
      if (!(err instanceof messages.DatabaseError) || err.routine !== "RevalidateCachedQuery") throw err;
      await this._runExclusiveQuery(() => this.#forget(text));
      if (!mayRetry) throw err;
      return this._runExclusiveQuery(() => this.#run<T>(text, params, options));
    }
  }

  async #run<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    const replies: messages.BackendMessage[] = [];
    try {
      const statement = await this.#prepared(text);
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = statement.paramTypes[i];
        const serializer = options?.serializers?.[type] ?? this.serializers[type];
        return serializer ? serializer(value) : String(value);
      });
      replies.push(
        ...(await this.#send(bind({ statement: statement.name, values }))),
        ...(await this.#send(describe({ type: "P" }))),
        ...(await this.#send(execute({}))),
      );
    } catch (err) {
      if (err instanceof messages.DatabaseError) Object.assign(err, { query: text, params, queryOptions: options });
      throw err;
    } finally {
      replies.push(...(await this.#send(sync())));
    }
    return parse.parseResults(replies, this.parsers, options)[0] as Results<T>;
  }

  async #prepared(text: string): Promise<Kept> {
    const found = this.#kept.get(text);
    if (found) {
      // Most recently used last, so the bound drops the statement unused the longest.
      this.#kept.delete(text);
      this.#kept.set(text, found);
      return found;
    }
    if (this.#kept.size >= KEPT) await this.#forget(this.#kept.keys().next().value!);
    const name = `kept_${this.#next++}`;
    await this.#send(protocol.serialize.parse({ name, text }));
    const paramTypes = parse.parseDescribeStatementResults(await this.#send(describe({ type: "S", name })));
    const statement = { name, paramTypes };
    this.#kept.set(text, statement);
    return statement;
  }

  async #forget(text: string): Promise<void> {
    const statement = this.#kept.get(text);
    if (!statement) return;
    this.#kept.delete(text);
    await this.#send(close({ type: "S", name: statement.name }));
    await this.#send(sync());
  }

  #send(message: Uint8Array): Promise<messages.BackendMessage[]> {
    return this.execProtocolStream(message, { syncToFs: false });
  }
}

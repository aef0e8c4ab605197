import net from "node:net";

const SSL_REQUEST = 80877103;

/**
 * A loopback TCP proxy in front of PostgreSQL that counts the statements the app's driver
 * sends: every Execute ('E', extended protocol) and Query ('Q', simple protocol) message.
 */
export async function statementCounter(target: URL) {
  let statements = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let startup = true; // the startup message (and an SSL request) has no type byte
    client.on("data", (chunk) => {
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (startup) {
          if (pending.length < 8 || pending.length < pending.readInt32BE(0)) break;
          if (pending.readInt32BE(4) !== SSL_REQUEST) startup = false;
          pending = pending.subarray(pending.readInt32BE(0));
          continue;
        }
        if (pending.length < 5 || pending.length < 1 + pending.readInt32BE(1)) break;
        if (pending[0] === 0x45 || pending[0] === 0x51) statements++;
        pending = pending.subarray(1 + pending.readInt32BE(1));
      }
    });
    upstream.on("data", (chunk) => client.write(chunk));
    for (const [a, b] of [[client, upstream], [upstream, client]]) {
      a.on("close", () => b.destroy());
      a.on("error", () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    count: () => statements,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// A JSON HTTP server on 127.0.0.1 for fakes of outside services (Slack's Web API, Teams' connector):
// subclasses answer each request with a status, headers and a JSON body.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export abstract class LoopbackJsonServer {
  private readonly server: Server;
  url = '';

  constructor() {
    this.server = createServer((req, res) => void this.respond(req).then(([status, body, headers]) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    }));
  }

  protected abstract respond(req: IncomingMessage): Promise<[number, unknown, Record<string, string>?]>;

  /** Listens on 127.0.0.1, on `port` when given (a server that comes back where it was), else any free port. */
  async start(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

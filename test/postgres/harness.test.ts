// The PostgreSQL test harness itself: a real server answers, and nothing is left once it is closed.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describePg, openTestDatabase, startCluster } from '../support/postgres.js';

describePg('PostgreSQL test harness', () => {
  it('gives each suite its own database on a real server, and drops it after', async () => {
    const db = await openTestDatabase();
    let name: string;
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ db: string; version: string }>('SELECT current_database() AS db, version() AS version');
      await client.end();
      name = rows[0]!.db;
      expect(rows[0]!.version).toMatch(/^PostgreSQL \d+/);
      expect(new URL(db.url).pathname).toBe(`/${name}`);
    } finally {
      await db.close();
    }
  });

  if (!process.env.DATABASE_URL) {
    it('stops a throwaway cluster and removes its folder', async () => {
      const cluster = await startCluster();
      const port = Number(new URL(cluster.adminUrl).port);
      let dir: string;
      try {
        const client = new pg.Client({ connectionString: cluster.adminUrl });
        await client.connect();
        const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
        await client.end();
        dir = rows[0]!.data_directory;
        expect(existsSync(dir)).toBe(true);
      } finally {
        cluster.stop();
      }
      expect(existsSync(dir)).toBe(false);
      const again = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
      await expect(again.connect()).rejects.toThrow(/ECONNREFUSED/);
    });
  }
});

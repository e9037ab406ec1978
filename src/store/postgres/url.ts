// A PostgreSQL URL as it may be shown: its password is never printed nor logged.

/**
 * The URL with its password replaced by `***` (user, host, port, database and parameters kept), for logs
 * and messages. A value that does not parse as a URL is shown as `(not a URL)`, since it could be anything,
 * a password included.
 */
export function redactDatabaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '(not a URL)';
  }
  if (url.password) url.password = '***';
  for (const key of [...url.searchParams.keys()]) if (/pass|secret|key/i.test(key)) url.searchParams.set(key, '***');
  return url.toString();
}

/** Why a DATABASE_URL cannot be used, or null: it must be a postgres:// (or postgresql://) URL naming a host. */
export function databaseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a PostgreSQL URL such as postgres://coach:PASSWORD@db.example.org:5432/coach';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return 'must start with postgres:// (or postgresql://), such as postgres://coach:PASSWORD@db.example.org:5432/coach';
  if (!url.hostname && !url.searchParams.get('host')) return 'must name the database host, such as postgres://coach:PASSWORD@db.example.org:5432/coach';
  return null;
}

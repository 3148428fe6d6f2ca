/**
 * The server's schema, one migration per change, applied in order at start. Never edit a
 * migration that has shipped: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, records, sync bookkeeping',
    sql: `
      CREATE TABLE server_meta (key text PRIMARY KEY, value text NOT NULL);

      CREATE TABLE teams (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- One row per team, updated under its row lock inside every push: writers of a team are
      -- serialised at that point, so version order is commit order and a pull cannot skip a row.
      CREATE TABLE team_counters (team_id uuid PRIMARY KEY REFERENCES teams(id), v bigint NOT NULL DEFAULT 0);

      CREATE TABLE users (
        id uuid PRIMARY KEY,
        team_id uuid NOT NULL REFERENCES teams(id),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('rep', 'manager')),
        password_hash text NOT NULL,
        password_salt text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      );
      CREATE UNIQUE INDEX users_email ON users (lower(email));

      CREATE TABLE devices (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX devices_user ON devices (user_id);

      -- Per (user, device clock node): the last op sequence applied, and in which epoch.
      CREATE TABLE device_seqs (
        user_id uuid NOT NULL REFERENCES users(id),
        device_node text NOT NULL,
        last_seq bigint NOT NULL,
        epoch text NOT NULL,
        PRIMARY KEY (user_id, device_node)
      );

      CREATE TABLE records (
        team_id uuid NOT NULL REFERENCES teams(id),
        id uuid NOT NULL,
        table_name text NOT NULL,
        owner_id uuid NOT NULL,
        client_id uuid,
        version bigint NOT NULL,
        data jsonb NOT NULL,
        stamps jsonb NOT NULL,
        field_versions jsonb NOT NULL,
        PRIMARY KEY (team_id, id)
      );
      CREATE INDEX records_team_version ON records (team_id, version);
      CREATE INDEX records_team_client ON records (team_id, client_id);
      CREATE INDEX records_team_owner ON records (team_id, owner_id, table_name);

      CREATE TABLE shares (
        team_id uuid NOT NULL REFERENCES teams(id),
        client_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, client_id)
      );

      -- The result of every settled op, so a retried batch gets the same answer (and conflicts).
      CREATE TABLE applied_ops (
        user_id uuid NOT NULL,
        device_node text NOT NULL,
        seq bigint NOT NULL,
        op_id uuid NOT NULL,
        result jsonb NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, device_node, seq)
      );

      -- Ops whose clock stamps were too far ahead: kept for the rep and an administrator, not merged.
      CREATE TABLE quarantine (
        op_id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        device_node text NOT NULL,
        op jsonb NOT NULL,
        reason text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'the push ledger: one row per batch',
    sql: `
      -- The results of a batch's fresh ops, in one row: a batch of 500 ops writes one ledger row,
      -- not 500, and drops old ones a batch at a time. first_version + a result's ord is its
      -- version (null first_version: no row changed). Plain json, stored uncompressed: it is only
      -- read back whole, on a retry.
      CREATE TABLE applied_batches (
        user_id uuid NOT NULL,
        device_node text NOT NULL,
        first_seq bigint NOT NULL,
        last_seq bigint NOT NULL,
        first_version bigint,
        results json NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, device_node, last_seq)
      );
      ALTER TABLE applied_batches ALTER COLUMN results SET STORAGE EXTERNAL;
      INSERT INTO applied_batches (user_id, device_node, first_seq, last_seq, first_version, results, applied_at)
        SELECT user_id, device_node, seq, seq, NULL, json_build_array(result), applied_at FROM applied_ops;
      DROP TABLE applied_ops;
    `,
  },
  {
    version: 3,
    name: 'records: no owner index, no team foreign key',
    sql: `
      -- Nothing reads records by (team, owner, table): pull filters the team's rows in version
      -- order, every other lookup is by id. The index only cost each written row an insert, and
      -- misled the planner into scanning a rep's whole book where a primary-key probe was meant.
      DROP INDEX records_team_owner;
      -- team_id always comes from the signed-in user, whose team exists (teams are never
      -- deleted); the check cost each written row a lookup in teams.
      ALTER TABLE records DROP CONSTRAINT records_team_id_fkey;
    `,
  },
  {
    version: 4,
    name: 'team in the key of every table of team data; rate buckets shared by replicas',
    sql: `
      -- Shard-ready by team (server/README.md, "How it scales"): every table of team data carries
      -- team_id first in its primary key and every query on it names the team, so the tables can be
      -- distributed by team_id (Citus) and a team's push touches one shard. A user never changes
      -- team, so a row's team is its user's.
      ALTER TABLE device_seqs ADD COLUMN team_id uuid;
      UPDATE device_seqs d SET team_id = u.team_id FROM users u WHERE u.id = d.user_id;
      ALTER TABLE device_seqs ALTER COLUMN team_id SET NOT NULL;
      ALTER TABLE device_seqs DROP CONSTRAINT device_seqs_pkey;
      ALTER TABLE device_seqs ADD PRIMARY KEY (team_id, user_id, device_node);

      -- Ledger rows of a deleted user answer no retry any more: they go.
      ALTER TABLE applied_batches ADD COLUMN team_id uuid;
      UPDATE applied_batches b SET team_id = u.team_id FROM users u WHERE u.id = b.user_id;
      DELETE FROM applied_batches WHERE team_id IS NULL;
      ALTER TABLE applied_batches ALTER COLUMN team_id SET NOT NULL;
      ALTER TABLE applied_batches DROP CONSTRAINT applied_batches_pkey;
      ALTER TABLE applied_batches ADD PRIMARY KEY (team_id, user_id, device_node, last_seq);

      -- Quarantined ops of a deleted user are kept for the administrator, under the nil team.
      ALTER TABLE quarantine ADD COLUMN team_id uuid;
      UPDATE quarantine q SET team_id = u.team_id FROM users u WHERE u.id = q.user_id;
      UPDATE quarantine SET team_id = '00000000-0000-0000-0000-000000000000' WHERE team_id IS NULL;
      ALTER TABLE quarantine ALTER COLUMN team_id SET NOT NULL;
      ALTER TABLE quarantine DROP CONSTRAINT quarantine_pkey;
      ALTER TABLE quarantine ADD PRIMARY KEY (team_id, op_id);

      ALTER TABLE shares DROP CONSTRAINT shares_pkey;
      ALTER TABLE shares ADD PRIMARY KEY (team_id, user_id, client_id);

      -- Token buckets (rate limits, sign-in throttling, restore evidence) shared by every replica
      -- over this database (http/rate-limit.ts). full_at: when the bucket is full again (ms since
      -- the epoch); past it the row holds nothing and is swept. A mark (a known-good sign-in
      -- address) is a row whose full_at is its expiry.
      CREATE TABLE rate_buckets (
        key text PRIMARY KEY,
        tokens double precision NOT NULL,
        at bigint NOT NULL,
        full_at bigint NOT NULL,
        ok boolean NOT NULL DEFAULT true
      );
      CREATE INDEX rate_buckets_full_at ON rate_buckets (full_at);
    `,
  },
];

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
];

namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>The directory's tables: users, teams, the department tree and API keys.</summary>
public static class DirectoryTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.department (
            id uuid PRIMARY KEY,
            name text NOT NULL,
            parent_id uuid REFERENCES {s}.department (id),
            manager_id uuid,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX IF NOT EXISTS department_name ON {s}.department (lower(name));
        CREATE TABLE IF NOT EXISTS {s}.team (
            id uuid PRIMARY KEY,
            name text NOT NULL,
            lead_id uuid,
            department_id uuid REFERENCES {s}.department (id),
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX IF NOT EXISTS team_name ON {s}.team (lower(name));
        CREATE TABLE IF NOT EXISTS {s}.app_user (
            id uuid PRIMARY KEY,
            username text NOT NULL,
            display_name text,
            email text,
            password_hash text,
            roles text[] NOT NULL DEFAULT ARRAY[]::text[],
            team_id uuid REFERENCES {s}.team (id),
            department_id uuid REFERENCES {s}.department (id),
            active boolean NOT NULL DEFAULT true,
            failed_logins integer NOT NULL DEFAULT 0,
            locked_until timestamptz,
            security_stamp uuid NOT NULL,
            password_changed_at timestamptz,
            last_login_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            version integer NOT NULL DEFAULT 1
        );
        CREATE UNIQUE INDEX IF NOT EXISTS app_user_username ON {s}.app_user (lower(username));
        CREATE INDEX IF NOT EXISTS app_user_team ON {s}.app_user (team_id);
        CREATE INDEX IF NOT EXISTS app_user_department ON {s}.app_user (department_id);
        CREATE TABLE IF NOT EXISTS {s}.api_key (
            id uuid PRIMARY KEY,
            name text NOT NULL,
            user_id uuid NOT NULL REFERENCES {s}.app_user (id),
            role text NOT NULL,
            secret_hash bytea NOT NULL,
            created_by uuid NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            expires_at timestamptz,
            revoked_at timestamptz,
            last_used_at timestamptz
        );

        """;
}

/* db_migrations: the results database's schema as numbered steps, oldest first. A step is
 * never edited once released: a change is a new step. db_migrate applies the missing ones. */
#include <stddef.h>

#include "store/db.h"

/* Version 1: the roles, the results with the columns HR filters and groups by, one row per
 * scorecard principle (the heat map), the published scenarios and exams, and row-level
 * security. The group roles are NOLOGIN; each person's login is made a member of one
 * (docs/deploy.md). A row's owner is the login that uploaded it (session_user, which SET ROLE
 * cannot change), and the policies compare against it. No role but the owner of the tables
 * (the administrator who migrates) may update or delete a result: nobody is granted it. */
static const char v1_tables[] =
    "CREATE SCHEMA IF NOT EXISTS kefu;\n"
    "DO $$ BEGIN\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kefu_trainee') THEN\n"
    "    CREATE ROLE kefu_trainee NOLOGIN; END IF;\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kefu_hr') THEN\n"
    "    CREATE ROLE kefu_hr NOLOGIN; END IF;\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kefu_trainer') THEN\n"
    "    CREATE ROLE kefu_trainer NOLOGIN; END IF;\n"
    "END $$;\n"
    "REVOKE ALL ON SCHEMA kefu FROM PUBLIC;\n"
    "GRANT USAGE ON SCHEMA kefu TO kefu_trainee, kefu_hr, kefu_trainer;\n"
    "CREATE TABLE kefu.results (\n"
    "  id text PRIMARY KEY,\n"
    "  owner name NOT NULL DEFAULT session_user,\n"
    "  uploaded_at timestamptz NOT NULL DEFAULT now(),\n"
    "  trainee text NOT NULL,\n"
    "  scenario text NOT NULL,\n"
    "  mode text NOT NULL CHECK (mode IN ('practice', 'exam')),\n"
    "  exam text,\n"
    "  attempt integer,\n"
    "  started_at timestamptz NOT NULL,\n"
    "  total integer NOT NULL,\n"
    "  pass boolean NOT NULL,\n"
    "  outcome text NOT NULL,\n"
    "  rubric_version text,\n"
    "  duration_s numeric,\n"
    "  first_response_s numeric,\n"
    "  avg_response_s numeric,\n"
    "  typing_cpm numeric,\n"
    "  agent_messages integer,\n"
    "  waits_over integer,\n"
    "  body jsonb NOT NULL CHECK (body->>'id' = id)\n"
    ");\n"
    "CREATE INDEX results_trainee ON kefu.results (trainee, started_at);\n"
    "CREATE INDEX results_scenario ON kefu.results (scenario, started_at);\n"
    "CREATE INDEX results_started ON kefu.results (started_at);\n"
    "CREATE INDEX results_mode ON kefu.results (mode, started_at);\n"
    "CREATE INDEX results_exam ON kefu.results (exam, trainee) WHERE exam IS NOT NULL;\n"
    "CREATE INDEX results_owner ON kefu.results (owner);\n"
    "CREATE INDEX results_outcome ON kefu.results (outcome);\n"
    "CREATE INDEX results_rubric ON kefu.results (rubric_version);\n"
    "CREATE TABLE kefu.result_principles (\n"
    "  result_id text NOT NULL REFERENCES kefu.results (id),\n"
    "  ord integer NOT NULL,\n"
    "  principle text NOT NULL,\n"
    "  name text,\n"
    "  kind text,\n"
    "  status text NOT NULL,\n"
    "  points numeric,\n"
    "  max numeric,\n"
    "  owner name NOT NULL DEFAULT session_user,\n"
    "  trainee text NOT NULL,\n"
    "  PRIMARY KEY (result_id, ord)\n"
    ");\n"
    "CREATE INDEX result_principles_principle ON kefu.result_principles (principle, status);\n";

/* One SQL line per C line. */
/* clang-format off */
static const char v1_published[] =
    "CREATE TABLE kefu.scenarios (\n"
    "  id text PRIMARY KEY,\n"
    "  source text NOT NULL,\n"
    "  sha256 text NOT NULL,\n"
    "  published_by name NOT NULL DEFAULT session_user,\n"
    "  published_at timestamptz NOT NULL DEFAULT now()\n"
    ");\n"
    "CREATE TABLE kefu.exams (\n"
    "  id text PRIMARY KEY,\n"
    "  source text NOT NULL,\n"
    "  sha256 text NOT NULL,\n"
    "  published_by name NOT NULL DEFAULT session_user,\n"
    "  published_at timestamptz NOT NULL DEFAULT now()\n"
    ");\n";

static const char v1_policies[] =
    "ALTER TABLE kefu.results ENABLE ROW LEVEL SECURITY;\n"
    "ALTER TABLE kefu.result_principles ENABLE ROW LEVEL SECURITY;\n"
    "ALTER TABLE kefu.scenarios ENABLE ROW LEVEL SECURITY;\n"
    "ALTER TABLE kefu.exams ENABLE ROW LEVEL SECURITY;\n"
    "CREATE POLICY trainee_insert ON kefu.results FOR INSERT TO kefu_trainee\n"
    "  WITH CHECK (owner = session_user);\n"
    "CREATE POLICY trainee_read ON kefu.results FOR SELECT TO kefu_trainee\n"
    "  USING (owner = session_user);\n"
    "CREATE POLICY hr_read ON kefu.results FOR SELECT TO kefu_hr USING (true);\n"
    "CREATE POLICY trainee_insert ON kefu.result_principles FOR INSERT TO kefu_trainee\n"
    "  WITH CHECK (owner = session_user);\n"
    "CREATE POLICY trainee_read ON kefu.result_principles FOR SELECT TO kefu_trainee\n"
    "  USING (owner = session_user);\n"
    "CREATE POLICY hr_read ON kefu.result_principles FOR SELECT TO kefu_hr USING (true);\n"
    "CREATE POLICY everyone_reads ON kefu.scenarios FOR SELECT\n"
    "  TO kefu_trainee, kefu_hr, kefu_trainer USING (true);\n"
    "CREATE POLICY trainer_inserts ON kefu.scenarios FOR INSERT TO kefu_trainer\n"
    "  WITH CHECK (published_by = session_user);\n"
    "CREATE POLICY trainer_updates ON kefu.scenarios FOR UPDATE TO kefu_trainer\n"
    "  USING (true) WITH CHECK (published_by = session_user);\n"
    "CREATE POLICY everyone_reads ON kefu.exams FOR SELECT\n"
    "  TO kefu_trainee, kefu_hr, kefu_trainer USING (true);\n"
    "CREATE POLICY trainer_inserts ON kefu.exams FOR INSERT TO kefu_trainer\n"
    "  WITH CHECK (published_by = session_user);\n"
    "CREATE POLICY trainer_updates ON kefu.exams FOR UPDATE TO kefu_trainer\n"
    "  USING (true) WITH CHECK (published_by = session_user);\n"
    "REVOKE ALL ON ALL TABLES IN SCHEMA kefu FROM PUBLIC;\n"
    "GRANT SELECT, INSERT ON kefu.results, kefu.result_principles TO kefu_trainee;\n"
    "GRANT SELECT ON kefu.results, kefu.result_principles TO kefu_hr;\n"
    "GRANT SELECT ON kefu.scenarios, kefu.exams TO kefu_trainee, kefu_hr, kefu_trainer;\n"
    "GRANT INSERT, UPDATE ON kefu.scenarios, kefu.exams TO kefu_trainer;\n"
    "GRANT SELECT ON kefu.migrations TO kefu_trainee, kefu_hr, kefu_trainer;\n";

/* clang-format on */

/* The heat map over a million results cannot be a GROUP BY over twenty million principle rows
 * at every report: each upload adds its counts to one row per (login, trainee, principle),
 * in the same statement, through a trigger that runs as the tables' owner (trainees may not
 * update anything themselves). Rows are locked in key order, so concurrent uploads never
 * deadlock. */
static const char v1_tally[] =
    "CREATE TABLE kefu.principle_tally (\n"
    "  owner name NOT NULL,\n"
    "  trainee text NOT NULL,\n"
    "  principle text NOT NULL,\n"
    "  name text,\n"
    "  kind text,\n"
    "  met bigint NOT NULL DEFAULT 0,\n"
    "  missed bigint NOT NULL DEFAULT 0,\n"
    "  violated bigint NOT NULL DEFAULT 0,\n"
    "  not_applicable bigint NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY (owner, trainee, principle)\n"
    ");\n"
    "CREATE FUNCTION kefu.tally_principles() RETURNS trigger LANGUAGE plpgsql\n"
    "SECURITY DEFINER SET search_path = pg_catalog, kefu AS $$\n"
    "BEGIN\n"
    "  INSERT INTO kefu.principle_tally AS t\n"
    "    (owner, trainee, principle, name, kind, met, missed, violated, not_applicable)\n"
    "  SELECT owner, trainee, principle, max(name), max(kind),\n"
    "         count(*) FILTER (WHERE status = 'met'), count(*) FILTER (WHERE status = 'missed'),\n"
    "         count(*) FILTER (WHERE status = 'violated'),\n"
    "         count(*) FILTER (WHERE status = 'not_applicable')\n"
    "  FROM new_rows GROUP BY owner, trainee, principle ORDER BY owner, trainee, principle\n"
    "  ON CONFLICT (owner, trainee, principle) DO UPDATE SET\n"
    "    met = t.met + EXCLUDED.met, missed = t.missed + EXCLUDED.missed,\n"
    "    violated = t.violated + EXCLUDED.violated,\n"
    "    not_applicable = t.not_applicable + EXCLUDED.not_applicable;\n"
    "  RETURN NULL;\n"
    "END $$;\n"
    "REVOKE ALL ON FUNCTION kefu.tally_principles() FROM PUBLIC;\n"
    "CREATE TRIGGER result_principles_tally AFTER INSERT ON kefu.result_principles\n"
    "  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT\n"
    "  EXECUTE FUNCTION kefu.tally_principles();\n"
    "ALTER TABLE kefu.principle_tally ENABLE ROW LEVEL SECURITY;\n"
    "CREATE POLICY trainee_read ON kefu.principle_tally FOR SELECT TO kefu_trainee\n"
    "  USING (owner = session_user);\n"
    "CREATE POLICY hr_read ON kefu.principle_tally FOR SELECT TO kefu_hr USING (true);\n"
    "REVOKE ALL ON kefu.principle_tally FROM PUBLIC;\n"
    "GRANT SELECT ON kefu.principle_tally TO kefu_trainee, kefu_hr;\n";
static const char *const v1[] = {v1_tables, v1_published, v1_policies, v1_tally, NULL};

/* Version 2: the mode in the principle rows and in the tally's key, so the overview of one
 * mode (the default shows the exams) reads the tally, not millions of principle rows. Rows
 * uploaded before take their result's mode, and the tally is counted again from them. A new
 * row without a mode (every upload: the statement is the same for both versions) takes its
 * result's through a trigger, before the tally's trigger sees it. Every statement may run
 * again and ends the same; the ALTERs come first, so uploads wait for the step's
 * transaction. */
/* clang-format off */
static const char v2_mode[] =
    "ALTER TABLE kefu.result_principles ADD COLUMN IF NOT EXISTS mode text;\n"
    "ALTER TABLE kefu.principle_tally ADD COLUMN IF NOT EXISTS mode text;\n"
    "UPDATE kefu.result_principles p SET mode = r.mode FROM kefu.results r\n"
    "  WHERE r.id = p.result_id AND p.mode IS DISTINCT FROM r.mode;\n"
    "ALTER TABLE kefu.result_principles ALTER COLUMN mode SET NOT NULL;\n"
    "CREATE OR REPLACE FUNCTION kefu.principle_mode() RETURNS trigger LANGUAGE plpgsql\n"
    "SECURITY DEFINER SET search_path = pg_catalog, kefu AS $$\n"
    "BEGIN\n"
    "  NEW.mode := (SELECT r.mode FROM kefu.results r WHERE r.id = NEW.result_id);\n"
    "  RETURN NEW;\n"
    "END $$;\n"
    "REVOKE ALL ON FUNCTION kefu.principle_mode() FROM PUBLIC;\n"
    "DROP TRIGGER IF EXISTS result_principles_mode ON kefu.result_principles;\n"
    "CREATE TRIGGER result_principles_mode BEFORE INSERT ON kefu.result_principles\n"
    "  FOR EACH ROW WHEN (NEW.mode IS NULL) EXECUTE FUNCTION kefu.principle_mode();\n";

static const char v2_tally[] =
    "ALTER TABLE kefu.principle_tally DROP CONSTRAINT IF EXISTS principle_tally_pkey;\n"
    "DELETE FROM kefu.principle_tally;\n"
    "INSERT INTO kefu.principle_tally\n"
    "  (owner, trainee, mode, principle, name, kind, met, missed, violated, not_applicable)\n"
    "SELECT owner, trainee, mode, principle, max(name), max(kind),\n"
    "       count(*) FILTER (WHERE status = 'met'), count(*) FILTER (WHERE status = 'missed'),\n"
    "       count(*) FILTER (WHERE status = 'violated'),\n"
    "       count(*) FILTER (WHERE status = 'not_applicable')\n"
    "FROM kefu.result_principles GROUP BY owner, trainee, mode, principle;\n"
    "ALTER TABLE kefu.principle_tally ALTER COLUMN mode SET NOT NULL;\n"
    "ALTER TABLE kefu.principle_tally\n"
    "  ADD CONSTRAINT principle_tally_pkey PRIMARY KEY (owner, trainee, mode, principle);\n"
    "CREATE OR REPLACE FUNCTION kefu.tally_principles() RETURNS trigger LANGUAGE plpgsql\n"
    "SECURITY DEFINER SET search_path = pg_catalog, kefu AS $$\n"
    "BEGIN\n"
    "  INSERT INTO kefu.principle_tally AS t\n"
    "    (owner, trainee, mode, principle, name, kind, met, missed, violated, not_applicable)\n"
    "  SELECT owner, trainee, mode, principle, max(name), max(kind),\n"
    "         count(*) FILTER (WHERE status = 'met'), count(*) FILTER (WHERE status = 'missed'),\n"
    "         count(*) FILTER (WHERE status = 'violated'),\n"
    "         count(*) FILTER (WHERE status = 'not_applicable')\n"
    "  FROM new_rows GROUP BY owner, trainee, mode, principle\n"
    "  ORDER BY owner, trainee, mode, principle\n"
    "  ON CONFLICT (owner, trainee, mode, principle) DO UPDATE SET\n"
    "    met = t.met + EXCLUDED.met, missed = t.missed + EXCLUDED.missed,\n"
    "    violated = t.violated + EXCLUDED.violated,\n"
    "    not_applicable = t.not_applicable + EXCLUDED.not_applicable;\n"
    "  RETURN NULL;\n"
    "END $$;\n";
/* clang-format on */
static const char *const v2[] = {v2_mode, v2_tally, NULL};

static const char *const *const steps[] = {v1, v2};

int db_latest_version(void)
{
    return (int)(sizeof steps / sizeof steps[0]);
}

const char *const *db_migration_sql(int v)
{
    return v >= 1 && v <= db_latest_version() ? steps[v - 1] : NULL;
}

"""Inputs for the psql differential test: (name, psql arguments, stdin). Each case runs on a
fresh `public` schema, once through the sandboxed psql and once through the real psql."""

SEED_SCHEMA_INIT = """CREATE TABLE IF NOT EXISTS agents (
id SERIAL PRIMARY KEY,
name VARCHAR(255),
created_at TIMESTAMP DEFAULT NOW()
);
"""
SEED_MIGRATE_V2 = """ALTER TABLE agents ADD COLUMN status VARCHAR(50) DEFAULT 'active';
CREATE INDEX idx_agents_status ON agents(status);
"""
SEED_EXERCISE_1 = """CREATE TABLE IF NOT EXISTS agents (
id SERIAL PRIMARY KEY,
name VARCHAR(255) NOT NULL,
model_id VARCHAR(50),
status VARCHAR(50) DEFAULT 'initialized',
created_at TIMESTAMP DEFAULT NOW(),
updated_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS idx_agents_status ON agents(status);
CREATE INDEX IF NOT EXISTS idx_agents_created ON agents(created_at);
"""
SEED_EXERCISE_2 = """ALTER TABLE agents ADD COLUMN IF NOT EXISTS embedding_model VARCHAR(100);
ALTER TABLE agents ADD COLUMN IF NOT EXISTS parameters JSONB DEFAULT '{}';
"""
ADD_STATUS = "ALTER TABLE agents ADD COLUMN status VARCHAR(50);\n"
ROWS = ("INSERT INTO agents (name) VALUES ('alpha'), ('beta'), (NULL);\n"
        "INSERT INTO agents (name) VALUES ('gamma') RETURNING id, name;\n")

RESTORE = """--
-- PostgreSQL database dump
--

\\restrict 0123456789abcdef0123456789abcdef01234567

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);
SET client_min_messages = warning;

CREATE TABLE public.agents (
    id integer NOT NULL,
    name character varying(255)
);

COPY public.agents (id, name) FROM stdin;
1\talpha
2\t\\N
3\twith\\ttab
\\.

SELECT pg_catalog.setval('public.agents_id_seq', 3, true);

ALTER TABLE ONLY public.agents
    ADD CONSTRAINT agents_pkey PRIMARY KEY (id);

\\unrestrict 0123456789abcdef0123456789abcdef01234567

"""

CASES: list[tuple[str, list[str], str]] = [
    ("seed schema init", [], SEED_SCHEMA_INIT),
    ("seed schema init twice", [], SEED_SCHEMA_INIT + SEED_SCHEMA_INIT),
    ("seed migrate v2", [], SEED_SCHEMA_INIT + SEED_MIGRATE_V2),
    ("seed migrate v2 twice", [], SEED_SCHEMA_INIT + SEED_MIGRATE_V2 + SEED_MIGRATE_V2),
    ("seed exercise 1 twice", [], SEED_EXERCISE_1 + SEED_EXERCISE_1),
    ("seed exercise 2", [], SEED_EXERCISE_1 + SEED_EXERCISE_2 + SEED_EXERCISE_2),
    ("seed validate ok", ["-c", "SELECT embedding_model, parameters FROM agents LIMIT 1;"], ""),
    ("add column twice", [], SEED_SCHEMA_INIT + ADD_STATUS + ADD_STATUS + "SELECT 1 AS after;\n"),
    ("add column twice stop", ["-v", "ON_ERROR_STOP=1"],
     SEED_SCHEMA_INIT + ADD_STATUS + ADD_STATUS + "SELECT 1 AS after;\n"),
    ("add column twice stop set", ["--set=ON_ERROR_STOP=on"],
     SEED_SCHEMA_INIT + ADD_STATUS + ADD_STATUS + "SELECT 1;\n"),
    ("add column twice -f -", ["-f", "-"], SEED_SCHEMA_INIT + ADD_STATUS + ADD_STATUS),
    ("add column twice -f - stop", ["-v", "ON_ERROR_STOP=1", "-f", "-"],
     SEED_SCHEMA_INIT + ADD_STATUS + ADD_STATUS + "SELECT 2;\n"),
    ("rows and nulls", [], SEED_SCHEMA_INIT + ROWS + "SELECT id, name FROM agents ORDER BY id;\n"),
    ("numbers", [], "SELECT 1 AS int, 2.50::numeric AS num, 1e10::float8 AS f, 'x' AS t, "
                    "true AS b, NULL::int AS n;\n"),
    ("empty result", [], "SELECT 1 AS x WHERE false;\n"),
    ("syntax error", [], "selec 1;\nSELECT 2;\n"),
    ("multi-line error", [], "SELECT 1,\n  2 +;\n"),
    ("error deep in a line", [], "SELECT 1 FROM agents_does_not_exist_with_a_long_name WHERE "
                                 "id = 1 AND name = 'some long literal text here';\n"),
    ("undefined column", [], SEED_SCHEMA_INIT + "SELECT status FROM agents;\n"),
    ("detail and hint", [], SEED_SCHEMA_INIT + "CREATE UNIQUE INDEX u ON agents(name);\n"
     "INSERT INTO agents(name) VALUES ('a'), ('a');\n"),
    ("strings with semicolons", [], "SELECT 'a;b' AS s, $$c;d$$ AS d, \"e;f\" FROM "
                                    "(SELECT 1 AS \"e;f\") t;\n"),
    ("comments", [], "-- leading comment\nSELECT 1; -- trailing\n/* block; */ SELECT 2;\n"),
    ("dollar-quoted function", [], "CREATE FUNCTION f() RETURNS int AS $body$\nBEGIN\n"
     "  RETURN 1;\nEND;\n$body$ LANGUAGE plpgsql;\nSELECT f();\n"),
    ("notices from DO", [], "DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$;\n"),
    ("transaction with error", [], "BEGIN;\nCREATE TABLE t (a int);\nSELECT nope;\n"
     "INSERT INTO t VALUES (1);\nROLLBACK;\nSELECT count(*) FROM pg_class WHERE relname = 't';\n"),
    ("no trailing semicolon", [], "SELECT 42 AS answer"),
    ("-c two statements", ["-c", "SELECT 1; SELECT 2"], ""),
    ("-c error", ["-c", "bad"], ""),
    ("-c error stop", ["-v", "ON_ERROR_STOP=1", "-c", "bad"], ""),
    ("-c create", ["-c", "CREATE TABLE x (a int)"], ""),
    ("-t", ["-t", "-c", "SELECT 1 AS a, 'b' AS b"], ""),
    ("-A", ["-A", "-c", "SELECT 1 AS a, 'b' AS b"], ""),
    ("-At", ["-At", "-c", "SELECT 1 AS a, 'b' AS b UNION ALL SELECT 2, 'c'"], ""),
    ("-A -F", ["-A", "-F", ",", "-c", "SELECT 1 AS a, 2 AS b"], ""),
    ("-q", ["-q"], SEED_SCHEMA_INIT + "INSERT INTO agents(name) VALUES ('x');\n"),
    ("-1 ok", ["-1"], "CREATE TABLE a1 (x int);\nINSERT INTO a1 VALUES (1);\n"),
    ("\\dt empty", ["-c", "\\dt"], ""),
    ("\\dt", [], SEED_SCHEMA_INIT + "\\dt\n"),
    ("\\d agents", [], SEED_EXERCISE_1 + "\\d agents\n"),
    ("\\d+ with constraints", [], "CREATE TABLE teams (id SERIAL PRIMARY KEY);\n"
     "CREATE TABLE members (id int GENERATED ALWAYS AS IDENTITY, name VARCHAR(255) UNIQUE, "
     "n int CHECK (n > 0), team int REFERENCES teams(id));\n"
     "COMMENT ON COLUMN members.name IS 'the name';\n\\d+ members\n\\d teams\n\\d members\n"),
    ("\\i missing", [], "\\i /nonexistent\nSELECT 1;\n"),
    ("\\d missing", ["-c", "\\d nothere"], ""),
    ("\\d list", [], SEED_SCHEMA_INIT + "\\d\n"),
    ("\\echo", [], "\\echo hello world\n\\echo 'quoted  text'\n"),
    ("\\set stop", [], "\\set ON_ERROR_STOP on\nbad;\nSELECT 1;\n"),
    ("\\q", [], "SELECT 1;\n\\q\nSELECT 2;\n"),
    ("unknown meta", [], "\\frobnicate\nSELECT 1;\n"),
    ("copy program refused", [], "COPY (SELECT 1) TO PROGRAM 'id';\n"),
    ("pg_read_file refused", [], "SELECT pg_read_file('/etc/passwd');\n"),
    ("alter system refused", [], "ALTER SYSTEM SET work_mem = '1MB';\n"),
    ("create role refused", [], "CREATE ROLE hacker SUPERUSER;\n"),
    ("multi-line values", [], "SELECT 'multi\nline' AS m, 2 AS n;\n"
     "SELECT 2 AS n, E'a\\nbb\\nccc' AS last;\n"),
    ("variables", ["-v", "who=world"], "\\set x 5\nSELECT :x AS v, :'x' AS s, :'who' AS w;\n"
     "SELECT 1::int AS cast_ok;\nSELECT :undefined_var;\n"),
    ("\\c own database", [], "\\c agents\nSELECT 1;\n"),
    ("\\c missing database", [], "SELECT 1;\n\\c nope\nSELECT 2;\n"),
    ("-f /dev/stdin", ["-f", "/dev/stdin"], "SELECT 1;\nbad;\n"),
    ("restore a plain dump", [], RESTORE + "SELECT * FROM public.agents ORDER BY id;\n"),
    ("restore a plain dump -f -", ["-f", "-"], RESTORE),
    ("copy to stdout", [], SEED_SCHEMA_INIT + ROWS + "COPY (SELECT id, name FROM agents ORDER BY "
     "id) TO STDOUT;\nCOPY (SELECT 1, 'x') TO STDOUT WITH (FORMAT csv, HEADER);\n"),
    ("copy bad row", [], "CREATE TABLE c (a int);\nCOPY c FROM STDIN;\n1\nnot a number\n"
     "\\.\nSELECT count(*) FROM c;\n"),
    ("-e", ["-e"], "-- a comment\nSELECT 1 AS a;\n\nSELECT 2\n  AS b; SELECT 3;\n\\echo hi\n"),
    ("-a", ["-a"], "-- a comment\nSELECT 1 AS a;\n\nSELECT 2\n  AS b; SELECT 3;\n\\echo hi\n"
     "CREATE TABLE c (a int);\nCOPY c FROM STDIN;\n1\n\\.\n-- tail\n"),
    ("-e -c", ["-e", "-c", "select 1"], ""),
    ("\\copy", [], "CREATE TABLE c (a int, b text);\n\\copy c from stdin\n1\tone\n2\ttwo\n"
     "\\.\n\\copy c (b) from stdin with (format csv)\n\"x,y\"\n\\.\n"
     "\\copy (SELECT * FROM c ORDER BY b) to stdout with (format csv, header)\n"
     "\\copy c to stdout\n"),
    ("\\di \\ds \\dv", [], "\\di\n\\ds\n\\dv\n" + SEED_EXERCISE_1 +
     "CREATE VIEW v AS SELECT id FROM agents;\n\\di\n\\ds\n\\dv\n\\di idx_agents_status\n"),
    ("\\x", [], SEED_SCHEMA_INIT + ROWS + "\\x\nSELECT id, name FROM agents ORDER BY id;\n"
     "SELECT 1 WHERE false;\nSELECT 'a\nlonger line' AS multi, 2 AS n;\n\\x off\nSELECT 1;\n"
     "\\x on\n"),
    ("-x -c", ["-x", "-c", "SELECT 1 AS a, 'wide value here' AS b"], ""),
    ("--csv", ["--csv", "-c", "SELECT 1 AS a, 'x,y' AS \"b,c\", '' AS e, NULL AS n, "
     "'q\"q' AS q, E'l1\\nl2' AS m, ' sp ' AS s"], ""),
    ("--csv -t", ["--csv", "-t"], SEED_SCHEMA_INIT + ROWS + "SELECT * FROM agents WHERE false;\n"
     "SELECT id, name FROM agents ORDER BY id;\n"),
    ("time keywords", [], "SELECT current_date = now()::date AS d, CURRENT_TIMESTAMP = now() AS ts,"
     " localtimestamp(0) IS NOT NULL AS l, current_time IS NOT NULL, 'CURRENT_DATE' AS q;\n"
     "CREATE TABLE tk (a timestamp DEFAULT CURRENT_TIMESTAMP, b date DEFAULT current_date);\n"
     "SELECT current_date - current_date AS zero;\n\\d tk\n"),
    ("empty statements", [], ";\n;\nSELECT 1;\n"),
]

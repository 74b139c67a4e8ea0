#!/usr/bin/env bash
# e2e_db: results in a shared PostgreSQL (a throw-away server, tests/pgcluster.sh): migrations
# (twice, and two at once), kefu run --db uploading after writing the folder, kefu sync, the
# roles enforced by the database (each login tries every forbidden action), a different
# result under a taken id, publishing, and kefu report --db giving the folder's terminal
# summary, CSV and HTML; then an upgrade from schema version 1 with results in it. Run from the
# repo root with KEFU_BIN and KEFU_TEST_OUT set.
set -uo pipefail

KEFU_BIN=$(readlink -f "${KEFU_BIN:-build/kefu}")
OUT=$(readlink -f "${KEFU_TEST_OUT:-build/test-out}")/e2e-db
rm -rf "$OUT" && mkdir -p "$OUT"
export TZ=UTC0 KEFU_CONFIG=/dev/null
unset KEFU_DB
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL $*"
}
. tests/pgcluster.sh
pg_start

# ------------------------------------------------------------------ migrations
"$KEFU_BIN" db migrate --db "$PG_URL" >"$OUT/m1" 2>&1 && grep -q "migrated from version 0 to 2" "$OUT/m1" &&
    ok || bad "first migrate: $(cat "$OUT/m1")"
"$KEFU_BIN" db migrate --db "$PG_URL" >"$OUT/m2" 2>&1 && grep -q "version 2, up to date" "$OUT/m2" &&
    ok || bad "second migrate: $(cat "$OUT/m2")"
[ "$(pg_sql kefu_admin -c "SELECT count(*) FROM kefu.migrations")" = 2 ] && ok ||
    bad "migrations table after two runs: $(pg_sql kefu_admin -c "SELECT * FROM kefu.migrations")"
KEFU_DB=$PG_URL "$KEFU_BIN" db status >"$OUT/st" 2>&1 && grep -q "version 2 (this kefu: 2)" "$OUT/st" &&
    ok || bad "db status through KEFU_DB: $(cat "$OUT/st")"
# Two migrators at once on a fresh database: the advisory lock lets one apply, the other finds
# the work done; both succeed, the step is applied once.
"$PG_BIN/createdb" -h "$PG_HOST" -p "$PG_PORT" -U kefu_admin kefu2
url2="postgresql:///kefu2?host=$PG_HOST&port=$PG_PORT&user=kefu_admin"
"$KEFU_BIN" db migrate --db "$url2" >"$OUT/c1" 2>&1 &
p1=$!
"$KEFU_BIN" db migrate --db "$url2" >"$OUT/c2" 2>&1 &
p2=$!
wait "$p1" && wait "$p2" && ok || bad "concurrent migrate: $(cat "$OUT/c1" "$OUT/c2")"
[ "$(cat "$OUT/c1" "$OUT/c2" | grep -c "migrated from version 0 to 2")" = 1 ] && ok ||
    bad "concurrent migrate: exactly one should apply: $(cat "$OUT/c1" "$OUT/c2")"
[ "$("$PG_BIN/psql" -X -At "$url2" -c "SELECT count(*) FROM kefu.migrations")" = 2 ] && ok ||
    bad "concurrent migrate: the migrations table"
# A config file names the database too.
printf '# the company database\ndb = %s\ntimeout = 5\n' "$PG_URL" >"$OUT/config"
KEFU_CONFIG=$OUT/config "$KEFU_BIN" db status >"$OUT/st2" 2>&1 && ok ||
    bad "db status through the config file: $(cat "$OUT/st2")"
printf 'database\n' >"$OUT/badconfig"
KEFU_CONFIG=$OUT/badconfig "$KEFU_BIN" db status >"$OUT/st3" 2>&1
grep -q "badconfig:1: expected \"key = value\"" "$OUT/st3" && ok || bad "malformed config: $(cat "$OUT/st3")"

# ------------------------------------------------------------------ logins
pg_sql kefu_admin <<'SQL'
CREATE ROLE alice LOGIN IN ROLE kefu_trainee;
CREATE ROLE bob LOGIN IN ROLE kefu_trainee;
CREATE ROLE hr LOGIN IN ROLE kefu_hr;
CREATE ROLE trainer LOGIN IN ROLE kefu_trainer;
CREATE ROLE stranger LOGIN;
SQL
ALICE=$(pg_url_as alice)
BOB=$(pg_url_as bob)
HR=$(pg_url_as hr)
TRAINER=$(pg_url_as trainer)

# ------------------------------------------------------------------ kefu run --db
run_as() { # url dir trainee scenario kind seed
    "$KEFU_BIN" run "$4" --replies "tests/data/playthroughs/$4_$5.jsonl" --trainee "$3" \
        --mode practice --seed "$6" --out "$2" --db "$1" 2>>"$OUT/run.log"
}
for s in haggler return_policy late_parcel; do
    run_as "$ALICE" "$OUT/alice" 王小明 "$s" good 1 || bad "run $s as alice"
    run_as "$BOB" "$OUT/bob" 李小红 "$s" bad 2 || bad "run $s as bob"
done
run_as "$BOB" "$OUT/bob" 李小红 haggler mediocre 3 || bad "run haggler mediocre as bob"
[ "$(grep -c "uploaded to the database" "$OUT/run.log")" = 7 ] && ok ||
    bad "kefu run --db: 7 uploads expected: $(cat "$OUT/run.log")"
[ "$(ls "$OUT/alice"/*.json | wc -l)" = 3 ] && [ "$(ls "$OUT/bob"/*.json | wc -l)" = 4 ] && ok ||
    bad "the folders keep every result"
[ -z "$(ls -A "$OUT/alice/.outbox" "$OUT/bob/.outbox" 2>/dev/null | grep json)" ] && ok ||
    bad "nothing should wait in the outboxes"
[ "$(pg_sql kefu_admin -c "SELECT count(*) FROM kefu.results")" = 7 ] && ok || bad "7 rows"
[ "$(pg_sql kefu_admin -c "SELECT count(DISTINCT result_id) FROM kefu.result_principles")" = 7 ] &&
    ok || bad "principle rows for each result"
row=$(pg_sql kefu_admin -c "SELECT owner, trainee, scenario, mode, total = (body->'scorecard'->>'total')::int, pass IS NOT NULL, outcome <> '', rubric_version IS NOT NULL FROM kefu.results WHERE owner = 'alice' AND scenario = 'haggler'")
[ "$row" = "alice|王小明|haggler|practice|t|t|t|t" ] && ok || bad "indexed columns: $row"
# The heat map's tally (kept by a trigger) agrees with the principle rows.
# Rows of the tally that disagree with the principle rows (per login, trainee, mode, principle).
tally_sql="SELECT count(*) FROM (SELECT owner, trainee, mode, principle, count(*) FILTER (WHERE status = 'met') AS met, count(*) FILTER (WHERE status = 'missed') AS missed, count(*) FILTER (WHERE status = 'violated') AS violated, count(*) FILTER (WHERE status = 'not_applicable') AS na FROM kefu.result_principles GROUP BY 1, 2, 3, 4) g FULL JOIN kefu.principle_tally t USING (owner, trainee, mode, principle) WHERE g.met IS DISTINCT FROM t.met OR g.missed IS DISTINCT FROM t.missed OR g.violated IS DISTINCT FROM t.violated OR g.na IS DISTINCT FROM t.not_applicable"
tally_diff=$(pg_sql kefu_admin -c "$tally_sql")
[ "$tally_diff" = 0 ] && ok || bad "principle_tally disagrees with result_principles in $tally_diff rows"
# The same sync again: nothing waits, nothing doubles.
"$KEFU_BIN" sync "$OUT/alice" --all --db "$ALICE" >"$OUT/resync" 2>&1 &&
    grep -q "0 uploaded, 3 already there, 0 rejected, 0 waiting" "$OUT/resync" && ok ||
    bad "sync --all of uploaded results: $(cat "$OUT/resync")"
[ "$(pg_sql kefu_admin -c "SELECT count(*) FROM kefu.results")" = 7 ] && ok || bad "still 7 rows"

# ------------------------------------------------------------------ roles
# Each forbidden action must fail in the database, with its message.
forbid() { # who, sql, expected message part, what
    local out
    if out=$(pg_sql "$1" -c "$2" 2>&1); then
        bad "$1 may $4 (it must not): $out"
    elif ! grep -q "$3" <<<"$out"; then
        bad "$1 $4: expected '$3', got: $out"
    else
        ok
    fi
}
allow() { # who, sql, expected output, what
    local out
    out=$(pg_sql "$1" -c "$2" 2>&1)
    [ "$out" = "$3" ] && ok || bad "$1 $4: expected '$3', got '$out'"
}
aid=$(pg_sql kefu_admin -c "SELECT id FROM kefu.results WHERE owner = 'alice' ORDER BY id LIMIT 1")
bid=$(pg_sql kefu_admin -c "SELECT id FROM kefu.results WHERE owner = 'bob' ORDER BY id LIMIT 1")
allow alice "SELECT count(*) FROM kefu.results" 3 "sees only her own results"
allow alice "SELECT count(*) FROM kefu.results WHERE id = '$bid'" 0 "cannot see bob's result"
allow alice "SELECT count(*) FROM kefu.result_principles WHERE result_id = '$bid'" 0 \
    "cannot see bob's principle rows"
allow bob "SELECT count(*) FROM kefu.results" 4 "sees only his own results"
forbid alice "UPDATE kefu.results SET total = 100 WHERE id = '$aid'" "permission denied" \
    "update her own result"
forbid alice "DELETE FROM kefu.results WHERE id = '$aid'" "permission denied" "delete her own result"
forbid alice "UPDATE kefu.result_principles SET points = 99" "permission denied" "update principle rows"
forbid alice "DELETE FROM kefu.result_principles" "permission denied" "delete principle rows"
forbid alice "TRUNCATE kefu.results" "permission denied" "truncate the results"
forbid alice "UPDATE kefu.principle_tally SET met = met + 1" "permission denied" "update the tally"
forbid alice "SELECT kefu.tally_principles()" "permission denied" "call the tally function"
allow alice "SELECT DISTINCT owner FROM kefu.principle_tally" alice "reads only her tally"
forbid alice "INSERT INTO kefu.results (id, owner, trainee, scenario, mode, started_at, total, pass, outcome, body) SELECT 'x', 'bob', trainee, scenario, mode, started_at, total, pass, outcome, jsonb_set(body, '{id}', '\"x\"') FROM kefu.results WHERE id = '$aid'" \
    "row-level security" "insert a result in bob's name"
forbid alice "SET ROLE kefu_trainee; UPDATE kefu.results SET total = 1" "permission denied" \
    "update through SET ROLE"
forbid alice "INSERT INTO kefu.scenarios (id, source, sha256) VALUES ('x', 'return {}', 'x')" \
    "permission denied" "publish a scenario"
forbid alice "INSERT INTO kefu.exams (id, source, sha256) VALUES ('x', 'return {}', 'x')" \
    "permission denied" "publish an exam"
forbid alice "DROP TABLE kefu.results" "must be owner" "drop the results"
forbid alice "ALTER TABLE kefu.results DISABLE ROW LEVEL SECURITY" "must be owner" \
    "switch off row-level security"
allow hr "SELECT count(*) FROM kefu.results" 7 "reads every result"
allow hr "SELECT count(DISTINCT owner) FROM kefu.principle_tally" 2 "reads every tally"
allow hr "SELECT count(*) FROM kefu.result_principles WHERE result_id IN ('$aid', '$bid')" \
    "$(pg_sql kefu_admin -c "SELECT count(*) FROM kefu.result_principles WHERE result_id IN ('$aid', '$bid')")" \
    "reads every principle row"
forbid hr "UPDATE kefu.results SET total = 100" "permission denied" "update a result"
forbid hr "DELETE FROM kefu.results" "permission denied" "delete results"
forbid hr "INSERT INTO kefu.results (id, trainee, scenario, mode, started_at, total, pass, outcome, body) VALUES ('y', 'a', 'b', 'exam', now(), 1, true, 'sale', '{\"id\": \"y\"}')" \
    "permission denied" "insert a result"
forbid hr "INSERT INTO kefu.scenarios (id, source, sha256) VALUES ('x', 'return {}', 'x')" \
    "permission denied" "publish a scenario"
forbid trainer "SELECT count(*) FROM kefu.results" "permission denied" "read results"
forbid trainer "INSERT INTO kefu.scenarios (id, source, sha256, published_by) VALUES ('x', 'return {}', 'x', 'hr')" \
    "row-level security" "publish in another's name"
forbid stranger "SELECT count(*) FROM kefu.results" "permission denied" "read results"
forbid stranger "SELECT count(*) FROM kefu.scenarios" "permission denied" "read scenarios"
forbid trainer "DELETE FROM kefu.scenarios" "permission denied" "delete scenarios"

# Publishing through kefu: the trainer may, the others are refused by the database.
"$KEFU_BIN" db publish scenario scenarios/haggler.lua --db "$TRAINER" >"$OUT/pub" 2>&1 && ok ||
    bad "trainer publishes a scenario: $(cat "$OUT/pub")"
"$KEFU_BIN" db publish exam tests/data/exams/good.lua --db "$TRAINER" >>"$OUT/pub" 2>&1 && ok ||
    bad "trainer publishes an exam: $(cat "$OUT/pub")"
"$KEFU_BIN" db publish scenario scenarios/haggler.lua --db "$TRAINER" >>"$OUT/pub" 2>&1 && ok ||
    bad "trainer publishes a new version: $(cat "$OUT/pub")"
allow alice "SELECT id, sha256 = encode(sha256(convert_to(source, 'UTF8')), 'hex'), published_by FROM kefu.scenarios" \
    "haggler|t|trainer" "reads the published scenario"
allow hr "SELECT id FROM kefu.exams" "good" "reads the published exam"
if "$KEFU_BIN" db publish scenario scenarios/haggler.lua --db "$ALICE" >"$OUT/pub2" 2>&1; then
    bad "a trainee published a scenario"
else
    grep -q "permission denied" "$OUT/pub2" && ok || bad "trainee publish: $(cat "$OUT/pub2")"
fi

# ------------------------------------------------------------------ conflicts
# Alice re-uploads bob's result (same id, her login): the database has it under bob; she may
# not see it, and it is not overwritten.
mkdir -p "$OUT/steal"
cp "$(ls "$OUT/bob"/*.json | head -n 1)" "$OUT/steal/"
"$KEFU_BIN" sync "$OUT/steal" --all --db "$ALICE" >"$OUT/steal.log" 2>&1
[ $? = 1 ] && grep -q "taken by a result of another login" "$OUT/steal.log" &&
    [ -n "$(ls "$OUT/steal/.outbox/rejected/")" ] && ok ||
    bad "another login's id: $(cat "$OUT/steal.log")"
# A result edited after upload (same id, different body): reported, kept aside, not overwritten.
mkdir -p "$OUT/edit"
f=$(ls "$OUT/alice"/*.json | head -n 1)
sed 's/王小明/王大明/' "$f" >"$OUT/edit/$(basename "$f")"
"$KEFU_BIN" sync "$OUT/edit" --all --db "$ALICE" >"$OUT/edit.log" 2>&1
[ $? = 1 ] && grep -q "a different result with this id is there already" "$OUT/edit.log" &&
    grep -q "0 uploaded, 0 already there, 1 rejected, 0 waiting" "$OUT/edit.log" && ok ||
    bad "different body under the same id: $(cat "$OUT/edit.log")"
allow hr "SELECT count(*) FROM kefu.results WHERE trainee = '王大明'" 0 "the edit did not land"
# Not a results file: rejected, not retried.
mkdir -p "$OUT/junk/.outbox"
echo '{"schema": "nonsense"}' >"$OUT/junk/.outbox/x.json"
"$KEFU_BIN" sync "$OUT/junk" --db "$ALICE" >"$OUT/junk.log" 2>&1
[ $? = 1 ] && [ -f "$OUT/junk/.outbox/rejected/x.json" ] && ok || bad "junk: $(cat "$OUT/junk.log")"
# No database named: a usage error, nothing touched.
"$KEFU_BIN" sync "$OUT/alice" >"$OUT/nodb" 2>&1
[ $? = 2 ] && grep -q "no database named" "$OUT/nodb" && ok || bad "sync without a db: $(cat "$OUT/nodb")"

# ------------------------------------------------------------------ report --db = the folder's
mkdir -p "$OUT/all"
cp "$OUT/alice"/*.json "$OUT/bob"/*.json "$OUT/all/"
# A cohort is filtered by the server, so only its rows are read: the closing count "read N
# files" is the cohort's there and the whole folder's here. It alone may differ.
count_of() {
    if [ "$1" = cohort ]; then sed -E 's/read [0-9]+ files/read N files/'; else cat; fi
}
compare_reports() { # what, all|cohort, extra options... (the folder $OUT/all, the database $CMP_DB)
    local what=$1 kind=$2
    shift 2
    rm -rf "$OUT/rf" "$OUT/rd" && mkdir -p "$OUT/rf" "$OUT/rd"
    (cd "$OUT/all" && "$KEFU_BIN" report . "$@" --csv "$OUT/rf/r.csv" --html "$OUT/rf/r.html") \
        >"$OUT/rf/out" 2>"$OUT/rf/err" || bad "$what: folder report failed: $(cat "$OUT/rf/err")"
    "$KEFU_BIN" report --db "$CMP_DB" "$@" --csv "$OUT/rd/r.csv" --html "$OUT/rd/r.html" \
        >"$OUT/rd/out" 2>"$OUT/rd/err" || bad "$what: database report failed: $(cat "$OUT/rd/err")"
    # The folder's rows are named ./ID.json, the database's ID.json; the output files' own
    # paths differ too. Everything else must be the same bytes.
    local f
    for f in out r.csv r.html $(cd "$OUT/rf" && ls r_files/*); do
        sed -e 's#\./\([0-9T]*Z-\)#\1#g' -e "s#$OUT/r[fd]/##g" "$OUT/rf/$f" | count_of "$kind" >"$OUT/rf/$f.n"
        sed -e "s#$OUT/r[fd]/##g" "$OUT/rd/$f" | count_of "$kind" >"$OUT/rd/$f.n"
        [ -s "$OUT/rf/$f.n" ] && cmp -s "$OUT/rf/$f.n" "$OUT/rd/$f.n" && ok ||
            bad "$what: $f differs: $(diff "$OUT/rf/$f.n" "$OUT/rd/$f.n" | head -n 4 | cut -c1-300)"
    done
    [ "$(ls "$OUT/rf/r_files" | wc -l)" = "$(ls "$OUT/rd/r_files" | wc -l)" ] && ok ||
        bad "$what: the trainee pages differ in number"
}
CMP_DB=$HR
compare_reports "everything" all --mode all
compare_reports "a cohort" cohort --trainee 李小红 --scenario haggler --mode practice
compare_reports "a window" cohort --since 2000-01-01 --until 2100-01-01
grep -q "会话 7 场" "$OUT/rd/out" && ok || bad "the database report covers 7 sessions: $(head -3 "$OUT/rd/out")"
# A trainee's report from the database shows only her sessions.
"$KEFU_BIN" report --db "$ALICE" --mode all >"$OUT/alice.rep" 2>&1 && grep -q "会话 3 场 · 学员 1 人" "$OUT/alice.rep" &&
    ok || bad "alice's report: $(head -3 "$OUT/alice.rep")"
# The overview computed by the server: the folder's totals, the trainees, the heat map; the
# tally (everything) and the cohort's principle rows (a mode) count the same here, all being
# practice sessions.
"$KEFU_BIN" report --db "$HR" --overview --mode all --html "$OUT/ov-all.html" >"$OUT/ov.log" 2>&1 &&
    "$KEFU_BIN" report --db "$HR" --overview --mode practice --html "$OUT/ov-pr.html" >>"$OUT/ov.log" 2>&1 &&
    ok || bad "overview: $(cat "$OUT/ov.log")"
(cd "$OUT/all" && "$KEFU_BIN" report . --mode all) >"$OUT/folder.txt" 2>/dev/null
avg=$(grep -o '平均分 [0-9.]* · 通过 [0-9]* 场' "$OUT/folder.txt" | head -n 1)
ov="$(sed -E 's/<[^>]+>/ /g' "$OUT/ov-all.html")"
grep -q "会话 7 场 · 学员 2 人 · 场景 3 个" <<<"$ov" && ok || bad "overview header"
[ -n "$avg" ] && grep -q "平均分 *${avg#平均分 }" <<<"$(sed -E 's/ +/ /g' <<<"$ov" | sed 's/通过 \([0-9]*\) 场/· 通过 \1 场/')" &&
    ok || bad "overview totals differ from the folder's '$avg'"
grep -q '李小红 *4 *0%' <<<"$ov" && grep -q '王小明 *3 *100%' <<<"$ov" && ok || bad "overview trainees"
grep -q 'id="heatmap"' "$OUT/ov-all.html" && ok || bad "overview heat map"
diff <(sed -n 's/.*\(<section id="principles">.*\)/\1/p' "$OUT/ov-all.html") \
    <(sed -n 's/.*\(<section id="principles">.*\)/\1/p' "$OUT/ov-pr.html") >/dev/null && ok ||
    bad "overview: the tally and the principle rows disagree"
"$KEFU_BIN" report --db "$HR" --overview >"$OUT/ov-bad" 2>&1
[ $? = 2 ] && ok || bad "--overview without --html: $(cat "$OUT/ov-bad")"
"$KEFU_BIN" report "$OUT/all" --db "$HR" >"$OUT/both" 2>&1
[ $? = 2 ] && grep -q "one source" "$OUT/both" && ok || bad "folder and --db: $(cat "$OUT/both")"

# ------------------------------------------------------------------ upgrade with data in it
# A database at version 1 (no mode in the principle rows nor in the tally) with practice and
# exam sessions in it, migrated to version 2 (twice): the rows uploaded before take their
# result's mode, the tally is counted again per mode, and the overview of one mode, now read
# from the tally, shows what the principle rows show; the report is still the folder's.
"$PG_BIN/createdb" -h "$PG_HOST" -p "$PG_PORT" -U kefu_admin kefu3
url3() { pg_url_as "$1" | sed 's#:///kefu?#:///kefu3?#'; }
"$KEFU_BIN" db migrate --db "$(url3 kefu_admin)" --to 1 >"$OUT/u1" 2>&1 &&
    grep -q "migrated from version 0 to 1" "$OUT/u1" && ok || bad "migrate --to 1: $(cat "$OUT/u1")"
sql3() { "$PG_BIN/psql" -X -At -v ON_ERROR_STOP=1 "$(url3 "$1")" -c "$2"; }
[ "$(sql3 kefu_admin "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'kefu' AND column_name = 'mode'")" = 1 ] &&
    ok || bad "version 1 has mode in the results only"
mkdir -p "$OUT/v1"
for s in haggler return_policy; do
    "$KEFU_BIN" run "$s" --replies "tests/data/playthroughs/${s}_good.jsonl" --trainee 王小明 \
        --mode exam --seed 4 --out "$OUT/v1" 2>>"$OUT/run.log" || bad "exam run $s"
    "$KEFU_BIN" run "$s" --replies "tests/data/playthroughs/${s}_bad.jsonl" --trainee 王小明 \
        --mode exam --seed 5 --out "$OUT/v1" 2>>"$OUT/run.log" || bad "exam run $s (bad)"
done
"$KEFU_BIN" sync "$OUT/v1" --all --db "$(url3 alice)" >"$OUT/u-sync1" 2>&1 &&
    "$KEFU_BIN" sync "$OUT/alice" --all --db "$(url3 alice)" >>"$OUT/u-sync1" 2>&1 &&
    "$KEFU_BIN" sync "$OUT/bob" --all --db "$(url3 bob)" >>"$OUT/u-sync1" 2>&1 && ok ||
    bad "uploads at version 1: $(cat "$OUT/u-sync1")"
[ "$(sql3 kefu_admin "SELECT count(*) FILTER (WHERE mode = 'exam') || '/' || count(*) FROM kefu.results")" = 4/11 ] &&
    ok || bad "version 1: 4 exams of 11 results"
"$KEFU_BIN" report --db "$(url3 hr)" --overview --html "$OUT/u-v1.html" >"$OUT/u-v1" 2>&1
[ $? = 1 ] && grep -q "schema is version 1; the overview needs version 2: run kefu db migrate" "$OUT/u-v1" &&
    [ ! -e "$OUT/u-v1.html" ] && ok || bad "overview at version 1: $(cat "$OUT/u-v1")"
"$KEFU_BIN" db migrate --db "$(url3 kefu_admin)" >"$OUT/u2" 2>&1 &&
    grep -q "migrated from version 1 to 2" "$OUT/u2" && ok || bad "migrate 1 to 2: $(cat "$OUT/u2")"
"$KEFU_BIN" db migrate --db "$(url3 kefu_admin)" >"$OUT/u3" 2>&1 &&
    grep -q "version 2, up to date" "$OUT/u3" && ok || bad "migrate again: $(cat "$OUT/u3")"
[ "$(sql3 kefu_admin "SELECT string_agg(version::text, ',' ORDER BY version) FROM kefu.migrations")" = 1,2 ] &&
    ok || bad "migrations after the upgrade: $(sql3 kefu_admin "SELECT * FROM kefu.migrations")"
[ "$(sql3 kefu_admin "SELECT count(*) FROM kefu.result_principles p JOIN kefu.results r ON r.id = p.result_id WHERE p.mode IS DISTINCT FROM r.mode")" = 0 ] &&
    ok || bad "principle rows uploaded before the upgrade: mode not their result's"
[ "$(sql3 kefu_admin "SELECT count(DISTINCT mode) FROM kefu.principle_tally WHERE owner = 'alice'")" = 2 ] &&
    ok || bad "the tally is kept per mode"
tally_diff=$(sql3 kefu_admin "$tally_sql")
[ "$tally_diff" = 0 ] && ok || bad "after the upgrade the tally disagrees in $tally_diff rows"
# The overview of each mode: the tally's heat map and principles (no dates) against the
# principle rows' (a window covering everything).
for m in exam practice; do
    "$KEFU_BIN" report --db "$(url3 hr)" --overview --mode $m --html "$OUT/u-$m-tally.html" \
        >"$OUT/u-ov.log" 2>&1 &&
        "$KEFU_BIN" report --db "$(url3 hr)" --overview --mode $m --since 2000-01-01 \
            --html "$OUT/u-$m-rows.html" >>"$OUT/u-ov.log" 2>&1 && ok ||
        bad "overview $m after the upgrade: $(cat "$OUT/u-ov.log")"
    heat() { sed -n 's/.*\(<section id="principles">.*\)/\1/p' "$1"; }
    [ -n "$(heat "$OUT/u-$m-tally.html")" ] &&
        [ "$(heat "$OUT/u-$m-tally.html")" = "$(heat "$OUT/u-$m-rows.html")" ] && ok ||
        bad "overview $m: the tally and the principle rows disagree after the upgrade"
done
grep -q "会话 4 场 · 学员 1 人 · 场景 2 个" <<<"$(sed -E 's/<[^>]+>/ /g' "$OUT/u-exam-tally.html")" &&
    ok || bad "exam overview after the upgrade: the 4 exams of before"
# A newer upload lands in the tally under its mode; one without a mode (as an older kefu
# sends) takes its result's.
"$KEFU_BIN" run late_parcel --replies tests/data/playthroughs/late_parcel_good.jsonl \
    --trainee 王小明 --mode exam --seed 6 --out "$OUT/v1" --db "$(url3 alice)" 2>>"$OUT/run.log" ||
    bad "exam run after the upgrade"
[ "$(sql3 kefu_admin "$tally_sql")" = 0 ] && ok || bad "the tally after an upload at version 2"
xid=$(sql3 kefu_admin "SELECT id FROM kefu.results WHERE scenario = 'late_parcel' AND mode = 'exam'")
sql3 alice "INSERT INTO kefu.result_principles (result_id, ord, principle, status, trainee) VALUES ('$xid', 99, 'extra', 'met', '王小明')" >/dev/null &&
    [ "$(sql3 kefu_admin "SELECT mode FROM kefu.result_principles WHERE ord = 99")" = exam ] &&
    [ "$(sql3 kefu_admin "$tally_sql")" = 0 ] && ok || bad "a principle row without a mode"
sql3 kefu_admin "DELETE FROM kefu.principle_tally WHERE principle = 'extra'; DELETE FROM kefu.result_principles WHERE ord = 99" >/dev/null
rm -rf "$OUT/all" && mkdir -p "$OUT/all"
cp "$OUT/alice"/*.json "$OUT/bob"/*.json "$OUT/v1"/*.json "$OUT/all/"
CMP_DB=$(url3 hr)
compare_reports "after the upgrade, everything" all --mode all
compare_reports "after the upgrade, the exams" all
compare_reports "after the upgrade, a cohort" cohort --trainee 王小明 --mode practice

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# The results format's keys are spelled once, in engine/results/schema.h (RK_TRAINEE is
# "trainee", ...): no other file of engine/, src/, tests/ or bench/ names a results key as a
# string literal in a cJSON member call (cJSON_GetObjectItem*, cJSON_Add*ToObject,
# cJSON_HasObjectItem, cJSON_Delete/Detach/ReplaceItem*Object*), nor in the reader helpers of
# the files that own the format. A few other formats use a name that is also a results key;
# they are listed below with their file, the key and what format it is.
# Prints one line per literal found and a final "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# Other formats' members that happen to share a name with a results key: "file key: format".
OTHER_FORMATS='
engine/persona/playback.c text: a replies file line {"after", "typing", "text"}
engine/authoring/selftest_script.c text: a replies file line it writes
bench/bench_accuracy.c hits: a line of kefu analyze --json output
bench/bench_analyze.c persona: a labelled reply {"reply", "customer", "persona"}
tests/test_rubric.c persona: a labelled reply {"reply", "customer", "persona"}
engine/results/review.c schema: a reviewer verdict line (kefu.review/1)
engine/results/review.c file: a reviewer verdict line (kefu.review/1)
engine/results/review.c principle: a reviewer verdict line (kefu.review/1)
engine/results/review.c persona: a reviewer verdict line, and a labelled reply it exports
engine/results/review.c id: a labelled reply it exports {"id", "reply", "fires", "not"}
tests/test_review.c persona: a labelled reply kefu review --export writes
'

keys=$(sed -nE 's/^#define RK_[A-Z0-9_]+ "([^"]+)".*/\1/p' engine/results/schema.h | paste -sd'|' -)
[ -n "$keys" ] || { echo "FAIL no RK_ keys found in engine/results/schema.h"; exit 1; }
[ "$(tr '|' '\n' <<<"$keys" | wc -l)" -ge 60 ] && passed=$((passed + 1)) ||
    fail "engine/results/schema.h: expected the format's ~70 RK_ keys, found: $keys"

# Each "file:line: key" where a call's key argument (the one after the object, which may itself
# be a call) is a string literal naming a results key. Calls nested in the object are found too.
# With HELPERS set, the format's own files are held to their helpers as well (record.c's put,
# record_load.c's get_* and enter_key, the schema's field).
scan() {
    HELPERS=${HELPERS:-} perl -e '
        use strict; use warnings;
        my $alt = shift;
        my $bal; $bal = qr/\((?:[^()]++|(??{$bal}))*\)/;
        my $arg = qr/\s*(?:[^(),"]++|$bal|"(?:[^"\\]|\\.)*")*,/;
        # A call name and how many arguments come before its key.
        my @calls = (["cJSON_(?:GetObjectItem(?:CaseSensitive)?|HasObjectItem|Add\\w*ToObject(?:CS)?|(?:Delete|Detach)ItemFromObject(?:CaseSensitive)?|ReplaceItemInObject(?:CaseSensitive)?)", 1]);
        push @calls, ["field|enter_key", 1], ["put|get_str|get_num|get_bool|get_container", 2]
            if $ENV{HELPERS};
        for my $f (@ARGV) {
            open my $fh, "<", $f or die "$f: $!";
            local $/; my $s = <$fh>;
            # comments say keys in prose: blank them, keeping the lines
            $s =~ s{/\*.*?\*/}{my $c = $&; $c =~ s/[^\n]/ /g; $c}gse;
            for my $c (@calls) {
                my ($names, $before) = @$c;
                while ($s =~ /\b(?:$names)\s*\((?:$arg){$before}\s*"($alt)"/g) {
                    my $line = 1 + (substr($s, 0, $-[0]) =~ tr/\n//);
                    print "$f:$line: $1\n";
                    pos($s) = $-[0] + 1;
                }
            }
        }' "$keys" "$@"
}

files=$(find engine src tests bench -name '*.[ch]' | sort)
files=$(grep -vxE 'engine/results/schema\.h|engine/results/schema_names\.c' <<<"$files")
format_files='engine/results/schema.c engine/results/record.c engine/results/record_file.c
engine/results/record_load.c tests/report_gen.h'
found=$({ scan $files; HELPERS=1 scan $format_files; } | sort -u)
while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    file=${hit%%:*}
    key=${hit##*: }
    if grep -qF "$file $key:" <<<"$OTHER_FORMATS"; then
        continue
    fi
    fail "$hit: spell the results key as its RK_ name from results/schema.h"
done <<<"$found"

# The check itself must see a literal where one is (so a broken pattern cannot pass silently).
probe=$(mktemp)
trap 'rm -f "$probe"' EXIT
printf 'x = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItem(root, "scorecard"), RK_X);\n' \
    >"$probe"
printf 'cJSON_AddStringToObject(o, RK_MODE, "exam");\nput(b, o, "trainee", v);\n' >>"$probe"
[ "$(scan "$probe" | wc -l)" -eq 1 ] && [ -n "$(scan "$probe" | grep ': scorecard$')" ] &&
    [ "$(HELPERS=1 scan "$probe" | wc -l)" -eq 2 ] &&
    passed=$((passed + 1)) || fail "the scan missed a literal key, or took a value for a key"

[ "$failed" -eq 0 ] && passed=$((passed + 1))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

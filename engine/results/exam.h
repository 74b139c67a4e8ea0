/* exam: an exam HR issues (a Lua data file: id, title, scenarios with seeds, roster, attempts,
 * an optional time window, the pass mark) and the checks before a trainee may sit it: on the
 * roster, inside the window, attempts left (counted from the results folder and its journals). */
#ifndef KEFU_EXAM_H
#define KEFU_EXAM_H

#include <time.h>

#include "base/kerr.h"

/* The most scenarios, names on the roster and attempts an exam may list. */
#define EXAM_MAX_LIST 500
#define EXAM_MAX_ATTEMPTS 100

typedef struct ExamScenario {
    char *id;           /* a scenario id (a file stem under the scenarios folder) */
    unsigned long seed; /* the seed every trainee plays it with */
} ExamScenario;

/* A loaded exam. Everything owned by the Exam. */
typedef struct Exam {
    char *path;  /* the file it was read from */
    char *id;    /* recorded in results as exam.id */
    char *title; /* shown to the trainee */
    ExamScenario *scenarios;
    int nscenarios;
    char **roster; /* the trainees allowed, in the file's order */
    int nroster;
    int attempts;     /* attempts allowed per scenario, 1..EXAM_MAX_ATTEMPTS */
    double pass_mark; /* 0..100; replaces the scenarios' own */
    int has_from, has_until;
    time_t from, until;           /* the window, UTC seconds (only when has_*) */
    char *from_text, *until_text; /* as written, for messages (NULL when absent) */
} Exam;

/* Reads an exam file in a fresh sandbox (engine/lua/sandbox) and checks every field through
 * luadata. Returns the exam (caller frees with exam_destroy), or NULL with err
 * "file:line: problem" naming the first mistake. */
Exam *exam_load(const char *path, KefuError *err);

/* Frees the exam; exam_destroy(NULL) does nothing. */
void exam_destroy(Exam *e);

/* The exam's entry for a scenario id, or NULL when the exam does not list it. Borrowed from e. */
const ExamScenario *exam_scenario(const Exam *e, const char *id);

/* 1 when name is on the roster (compared byte for byte), else 0. */
int exam_on_roster(const Exam *e, const char *name);

/* Attempts trainee already used at scenario_id of this exam: results in dir (*.json) and
 * sessions still in dir/.journal (live, crashed or killed, or set aside as corrupt) that
 * carry this exam's id, counted once per session id. A folder that does not exist holds none.
 * Returns the count, or -1 with err when dir cannot be read. */
int exam_attempts_used(const Exam *e, const char *dir, const char *trainee, const char *scenario_id,
                       KefuError *err);

/* Whether now falls inside the window. Returns 0, or -1 with err saying when the exam opens
 * or closed (in the file's own words). */
int exam_check_window(const Exam *e, time_t now, KefuError *err);

/* All the checks before a sitting: trainee on the roster, scenario in the exam, now inside
 * the window, an attempt left at the scenario in the results folder dir. Returns the attempt
 * number this sitting gets (1-based), or -1 with err, a sentence for the trainee. */
int exam_admit(const Exam *e, const char *dir, const char *trainee, const char *scenario_id,
               time_t now, KefuError *err);

#endif

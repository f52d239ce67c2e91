package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary stand in for the argmap command, so that
// scripts run the real command line with its real exit status.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"argmap": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script. Besides the
// standard commands, scripts have `exits CODE PROGRAM [ARGS...]`, which
// runs a program like exec and checks its exit status: the statuses are
// documented, so a script says which one it expects, not merely that the
// command failed. `terminal FILE` compares FILE with what the last command
// printed as a terminal shows it, standard output then standard error, for
// scripts that follow a page of the docs. $CORPORA is the folder of the
// test corpora of render/testdata/corpora.
func TestScripts(t *testing.T) {
	corpora, err := filepath.Abs("../../render/testdata/corpora")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": cmdExits, "terminal": cmdTerminal},
		Setup: func(env *testscript.Env) error {
			// The test corpora other than the built-in one, which render's
			// tests share: scripts read them in place and write in $WORK.
			env.Setenv("CORPORA", corpora)
			return nil
		},
	})
}

func cmdTerminal(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: terminal FILE")
	}
	got := ts.ReadFile("stdout") + ts.ReadFile("stderr")
	if want := ts.ReadFile(args[0]); got != want {
		ts.Fatalf("the output differs from %s:\n--- got ---\n%s--- want ---\n%s", args[0], got, want)
	}
}

func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit status", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exits: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

package main

import (
	"errors"
	"os"
	"os/exec"
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
// command failed.
//
// The scripts share one user cache folder of their own, filled by one run
// before they start, so that go-graphviz's module is compiled once for all
// of them, and nothing is written to the home testscript names (/no-home).
func TestScripts(t *testing.T) {
	cache := t.TempDir()
	warm := exec.Command("argmap", "version") // the test binary, as TestMain put it on PATH
	warm.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache)
	if out, err := warm.CombinedOutput(); err != nil {
		t.Fatalf("argmap version: %v\n%s", err, out)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": cmdExits},
		Setup: func(env *testscript.Env) error {
			env.Setenv("XDG_CACHE_HOME", cache)
			return nil
		},
	})
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

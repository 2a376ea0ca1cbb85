package core

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestStandardLibraryOnly fails if any package under core imports something
// outside the standard library and nnstep/core itself.
func TestStandardLibraryOnly(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no go command under GOOS=js; the native run checks this")
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "nnstep/core/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p != "nnstep/core" && !strings.HasPrefix(p, "nnstep/core/") {
			t.Errorf("core depends on %s", p)
		}
	}
}

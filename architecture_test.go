package tenfoot_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The packages that must run anywhere Go runs: in `go test` with no display and under
// GOOS=js with Node. They may not depend on Ebitengine, directly or not. input is pure
// but its subpackage ebitensrc is where Ebitengine's devices are read.
var (
	pureTrees    = []string{"tenfoot/session", "tenfoot/ui", "tenfoot/screens", "tenfoot/kiosk"}
	purePackages = []string{"tenfoot/input"}
)

func TestPurePackagesDoNotDependOnEbitengine(t *testing.T) {
	out, err := exec.Command("go", "list", "./...").Output()
	require.NoError(t, err)
	checked := 0
	for _, pkg := range strings.Fields(string(out)) {
		if !isPure(pkg) {
			continue
		}
		deps, err := exec.Command("go", "list", "-deps", pkg).Output()
		require.NoError(t, err)
		for _, dep := range strings.Fields(string(deps)) {
			if strings.HasPrefix(dep, "github.com/hajimehoshi/ebiten") {
				t.Errorf("%s depends on %s; pure packages must not touch Ebitengine", pkg, dep)
				break
			}
		}
		checked++
	}
	assert.GreaterOrEqual(t, checked, 3, "the pure packages were found")
}

func isPure(pkg string) bool {
	for _, p := range pureTrees {
		if pkg == p || strings.HasPrefix(pkg, p+"/") {
			return true
		}
	}
	for _, p := range purePackages {
		if pkg == p {
			return true
		}
	}
	return false
}
